/**
 * Routes of the debtor body's official (a payer): the complaints against their organisation, their answers and
 * the annual disclosure of overdue payments they publish; and the public reading of published disclosures.
 */
import Type from 'typebox';
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  ClaimAnswerBody,
  ClaimDetailSchema,
  ClaimPageSchema,
  ClaimsQuery,
  DisclosureSchema,
  PayerDisclosureSchema,
  PayerSummarySchema,
  PublicDisclosureQuery,
  PublishDisclosureBody,
  YearQuery,
} from '../../../shared/api/supervision.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import * as disclosure from './cases.disclosure.ts';
import * as payer from './cases.payer.ts';

const PAYER = { roles: ['payer'] } as const;

/** Registers the payer's routes and the public list of published disclosures. */
export function payerRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/payer/summary',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: 'My organisation: complaints awaiting an answer, amount outstanding',
        response: { 200: PayerSummarySchema, ...errorResponses },
      },
    },
    async (request) => payer.payerSummary(db, actorOf(request)),
  );
  app.get(
    '/api/payer/claims',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: 'Overdue-payment complaints against my organisation (complainants confidential)',
        querystring: ClaimsQuery,
        response: { 200: ClaimPageSchema, ...errorResponses },
      },
    },
    async (request) => payer.listClaims(db, actorOf(request), request.query),
  );
  app.get(
    '/api/payer/claims/:id',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: 'One complaint against my organisation',
        params: IdParams,
        response: { 200: ClaimDetailSchema, ...errorResponses },
      },
    },
    async (request) => payer.getClaim(db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/payer/claims/:id/answers',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: 'Answer a complaint: acknowledge, dispute with reasons, or record a payment',
        params: IdParams,
        body: ClaimAnswerBody,
        response: { 200: ClaimDetailSchema, ...errorResponses },
      },
    },
    async (request) => payer.answerClaim(db, callerOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/payer/disclosure',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary:
          "My organisation's disclosure of a year: generated from the complaints, and the published one",
        querystring: YearQuery,
        response: { 200: PayerDisclosureSchema, ...errorResponses },
      },
    },
    async (request) => disclosure.payerDisclosure(db, actorOf(request), request.query.year),
  );
  app.post(
    '/api/payer/disclosures',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: "Publish my organisation's disclosure of a year (due by 31 March of the next)",
        body: PublishDisclosureBody,
        response: { 200: DisclosureSchema, ...errorResponses },
      },
    },
    async (request) => disclosure.publishDisclosure(db, callerOf(request), request.body),
  );
  // What the debtor bodies published, read by anyone (registered here to keep the documented order).
  app.get(
    '/api/public/arrears-disclosures',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'Published annual disclosures of overdue payments by government bodies and public institutions',
        querystring: PublicDisclosureQuery,
        response: {
          200: Type.Object({
            items: Type.Array(DisclosureSchema),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => disclosure.publicDisclosures(db, request.query),
  );
}
