/**
 * Financing matchmaking (issue 15, measures 9–13): banks' loan products, enterprises' demands and applications,
 * banks' pickups and answers with their deadlines, the timeline, ratings and referrals, the officials' desk and the
 * dated figures. Amounts (万元) and rates (percent a year) are decimal strings, never numbers.
 */
import Type, { type Static } from 'typebox';
import { DateOnly, DateTime, Nullable, Page, PageQuery, RegionCode, Strict } from './common.ts';

/** A non-negative decimal with at most 4 decimals: an amount in 万元 or a rate in percent. */
export const Decimal = Type.String({ pattern: '^\\d{1,10}(\\.\\d{1,4})?$', description: 'decimal string' });
const Code = Type.String({ minLength: 1, maxLength: 40 });
const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const ProductKindSchema = Type.Union([
  Type.Literal('credit'),
  Type.Literal('mortgage'),
  Type.Literal('guarantee'),
  Type.Literal('receivables'),
  Type.Literal('procurement_contract'),
  Type.Literal('inventory'),
]);

const productFields = {
  name: Type.String({ minLength: 2, maxLength: 60 }),
  kind: ProductKindSchema,
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  amountMin: Decimal,
  amountMax: Decimal,
  termMinMonths: Type.Integer({ minimum: 1, maximum: 360 }),
  termMaxMonths: Type.Integer({ minimum: 1, maximum: 360 }),
  rateMin: Decimal,
  rateMax: Decimal,
  guaranteeFeeRate: Type.Optional(Nullable(Decimal)),
  regions: Type.Array(RegionCode, { minItems: 1, maxItems: 200 }),
  /** Who qualifies, in the policy rule language (null or absent: every enterprise in the regions). */
  rule: Type.Optional(Type.Unknown()),
};

/** A product as a bank writes it. */
export const ProductBody = Strict(productFields);
export type ProductBody = Static<typeof ProductBody>;
/** A change to a product, at the version the bank read. */
export const PutProductBody = Strict({ ...productFields, version: Type.Integer({ minimum: 1 }) });
export const VersionBody = Strict({ version: Type.Integer({ minimum: 1 }) });

export const ProductSchema = Type.Object({
  id: Type.Integer(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  name: Type.String(),
  kind: ProductKindSchema,
  description: Type.String(),
  amountMin: Decimal,
  amountMax: Decimal,
  termMinMonths: Type.Integer(),
  termMaxMonths: Type.Integer(),
  rateMin: Decimal,
  rateMax: Decimal,
  guaranteeFeeRate: Nullable(Decimal),
  /** Above the guide for government guarantees (国办发〔2019〕6号): said, not refused. */
  feeAboveGuide: Type.Boolean(),
  regions: Type.Array(Type.String()),
  rule: Type.Unknown(),
  status: Type.Union([Type.Literal('published'), Type.Literal('withdrawn')]),
  version: Type.Integer(),
  updatedAt: DateTime,
});

export const ProductListQuery = Strict({
  ...PageQuery,
  status: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('withdrawn')])),
  kind: Type.Optional(ProductKindSchema),
  q: Type.Optional(Type.String({ maxLength: 60 })),
});
export const ProductListSchema = Page(ProductSchema);

/** Whether a product fits, each condition explained (trees as the policy engine explains them). */
export const FitSchema = Type.Object({
  outcome: Type.Union([Type.Literal('eligible'), Type.Literal('not_eligible'), Type.Literal('unknown')]),
  conditions: Type.Array(Type.Unknown()),
  nearMiss: Type.Unknown(),
  missing: Type.Array(Text),
});

export const ProductFitSchema = Type.Object({ product: ProductSchema, fit: FitSchema });

/** The products an enterprise may browse: those serving its region, each with its fit. */
export const MyProductsQuery = Strict({
  ...PageQuery,
  kind: Type.Optional(ProductKindSchema),
  outcome: Type.Optional(Type.Union([Type.Literal('eligible'), Type.Literal('near'), Type.Literal('all')])),
});
export const MyProductsSchema = Page(ProductFitSchema);

