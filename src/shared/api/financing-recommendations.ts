/**
 * The recommended list of the 2024 coordination mechanism for financing small and micro enterprises (issue 15,
 * measure 10; docs/reference/financing.md "The 2024 coordination mechanism"): officials list an enterprise passing
 * the five tests, push it to a bank serving its region, and track the bank's contact (target: every one) and its
 * decision within the period. Amounts (万元) are decimal strings, never numbers.
 */
import Type from 'typebox';
import { DateOnly, DateTime, Nullable, Page, PageQuery, RegionCode, Strict } from './common.ts';
import { Decimal } from './financing.ts';

const RecommendationState = Type.Union([
  Type.Literal('listed'),
  Type.Literal('pushed'),
  Type.Literal('contacted'),
  Type.Literal('decided'),
  Type.Literal('removed'),
]);
const RecommendationOutcome = Type.Union([
  Type.Literal('granted'),
  Type.Literal('declined'),
  Type.Literal('no_need'),
]);
const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
/** A list's year: the mechanism was set up in 2024. */
const ListYear = Type.Integer({ minimum: 2024, maximum: 2200 });

/**
 * An enterprise put on a year's list, with each of the five tests answered. The tests are optional in the schema so
 * that the service names the one missing or not met and says the mechanism requires all five.
 */
export const RecommendationBody = Strict({
  uscc: Type.String({ minLength: 1, maxLength: 40 }),
  /** The list's year (default: this year). */
  listYear: Type.Optional(ListYear),
  /** 合规持续经营: operates lawfully and without interruption. */
  compliantOperation: Type.Optional(Type.Boolean()),
  /** 固定经营场所: has a fixed place of business. */
  fixedPremises: Type.Optional(Type.Boolean()),
  /** 真实融资需求: its need for finance is real. */
  realNeed: Type.Optional(Type.Boolean()),
  /** 信用状况良好: its credit standing is good. */
  goodCredit: Type.Optional(Type.Boolean()),
  /** 用途合规: the money is for a lawful purpose. */
  compliantPurpose: Type.Optional(Type.Boolean()),
  /** The amount it needs, in 万元. */
  needAmount: Type.Optional(Decimal),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

/** Pushes a listed enterprise to a bank (again to another while the first has not made contact). */
export const PushRecommendationBody = Strict({
  institutionId: Id,
  version: Type.Integer({ minimum: 1 }),
});
export const RemoveRecommendationBody = Strict({
  reason: Type.String({ minLength: 2, maxLength: 500 }),
  version: Type.Integer({ minimum: 1 }),
});
export const RecommendationContactBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
/** The bank's decision: granted with the amount, declined with a reason from the list and words, or not needed. */
export const RecommendationDecisionBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  outcome: RecommendationOutcome,
  grantedAmount: Type.Optional(Decimal),
  declineReason: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  declineText: Type.Optional(Type.String({ maxLength: 500 })),
});

export const RecommendationParams = Strict({ enterpriseId: Id, id: Id });

export const RecommendationSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  uscc: Type.String(),
  /** The enterprise's county when listed. */
  regionCode: Type.String(),
  listYear: Type.Integer(),
  /** The five tests as answered when listed (all yes). */
  tests: Type.Object({
    compliantOperation: Type.Boolean(),
    fixedPremises: Type.Boolean(),
    realNeed: Type.Boolean(),
    goodCredit: Type.Boolean(),
    compliantPurpose: Type.Boolean(),
  }),
  needAmount: Nullable(Decimal),
  note: Nullable(Type.String()),
  listedAt: DateTime,
  institutionId: Nullable(Type.Integer()),
  institutionName: Nullable(Type.String()),
  pushedAt: Nullable(DateTime),
  pushedOn: Nullable(DateOnly),
  decideDue: Nullable(DateOnly),
  contactedAt: Nullable(DateTime),
  contactNote: Nullable(Type.String()),
  outcome: Nullable(RecommendationOutcome),
  decidedAt: Nullable(DateTime),
  grantedAmount: Nullable(Decimal),
  declineReason: Nullable(Type.String()),
  declineText: Nullable(Type.String()),
  removedAt: Nullable(DateTime),
  removedReason: Nullable(Type.String()),
  state: RecommendationState,
  /** Past the decision day and undecided. */
  late: Type.Boolean(),
  /** What the caller may do now (officials: push, remove; the bank: contact, decide). */
  actions: Type.Array(Type.String()),
  version: Type.Integer(),
});

/** The officials' list: filters within the region asked for (default: the official's own). */
export const RecommendationListQuery = Strict({
  ...PageQuery,
  region: Type.Optional(RegionCode),
  year: Type.Optional(ListYear),
  state: Type.Optional(RecommendationState),
  institutionId: Type.Optional(Id),
  /** Only those past the decision day and undecided. */
  late: Type.Optional(Type.Boolean()),
});

/** What the mechanism tracks, for the region, year and bank asked for (the state and late filters aside). */
export const RecommendationCountsSchema = Type.Object({
  /** On the list (not removed). */
  listed: Type.Integer(),
  /** Pushed to a bank. */
  pushed: Type.Integer(),
  /** Contacted by the bank. */
  contacted: Type.Integer(),
  /** contacted / pushed, a percentage with one decimal ("100.0"); null when none is pushed. */
  contactRate: Nullable(Type.String()),
  /** The mechanism's target: every pushed enterprise contacted. */
  contactTarget: Type.String(),
  decided: Type.Integer(),
  granted: Type.Integer(),
  /** The amounts granted, in 万元. */
  grantedAmount: Decimal,
  /** Past the decision day and undecided. */
  late: Type.Integer(),
});

export const RecommendationListSchema = Type.Object({
  counts: RecommendationCountsSchema,
  items: Type.Array(RecommendationSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const RecommendationExportQuery = Strict({
  ...RecommendationListQuery.properties,
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});

/** The bank's list: the enterprises pushed to it. */
export const BankRecommendationListQuery = Strict({
  ...PageQuery,
  state: Type.Optional(
    Type.Union([Type.Literal('pushed'), Type.Literal('contacted'), Type.Literal('decided')]),
  ),
  late: Type.Optional(Type.Boolean()),
});
export const BankRecommendationListSchema = Page(RecommendationSchema);

/** What the enterprise sees of its place on the lists: which bank, its contact and outcome. */
export const MyRecommendationSchema = Type.Object({
  id: Type.Integer(),
  listYear: Type.Integer(),
  state: RecommendationState,
  institutionName: Nullable(Type.String()),
  pushedOn: Nullable(DateOnly),
  decideDue: Nullable(DateOnly),
  contactedAt: Nullable(DateTime),
  outcome: Nullable(RecommendationOutcome),
  decidedAt: Nullable(DateTime),
  grantedAmount: Nullable(Decimal),
  declineReason: Nullable(Type.String()),
  declineText: Nullable(Type.String()),
  late: Type.Boolean(),
});
export const MyRecommendationsSchema = Type.Object({
  /** On this year's list. */
  onList: Type.Boolean(),
  items: Type.Array(MyRecommendationSchema),
});
