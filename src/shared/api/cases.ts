/** API schemas of the case engine: demands (诉求) and overdue-payment complaints (measures 21, 23). */
import Type, { type Static } from 'typebox';
import { DEMAND_CATEGORIES } from '../demand-categories.ts';
import { DateTime, Nullable, PageQuery, RegionCode, Strict } from './common.ts';
import { ClaimBody } from './payments.ts';

export { DEMAND_CATEGORIES };

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const CaseTypeSchema = Type.Union([Type.Literal('demand'), Type.Literal('arrears')]);
export const CaseStateSchema = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('returned'),
  Type.Literal('accepted'),
  Type.Literal('in_progress'),
  Type.Literal('info_requested'),
  Type.Literal('replied'),
  Type.Literal('closed'),
  Type.Literal('merged'),
]);

export const DemandBody = Strict({
  kind: Type.Union([
    Type.Literal('consultation'),
    Type.Literal('complaint'),
    Type.Literal('suggestion'),
    Type.Literal('help'),
  ]),
  category: Type.Union([
    Type.Literal('financing'),
    Type.Literal('tax'),
    Type.Literal('policy'),
    Type.Literal('market'),
    Type.Literal('rights'),
    Type.Literal('employment'),
    Type.Literal('innovation'),
    Type.Literal('approval'),
    Type.Literal('other'),
  ]),
  title: Type.String({ minLength: 2, maxLength: 100 }),
  description: Type.String({ minLength: 5, maxLength: 5000 }),
});

// Keep DEMAND_CATEGORIES and the schema's categories in step.
void (DEMAND_CATEGORIES satisfies readonly Static<typeof DemandBody>['category'][]);

const { asOf: _asOf, ...claimProperties } = ClaimBody.properties;
export const ArrearsBody = Strict({
  debtorUscc: Type.String({ minLength: 18, maxLength: 18 }),
  debtorName: Type.String({ minLength: 2, maxLength: 200 }),
  contractNumber: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.String({ minLength: 5, maxLength: 5000 }),
  claim: Strict(claimProperties),
});

export const CaseActionBodySchema = Strict({
  action: Type.Union([
    Type.Literal('accept'),
    Type.Literal('return'),
    Type.Literal('assign'),
    Type.Literal('transfer'),
    Type.Literal('request_info'),
    Type.Literal('provide_info'),
    Type.Literal('reply'),
    Type.Literal('extend'),
    Type.Literal('rate'),
    Type.Literal('reopen'),
    Type.Literal('close'),
    Type.Literal('merge'),
    Type.Literal('comment'),
    Type.Literal('amend_claim'),
  ]),
  version: Type.Integer({ minimum: 1 }),
  note: Type.Optional(Type.String({ maxLength: 5000 })),
  assigneeId: Type.Optional(Type.Integer({ minimum: 1 })),
  departmentCode: Type.Optional(Type.String({ maxLength: 40 })),
  regionCode: Type.Optional(RegionCode),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  rating: Type.Optional(
    Type.Union([Type.Literal('satisfied'), Type.Literal('basically_satisfied'), Type.Literal('unsatisfied')]),
  ),
  mergeInto: Type.Optional(Type.Integer({ minimum: 1 })),
  claim: Type.Optional(
    Strict(claimProperties, { description: 'amend_claim: the claim as it is to read now' }),
  ),
});
export type CaseActionBodySchema = Static<typeof CaseActionBodySchema>;

export const MyCasesQuery = Strict({ type: Type.Optional(CaseTypeSchema), ...PageQuery });
const STATE_NAME = '(submitted|returned|accepted|in_progress|info_requested|replied|closed|merged)';
export const CaseQueueQuery = Strict({
  state: Type.Optional(
    Type.String({
      pattern: `^${STATE_NAME}(,${STATE_NAME}){0,7}$`,
      description: 'a state, or several separated by commas',
    }),
  ),
  type: Type.Optional(CaseTypeSchema),
  open: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean()),
  supervised: Type.Optional(Type.Boolean({ description: 'only cases under 督办 (a notice was issued)' })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  region: Type.Optional(RegionCode),
  enterprise: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: "only this enterprise's cases (its id), e.g. from its registry page",
    }),
  ),
  from: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}$',
      description: 'first month received (YYYY-MM), as the supervision dashboard counts',
    }),
  ),
  to: Type.Optional(
    Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'last month received (YYYY-MM)' }),
  ),
  department: Type.Optional(
    Type.String({
      maxLength: 40,
      description: "only this department's cases (an official of a department: always their own)",
    }),
  ),
  ...PageQuery,
});