const demandFields = {
  amount: Decimal,
  termMonths: Type.Integer({ minimum: 1, maximum: 360 }),
  purposes: Type.Array(Code, { minItems: 1, maxItems: 3 }),
  description: Type.String({ minLength: 1, maxLength: 250 }),
  collateral: Type.Optional(Type.Array(Code, { maxItems: 10 })),
  maxRate: Type.Optional(Nullable(Decimal)),
  /** Let the bank that picks the demand up see who the enterprise is. */
  showProfile: Type.Boolean(),
  /** One bank at a time (default), or up to three at once. */
  exclusive: Type.Optional(Type.Boolean()),
  /** An application to this product (its bank sees it first). */
  productId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** A receivable its debtor confirmed, backing a demand for receivables financing. */
  receivableId: Type.Optional(Type.Integer({ minimum: 1 })),
};
export const DemandBody = Strict(demandFields);
export type DemandBody = Static<typeof DemandBody>;

const DebtorKind = Type.Union([
  Type.Literal('government'),
  Type.Literal('public_institution'),
  Type.Literal('large_enterprise'),
]);
const ReceivableState = Type.Union([
  Type.Literal('requested'),
  Type.Literal('confirmed'),
  Type.Literal('disputed'),
  Type.Literal('financed'),
  Type.Literal('withdrawn'),
]);
/** An amount in yuan with at most 2 decimals (a receivable is in yuan, as its contract). */
const Yuan = Type.String({ pattern: '^\\d{1,14}(\\.\\d{1,2})?$', description: 'yuan, decimal string' });

/** A request to the debtor to confirm a receivable: from the enterprise's complaint (caseId), or entered. */
export const ReceivableBody = Strict({
  caseId: Type.Optional(Type.Integer({ minimum: 1 })),
  debtorUscc: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
  debtorName: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
  debtorKind: Type.Optional(DebtorKind),
  contractNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  amount: Type.Optional(Yuan),
  dueOn: Type.Optional(DateOnly),
});
export const ConfirmReceivableBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  /** Confirm a part only (default: the whole amount asked). */
  amount: Type.Optional(Yuan),
});
export const DisputeReceivableBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 5, maxLength: 1000 }),
});
export const ReceivableSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  debtorUscc: Type.String(),
  debtorName: Type.String(),
  debtorKind: DebtorKind,
  contractNumber: Type.String(),
  amount: Type.String(),
  dueOn: Nullable(DateOnly),
  caseId: Nullable(Type.Integer()),
  state: ReceivableState,
  requestedAt: DateTime,
  confirmDue: DateOnly,
  /** Unanswered past the period. */
  late: Type.Boolean(),
  answeredAt: Nullable(DateTime),
  answeredLate: Type.Boolean(),
  confirmedAmount: Nullable(Type.String()),
  disputeReason: Nullable(Type.String()),
  escalatedCaseId: Nullable(Type.Integer()),
  financedDemandId: Nullable(Type.Integer()),
  /** The bank that financed it, to which the debtor pays once told (pledge or transfer). */
  financedInstitutionId: Nullable(Type.Integer()),
  financedInstitutionName: Nullable(Type.String()),
  financedAt: Nullable(DateTime),
  noticeKind: Nullable(Type.Union([Type.Literal('pledge'), Type.Literal('transfer')])),
  actions: Type.Array(Type.String()),
  version: Type.Integer(),
});
export const PayerReceivableSchema = Type.Object({
  ...ReceivableSchema.properties,
  creditorName: Type.String(),
});
export const ReceivableListQuery = Strict({ ...PageQuery, state: Type.Optional(ReceivableState) });
export const ReceivableListSchema = Page(ReceivableSchema);
export const PayerReceivableListSchema = Page(PayerReceivableSchema);

