/**
 * Routes of government procurement for SMEs (issue 17, measure 8). The public calculators, no account needed:
 * what a project requires under the rules in force on its announcement date, the price evaluation of one item's
 * bids, and the dated rules both apply (src/reference/procurement.ts; docs/reference/procurement.md).
 */
import {
  BID_ROLES,
  BIDDER_SIZES,
  EXEMPTIONS,
  evaluateBids,
  PROCUREMENT_DOCUMENTS,
  PROCUREMENT_KINDS,
  PROCUREMENT_RULES,
  PROCUREMENT_RULES_START,
  ProcurementInputError,
  projectRequirement,
  RESERVATION_WAYS,
} from '../../../reference/procurement.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  EvaluationBody,
  EvaluationSchema,
  ProcurementRulesSchema,
  RequirementBody,
  RequirementSchema,
} from '../../../shared/api/procurement.ts';
import { AppError } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';

const tags = ['procurement'];

/** Runs a rule of the reference layer; its input error becomes a field error of the request. */
function applying<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof ProcurementInputError)
      throw new AppError('VALIDATION_FAILED', [{ field: error.field, message: error.reason }]);
    throw error;
  }
}

/** Registers the procurement routes. */
export function procurementRoutes(app: App, _deps: ModuleDeps): void {
  app.post(
    '/api/public/procurement/requirement',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'What a project must reserve for SMEs, or the price deductions it must apply, under the rules in force on its announcement date',
        body: RequirementBody,
        response: { 200: RequirementSchema, ...errorResponses },
      },
    },
    async (request) => {
      const requirement = applying(() => projectRequirement(request.body));
      return {
        ...requirement,
        documents: [...requirement.documents],
        provisions: [...requirement.provisions],
      };
    },
  );
  app.post(
    '/api/public/procurement/evaluate',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Price evaluation of one item’s bids: each bid’s deduction and evaluated price, the ranking and the provisions applied',
        body: EvaluationBody,
        response: { 200: EvaluationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const evaluation = applying(() => evaluateBids(request.body));
      return {
        ...evaluation,
        documents: [...evaluation.documents],
        bids: [...evaluation.bids],
        ranking: [...evaluation.ranking],
        provisions: [...evaluation.provisions],
      };
    },
  );
  app.get(
    '/api/public/procurement/rules',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The dated rules the calculators apply, each figure with its document and how sure it is',
        response: { 200: ProcurementRulesSchema, ...errorResponses },
      },
    },
    async () => ({
      documents: PROCUREMENT_DOCUMENTS.map((d) => ({ ...d })),
      start: PROCUREMENT_RULES_START,
      versions: PROCUREMENT_RULES.map((v) => ({ ...v, documents: [...v.documents] })),
      kinds: PROCUREMENT_KINDS.map((t) => ({ ...t })),
      sizes: BIDDER_SIZES.map((t) => ({ ...t })),
      roles: BID_ROLES.map((t) => ({ ...t })),
      exemptions: EXEMPTIONS.map((t) => ({ ...t })),
      reservationWays: RESERVATION_WAYS.map((t) => ({ ...t })),
    }),
  );
}