/** A case in a list. */
export const CaseRowSchema = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  type: Type.String(),
  kind: Nullable(Type.String()),
  category: Type.String(),
  title: Type.String(),
  titleEn: Nullable(
    Type.String({ description: 'the title in English where the system built it; null: shown as typed' }),
  ),
  description: Type.String(),
  enterpriseId: Type.Integer(),
  enterpriseName: Nullable(Type.String()),
  supervision: Nullable(
    Type.Object(
      { deadline: Nullable(Type.String()), acknowledged: Type.Boolean(), count: Type.Integer() },
      { description: 'the latest 督办 notice (officials only)' },
    ),
  ),
  regionCode: Type.String(),
  departmentCode: Type.String(),
  assigneeId: Nullable(Type.Integer()),
  state: Type.String(),
  stateText: Text,
  deadline: Nullable(Type.String()),
  clockStage: Nullable(Type.String()),
  clockStatus: Nullable(Type.String()),
  receivedOn: Type.String(),
  acceptedOn: Nullable(Type.String()),
  repliedOn: Nullable(Type.String()),
  closedOn: Nullable(Type.String()),
  rating: Nullable(Type.String()),
  ratingNote: Nullable(Type.String()),
  reopenedCount: Type.Integer(),
  mergedInto: Nullable(Type.Integer()),
  debtor: Nullable(
    Type.Object({ uscc: Type.String(), name: Nullable(Type.String()), kind: Nullable(Type.String()) }),
  ),
  contractNumber: Nullable(Type.String()),
  claim: Type.Unknown(),
  amount: Nullable(Type.Number()),
  repaid: Type.Number(),
  debtorPosition: Nullable(Type.Union([Type.Literal('acknowledged'), Type.Literal('disputed')])),
  debtorAnsweredOn: Nullable(Type.String()),
  firstRepliedOn: Nullable(Type.String()),
  repliedOnTime: Nullable(Type.Boolean()),
  version: Type.Integer(),
  updatedAt: DateTime,
});

/** A case with its timeline and, for arrears, the current assessment. */
/** A payment a debtor recorded against a complaint. */
export const CasePaymentSchema = Type.Object({
  id: Type.Integer(),
  paidOn: Type.String(),
  amount: Type.Number(),
  note: Nullable(Type.String()),
  recordedBy: Nullable(Type.String()),
  recordedAt: DateTime,
});

/** A 督办 notice on a case. */
export const CaseSupervisionSchema = Type.Object({
  id: Type.Integer(),
  issuedAt: DateTime,
  issuedBy: Nullable(Type.String({ description: 'null: issued by the system (past the deadline)' })),
  reason: Type.String(),
  reasonEn: Nullable(
    Type.String({
      description:
        'The reason in English where the platform wrote it (an automatic 督办); null for a person’s words',
    }),
  ),
  deadline: Nullable(Type.String()),
  acknowledgedAt: Nullable(DateTime),
});

export const CaseDetailSchema = Type.Object({
  ...CaseRowSchema.properties,
  deadlineExplanation: Type.Array(Type.Object({ text: Text, basis: Nullable(Type.String()) }), {
    description:
      "why the running clock's deadline is what it is: limit, pauses, extensions, a rest day at its end (Civil Code art. 203), an unpublished holiday calendar",
  }),
  assessment: Type.Unknown(),
  payments: Type.Array(CasePaymentSchema),
  supervisions: Type.Array(CaseSupervisionSchema),
  allowedActions: Type.Array(Type.String(), {
    description:
      'the actions the caller may take now (case actions, supervise, acknowledge_supervision), by the rules the server enforces',
  }),
  events: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: DateTime,
      action: Type.String(),
      fromState: Nullable(Type.String()),
      toState: Nullable(Type.String()),
      note: Nullable(Type.String()),
      noteEn: Nullable(
        Type.String({
          description: 'The note in English where the platform wrote it; null for a person’s words',
        }),
      ),
      data: Type.Unknown(),
      actorRole: Nullable(Type.String()),
      actorName: Nullable(Type.String()),
    }),
  ),
});

/** A routing rule: which department of which region handles a case type / category (admins edit them). */
export const RoutingRuleBody = Strict({
  caseType: CaseTypeSchema,
  category: Nullable(Type.String({ maxLength: 40 })),
  regionPrefix: Type.String({ maxLength: 6, description: "GB/T 2260 prefix: '' everywhere, 2/4/6 digits" }),
  departmentCode: Type.String({ minLength: 1, maxLength: 40 }),
  acceptWorkingDays: Nullable(Type.Integer({ minimum: 1, maximum: 60 })),
  resultDays: Nullable(Type.Integer({ minimum: 1, maximum: 90 })),
  priority: Type.Integer({ minimum: -1000, maximum: 1000 }),
  isActive: Type.Boolean(),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const RoutingRuleSchema = Type.Object({
  id: Type.Integer(),
  caseType: Type.String(),
  category: Nullable(Type.String()),
  regionPrefix: Type.String(),
  departmentCode: Type.String(),
  acceptWorkingDays: Nullable(Type.Integer()),
  resultDays: Nullable(Type.Integer()),
  priority: Type.Integer(),
  isActive: Type.Boolean(),
  version: Type.Integer(),
});
