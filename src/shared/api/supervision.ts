/** API schemas of case supervision (督办, dashboards), the debtor's answers and the annual disclosure. */
import Type, { type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, RegionCode, Strict } from './common.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' });
const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });

/** A supervising official's 督办 notice. */
export const SuperviseBody = Strict({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  deadline: Type.Optional(Nullable(Day)),
});
/** The 督办 notice just issued. */
export const SupervisionIssuedSchema = Type.Object({ id: Type.Integer() });
export const SupervisionParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  supervisionId: Type.Integer({ minimum: 1 }),
});

/** Filters of the supervision dashboard. */
export const DashboardQuerySchema = Strict({
  region: Type.Optional(RegionCode),
  from: Type.Optional(Month),
  to: Type.Optional(Month),
  type: Type.Optional(Type.Union([Type.Literal('demand'), Type.Literal('arrears')])),
  department: Type.Optional(Type.String({ maxLength: 40 })),
});
export const DashboardExportQuery = Strict({
  ...DashboardQuerySchema.properties,
  by: Type.Union([
    Type.Literal('region'),
    Type.Literal('department'),
    Type.Literal('debtorKind'),
    Type.Literal('month'),
  ]),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});

const Rate = Nullable(Type.Number());
/** The figures of a group of cases. */
export const MetricsSchema = Type.Object({
  received: Type.Integer(),
  open: Type.Integer(),
  replied: Type.Integer(),
  repliedOnTime: Type.Integer(),
  handlingDays: Type.Number(),
  closed: Type.Integer(),
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  basicallySatisfied: Type.Integer(),
  unsatisfied: Type.Integer(),
  reopened: Type.Integer(),
  claimed: Type.Number(),
  repaid: Type.Number(),
  cleared: Type.Integer(),
  onTimeRate: Rate,
  averageHandlingDays: Rate,
  satisfactionRate: Rate,
  reopenRate: Rate,
  outstanding: Type.Number(),
  clearanceRatio: Rate,
});
export type Metrics = Static<typeof MetricsSchema>;

export const DashboardSchema = Type.Object({
  regionCode: Nullable(Type.String()),
  department: Nullable(Type.String()),
  date: Type.String(),
  totals: Type.Object({ ...MetricsSchema.properties, overdue: Type.Integer(), dueSoon: Type.Integer() }),
  byRegion: Type.Array(
    Type.Object({
      regionCode: Type.String(),
      regionName: Type.String(),
      /** The name romanised in Hanyu Pinyin: GB/T 2260 has no English names (docs/reference/regions-en.md). */
      regionNameEn: Type.String({
        description: 'The name romanised in Hanyu Pinyin; GB/T 2260 has no English names',
      }),
      ...MetricsSchema.properties,
      overdue: Type.Integer(),
      dueSoon: Type.Integer(),
    }),
  ),
  byDepartment: Type.Array(
    Type.Object({ departmentCode: Type.String(), departmentName: Text, ...MetricsSchema.properties }),
  ),
  byDebtorKind: Type.Array(Type.Object({ debtorKind: Type.String(), ...MetricsSchema.properties })),
  /** The totals of `byDebtorKind` (overdue-payment complaints only; `totals` counts every case). */
  debtorKindTotals: MetricsSchema,
  byMonth: Type.Array(Type.Object({ month: Type.String(), ...MetricsSchema.properties })),
});
export type Dashboard = Static<typeof DashboardSchema>;

// ---- the debtor's side ----------------------------------------------------------------------------------------

export const ClaimsQuery = Strict({
  open: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});