/** What a bank sees of the receivable backing a demand: the debtor's confirmation. */
export const DemandReceivableSchema = Type.Object({
  id: Type.Integer(),
  debtorKind: DebtorKind,
  /** The debtor's name: when the enterprise's identity is shown. */
  debtorName: Nullable(Type.String()),
  contractNumber: Nullable(Type.String()),
  amount: Type.String(),
  confirmedAmount: Nullable(Type.String()),
  confirmedAt: Nullable(DateTime),
  state: ReceivableState,
});

/** The anonymised profile banks see until the enterprise shows more. */
export const DemandProfileSchema = Type.Object({
  regionCode: Type.String(),
  industryCode: Nullable(Type.String()),
  sizeClass: Nullable(Type.String()),
  years: Nullable(Type.Integer()),
  grade: Nullable(Type.String()),
});

export const ResponseSchema = Type.Object({
  id: Type.Integer(),
  demandId: Type.Integer(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  state: Type.String(),
  pickedUpAt: DateTime,
  contactDue: DateOnly,
  decisionDue: DateOnly,
  contactedAt: Nullable(DateTime),
  visitedAt: Nullable(DateTime),
  decidedAt: Nullable(DateTime),
  grantedAmount: Nullable(Decimal),
  grantedRate: Nullable(Decimal),
  grantedTermMonths: Nullable(Type.Integer()),
  security: Nullable(Type.Union([Type.Literal('credit'), Type.Literal('secured')])),
  firstLoan: Nullable(Type.Boolean()),
  declineReason: Nullable(Type.String()),
  declineText: Nullable(Type.String()),
  disbursedAt: Nullable(DateTime),
  disbursedAmount: Nullable(Decimal),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
  profileShown: Type.Boolean(),
  /** Which deadline is passed today (null: none). */
  late: Nullable(Type.Union([Type.Literal('contact'), Type.Literal('decision')])),
  /** What the caller may do now (the bank: its actions; the enterprise: rate, show profile, refer). */
  actions: Type.Array(Type.String()),
  version: Type.Integer(),
});

export const DemandSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  /** The enterprise's name and USCC: to the enterprise, officials, and a bank it showed its profile to. */
  enterpriseName: Nullable(Type.String()),
  uscc: Nullable(Type.String()),
  amount: Decimal,
  termMonths: Type.Integer(),
  purposes: Type.Array(Type.String()),
  description: Type.String(),
  collateral: Type.Array(Type.String()),
  maxRate: Nullable(Decimal),
  showProfile: Type.Boolean(),
  exclusive: Type.Boolean(),
  productId: Nullable(Type.Integer()),
  productName: Nullable(Type.String()),
  receivable: Nullable(DemandReceivableSchema),
  state: Type.String(),
  profile: DemandProfileSchema,
  postedOn: DateOnly,
  pickupDue: DateOnly,
  widened: Type.Boolean(),
  escalatedAt: Nullable(DateTime),
  referred: Type.Boolean(),
  createdAt: DateTime,
  closedAt: Nullable(DateTime),
  /** Above the largest amount of every published product (told, not refused). */
  aboveEveryProduct: Type.Boolean(),
  /** Inclusive small-business size (普惠: at most the ceiling). */
  inclusive: Type.Boolean(),
  responses: Type.Array(ResponseSchema),
  /** What the enterprise may do (withdraw, refer). */
  actions: Type.Array(Type.String()),
  version: Type.Integer(),
});

export const TimelineEventSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  at: DateTime,
  actorRole: Type.String(),
  institutionId: Nullable(Type.Integer()),
  institutionName: Nullable(Type.String()),
  responseId: Nullable(Type.Integer()),
  text: Text,
});

export const DemandDetailSchema = Type.Object({
  demand: DemandSchema,
  timeline: Type.Array(TimelineEventSchema),
  /** The products the demand fits, for the enterprise (empty for others). */
  matches: Type.Array(ProductFitSchema),
});

export const DemandListQuery = Strict({
  ...PageQuery,
  state: Type.Optional(
    Type.Union([
      Type.Literal('open'),
      Type.Literal('in_progress'),
      Type.Literal('granted'),
      Type.Literal('declined'),
      Type.Literal('withdrawn'),
    ]),
  ),
});
export const DemandListSchema = Page(DemandSchema);

