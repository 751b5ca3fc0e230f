/** Routes of receivables that finance (issue 15): the enterprise's requests, the debtor's answers. */
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  ConfirmReceivableBody,
  DisputeReceivableBody,
  PayerReceivableListSchema,
  PayerReceivableParams,
  PayerReceivableSchema,
  ReceivableBody,
  ReceivableListQuery,
  ReceivableListSchema,
  ReceivableSchema,
  VersionBody,
} from '../../../shared/api/financing.ts';
import { todayInChina } from '../../../shared/today.ts';
import { callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import * as receivables from './financing.receivables.ts';

const ENTERPRISE = { roles: ['enterprise'] } as const;
const PAYER = { roles: ['payer'] } as const;
const tags = ['financing'];
const today = () => todayInChina();

/** Registers the receivables routes. */
export function receivablesRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/my/financing/receivables',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'My receivables: confirmation requests to debtors and their answers',
        querystring: ReceivableListQuery,
        response: { 200: ReceivableListSchema, ...errorResponses },
      },
    },
    async (request) => receivables.myReceivables(db, callerOf(request), request.query, today()),
  );
  app.post(
    '/api/my/financing/receivables',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Ask a debtor to confirm a receivable (from my overdue-payment complaint, or a contract)',
        body: ReceivableBody,
        response: { 200: ReceivableSchema, ...errorResponses },
      },
    },
    async (request) => receivables.requestConfirmation(db, callerOf(request), request.body, today()),
  );
  app.get(
    '/api/my/financing/receivables/:id',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'One of my receivables',
        params: IdParams,
        response: { 200: ReceivableSchema, ...errorResponses },
      },
    },
    async (request) => receivables.myReceivable(db, callerOf(request), request.params.id, today()),
  );
  app.post(
    '/api/my/financing/receivables/:id/withdraw',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Withdraw a request, or a confirmed receivable not financed',
        params: IdParams,
        body: VersionBody,
        response: { 200: ReceivableSchema, ...errorResponses },
      },
    },
    async (request) =>
      receivables.withdrawReceivable(db, callerOf(request), request.params.id, request.body.version, today()),
  );
  app.post(
    '/api/my/financing/receivables/:id/escalate',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Unanswered past the period: raise it as a complaint (督办 in the case engine)',
        params: IdParams,
        body: VersionBody,
        response: { 200: ReceivableSchema, ...errorResponses },
      },
    },
    async (request) =>
      receivables.escalateReceivable(db, callerOf(request), request.params.id, request.body.version, today()),
  );
  app.get(
    '/api/payer/receivables',
    {
      config: { access: PAYER },
      schema: {
        tags,
        summary: 'Receivables my body is asked to confirm, and the notices of those financed',
        querystring: ReceivableListQuery,
        response: { 200: PayerReceivableListSchema, ...errorResponses },
      },
    },
    async (request) => receivables.payerReceivables(db, callerOf(request), request.query, today()),
  );
  app.post(
    '/api/payer/receivables/:enterpriseId/:id/confirm',
    {
      config: { access: PAYER },
      schema: {
        tags,
        summary: 'Confirm a receivable (in full, or a part)',
        params: PayerReceivableParams,
        body: ConfirmReceivableBody,
        response: { 200: PayerReceivableSchema, ...errorResponses },
      },
    },
    async (request) =>
      receivables.answerReceivable(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.id,
        { kind: 'confirm', ...request.body },
        today(),
      ),
  );
  app.post(
    '/api/payer/receivables/:enterpriseId/:id/dispute',
    {
      config: { access: PAYER },
      schema: {
        tags,
        summary: 'Dispute a receivable, with reasons',
        params: PayerReceivableParams,
        body: DisputeReceivableBody,
        response: { 200: PayerReceivableSchema, ...errorResponses },
      },
    },
    async (request) =>
      receivables.answerReceivable(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.id,
        { kind: 'dispute', ...request.body },
        today(),
      ),
  );
}