/** A complaint as the debtor's official sees it (the complainant is confidential). */
export const ClaimSchema = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  state: Type.String(),
  stateText: Text,
  contractNumber: Type.String(),
  signedOn: Type.String(),
  amount: Type.Number(),
  repaid: Type.Number(),
  debtorPosition: Nullable(Type.String()),
  debtorAnsweredOn: Nullable(Type.String()),
  receivedOn: Type.String(),
  acceptedOn: Nullable(Type.String()),
  closedOn: Nullable(Type.String()),
  assessment: Type.Unknown(),
  complainant: Nullable(Type.Object({ enterpriseId: Type.Integer() })),
  allowedActions: Type.Array(
    Type.Union([Type.Literal('acknowledge'), Type.Literal('dispute'), Type.Literal('pay')]),
    {
      description:
        'the answers the server accepts from the caller now (position while the complaint is handled, once acknowledged; a payment while anything is owed)',
    },
  ),
  version: Type.Integer(),
});
export type Claim = Static<typeof ClaimSchema>;

export const ClaimPageSchema = Type.Object({
  items: Type.Array(ClaimSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  open: Type.Integer(),
  outstanding: Type.Number(),
});

export const ClaimDetailSchema = Type.Object({
  ...ClaimSchema.properties,
  payments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      paidOn: Type.String(),
      amount: Type.Number(),
      note: Nullable(Type.String()),
      recordedBy: Nullable(Type.String()),
      recordedAt: DateTime,
    }),
  ),
  events: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: DateTime,
      action: Type.String(),
      toState: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
});
export type ClaimDetail = Static<typeof ClaimDetailSchema>;

/** A debtor's answer: acknowledge, dispute (with reasons) or record a payment. */
export const ClaimAnswerBody = Strict({
  action: Type.Union([Type.Literal('acknowledge'), Type.Literal('dispute'), Type.Literal('pay')]),
  version: Type.Integer({ minimum: 1 }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e13 })),
  paidOn: Type.Optional(Day),
});
export type ClaimAnswer = Static<typeof ClaimAnswerBody>;

export const PayerSummarySchema = Type.Object({
  uscc: Type.String(),
  name: Type.String(),
  openClaims: Type.Integer(),
  unanswered: Type.Integer(),
  outstanding: Type.Number(),
});

// ---- the annual disclosure ------------------------------------------------------------------------------------

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const YearQuery = Strict({ year: Year });
export const PublishDisclosureBody = Strict({
  year: Year,
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
});

const ContractSchema = Type.Object({
  contractNumber: Type.String(),
  caseNumber: Type.Optional(Type.String({ description: 'not shown to the public' })),
  dueDate: Type.String(),
  daysOverdue: Type.Integer(),
  outstanding: Type.Number(),
});
export const DisclosureSchema = Type.Object({
  id: Type.Integer(),
  organizationUscc: Type.String(),
  organizationName: Type.String(),
  organizationKind: Type.String(),
  regionCode: Nullable(Type.String()),
  year: Type.Integer(),
  contracts: Type.Integer(),
  amount: Type.Number(),
  details: Type.Array(ContractSchema),
  note: Nullable(Type.String()),
  publishedAt: DateTime,
  late: Type.Boolean(),
});
export type Disclosure = Static<typeof DisclosureSchema>;
export const ComputedDisclosureSchema = Type.Object({
  year: Type.Integer(),
  dueOn: Type.String(),
  kind: Nullable(Type.String()),
  contracts: Type.Integer(),
  amount: Type.Number(),
  details: Type.Array(ContractSchema),
});
export const PayerDisclosureSchema = Type.Object({
  computed: ComputedDisclosureSchema,
  published: Nullable(DisclosureSchema),
});
export type PayerDisclosure = Static<typeof PayerDisclosureSchema>;
export const PublicDisclosureQuery = Strict({
  year: Type.Optional(Year),
  region: Type.Optional(RegionCode),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});
export const DisclosureStatusSchema = Type.Object({
  year: Type.Integer(),
  dueOn: Type.String(),
  items: Type.Array(
    Type.Object({
      uscc: Type.String(),
      name: Nullable(Type.String()),
      kind: Nullable(Type.String()),
      contracts: Type.Integer(),
      amount: Type.Number(),
      published: Nullable(DisclosureSchema),
      overdue: Type.Boolean(),
    }),
  ),
});
export type DisclosureStatus = Static<typeof DisclosureStatusSchema>;