export const RateBody = Strict({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
});

export const DemandResponseParams = Strict({
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  responseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});
export const PayerReceivableParams = Strict({
  enterpriseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});
export const BankDemandParams = Strict({
  enterpriseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  demandId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});

/** The bank's board: available demands, or its own by state; keyset pages (`after` from `nextCursor`). */
export const BoardQuery = Strict({
  view: Type.Optional(Type.Union([Type.Literal('available'), Type.Literal('mine')])),
  state: Type.Optional(Type.String({ maxLength: 20 })),
  region: Type.Optional(RegionCode),
  after: Type.Optional(Type.String({ maxLength: 80 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const BoardSchema = Type.Object({
  items: Type.Array(DemandSchema),
  nextCursor: Nullable(Type.String()),
  /** The regions the bank serves (its published products'). */
  regions: Type.Array(Type.String()),
});

/** A bank's action on a demand it picked up, at the version it read. */
export const ResponseActionBody = Strict({
  action: Type.Union([
    Type.Literal('contact'),
    Type.Literal('visit'),
    Type.Literal('grant'),
    Type.Literal('decline'),
    Type.Literal('disburse'),
    Type.Literal('release'),
  ]),
  version: Type.Integer({ minimum: 1 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  grantedAmount: Type.Optional(Decimal),
  grantedRate: Type.Optional(Decimal),
  grantedTermMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 360 })),
  security: Type.Optional(Type.Union([Type.Literal('credit'), Type.Literal('secured')])),
  firstLoan: Type.Optional(Type.Boolean()),
  declineReason: Type.Optional(Code),
  declineText: Type.Optional(Type.String({ maxLength: 500 })),
  disbursedAmount: Type.Optional(Decimal),
  /** On disbursing a loan backed by a receivable: the notice the debtor gets (default pledge). */
  notice: Type.Optional(Type.Union([Type.Literal('pledge'), Type.Literal('transfer')])),
});
export type ResponseActionBody = Static<typeof ResponseActionBody>;

export const BankPerformanceSchema = Type.Object({
  pickedUp: Type.Integer(),
  active: Type.Integer(),
  granted: Type.Integer(),
  declined: Type.Integer(),
  released: Type.Integer(),
  disbursed: Type.Integer(),
  contacted: Type.Integer(),
  contactedOnTime: Type.Integer(),
  lateNow: Type.Integer(),
  grantedAmount: Decimal,
  rated: Type.Integer(),
  ratingAverage: Nullable(Decimal),
  firstLoans: Type.Integer(),
  creditLoans: Type.Integer(),
});

/** The officials' desk: demands waiting for pickup and answers past their deadlines, in a region. */
export const DeskQuery = Strict({
  ...PageQuery,
  region: Type.Optional(RegionCode),
  list: Type.Optional(
    Type.Union([
      Type.Literal('waiting'),
      Type.Literal('escalated'),
      Type.Literal('late'),
      Type.Literal('unconfirmed'),
    ]),
  ),
});
export const DeskSchema = Type.Object({
  counts: Type.Object({
    waiting: Type.Integer(),
    escalated: Type.Integer(),
    late: Type.Integer(),
    unconfirmed: Type.Integer(),
  }),
  demands: Page(DemandSchema),
  late: Page(
    Type.Object({
      response: ResponseSchema,
      enterpriseId: Type.Integer(),
      enterpriseName: Type.String(),
      regionCode: Type.String(),
      amount: Decimal,
    }),
  ),
  /** Receivables whose debtor did not answer within the period. */
  unconfirmed: Page(Type.Object({ ...ReceivableSchema.properties, creditorName: Type.String() })),
});

export const FinancingSettingSchema = Type.Object({
  key: Type.String(),
  regionCode: Type.String(),
  effectiveFrom: DateOnly,
  value: Decimal,
  unit: Type.String(),
  basis: Type.String(),
  verified: Type.Boolean(),
  updatedAt: DateTime,
});
export const FinancingSettingsSchema = Type.Object({ items: Type.Array(FinancingSettingSchema) });
export const PutFinancingSettingBody = Strict({
  key: Type.Union([
    Type.Literal('pickup_working_days'),
    Type.Literal('contact_working_days'),
    Type.Literal('decision_days'),
    Type.Literal('confirmation_days'),
    Type.Literal('inclusive_loan_max'),
    Type.Literal('guarantee_fee_guide'),
  ]),
  /** Empty: national; a region's code: its own figure (officials may set their region's pickup period). */
  regionCode: Type.Optional(Type.Union([Type.Literal(''), RegionCode])),
  effectiveFrom: DateOnly,
  value: Decimal,
  basis: Type.String({ minLength: 1, maxLength: 300 }),
  verified: Type.Boolean(),
});

/** The officials' dashboard: a region (the official's or one under it) over a period of months. */
export const FinancingDashboardQuery = Strict({
  region: Type.Optional(RegionCode),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' })),
});
const Percent = Nullable(Type.String({ description: 'percentage with one decimal' }));
const FigureFields = {
  demands: Type.Integer(),
  /** Demands picked up by a first bank. */
  pickedUp: Type.Integer(),
  pickups: Type.Integer(),
  pickupRate: Percent,
  contacted: Type.Integer(),
  averageContactHours: Nullable(Type.String()),
  granted: Type.Integer(),
  declined: Type.Integer(),
  grantRate: Percent,
  grantedAmount: Type.String(),
  /** 首贷户: loans the bank marked as the borrower's first. */
  firstLoans: Type.Integer(),
  creditLoans: Type.Integer(),
  creditShare: Percent,
  averageRate: Nullable(Type.String()),
  disbursed: Type.Integer(),
  disbursedAmount: Type.String(),
};
export const FinancingDashboardSchema = Type.Object({
  region: Nullable(Type.String()),
  from: Type.String(),
  to: Type.String(),
  totals: Type.Object(FigureFields),
  byRegion: Type.Array(
    Type.Object({ regionCode: Type.String(), name: Type.String(), nameEn: Type.String(), ...FigureFields }),
  ),
  byBank: Type.Array(Type.Object({ institutionId: Type.Integer(), name: Type.String(), ...FigureFields })),
  byKind: Type.Array(Type.Object({ kind: Type.String(), ...FigureFields })),
  byMonth: Type.Array(Type.Object({ month: Type.String(), ...FigureFields })),
  declineReasons: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
});
export const FinancingDashboardExportQuery = Strict({
  ...FinancingDashboardQuery.properties,
  table: Type.Union([
    Type.Literal('regions'),
    Type.Literal('banks'),
    Type.Literal('kinds'),
    Type.Literal('months'),
    Type.Literal('reasons'),
  ]),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});

/** An enterprise's financing history on its registry page (officials): its demands and their outcomes. */
export const EnterpriseFinancingSchema = Type.Object({
  demands: Type.Array(
    Type.Object({
      id: Type.Integer(),
      postedOn: DateOnly,
      amount: Decimal,
      termMonths: Type.Integer(),
      purposes: Type.Array(Type.String()),
      state: Type.String(),
      outcomes: Type.Array(
        Type.Object({
          institutionName: Type.String(),
          state: Type.String(),
          grantedAmount: Nullable(Decimal),
          grantedRate: Nullable(Decimal),
          security: Nullable(Type.String()),
          firstLoan: Nullable(Type.Boolean()),
          declineReason: Nullable(Type.String()),
          decidedAt: Nullable(DateTime),
        }),
      ),
    }),
  ),
  receivables: Type.Object({
    requested: Type.Integer(),
    confirmed: Type.Integer(),
    financed: Type.Integer(),
  }),
});

/** The banks whose published products serve a region (an official choosing where to push an enterprise). */
export const ServingBanksQuery = Strict({ region: RegionCode });
export const ServingBanksSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), products: Type.Integer() })),
});
