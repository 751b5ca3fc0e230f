/**
 * API schemas of government procurement for SMEs (measure 8; 财库〔2020〕46号, 财库〔2022〕19号): the public
 * calculators — what a project requires and the price evaluation of bids — and the dated rules they apply
 * (docs/reference/procurement.md).
 */
import Type from 'typebox';
import { DateOnly, DateTime, Nullable, Page, PageQuery, RegionCode, Strict } from './common.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
/** Yuan, a plain decimal (up to 2 decimals) as text. */
const Yuan = Type.String({ pattern: '^\\d{1,13}(\\.\\d{1,2})?$', description: 'yuan, e.g. 2000000.01' });
/** Per cent, a plain decimal (up to 4 decimals) as text. */
const Percent = Type.String({
  pattern: '^\\d{1,3}(\\.\\d{1,4})?$',
  description: 'per cent, e.g. 15 or 29.99',
});

export const ProcurementKindSchema = Type.Union([
  Type.Literal('goods'),
  Type.Literal('services'),
  Type.Literal('works'),
]);
export const BidderSizeSchema = Type.Union([
  Type.Literal('large'),
  Type.Literal('medium'),
  Type.Literal('small'),
  Type.Literal('micro'),
]);
export const BidRoleSchema = Type.Union([
  Type.Literal('single'),
  Type.Literal('consortium'),
  Type.Literal('subcontract'),
]);
export const ExemptionSchema = Type.Union([
  Type.Literal('non_enterprise_only'),
  Type.Literal('irreplaceable'),
  Type.Literal('insufficient_supply'),
  Type.Literal('framework_agreement'),
  Type.Literal('provincial_other'),
]);
const ConfidenceSchema = Type.Union([
  Type.Literal('text'),
  Type.Literal('agreed'),
  Type.Literal('memory'),
  Type.Literal('unverified'),
]);

// ---- what a project requires ----

export const RequirementBody = Strict({
  kind: ProcurementKindSchema,
  budget: Yuan,
  announcementDate: DateOnly,
  suitedToSmes: Type.Boolean(),
  /** Why not, when the project does not suit SMEs. */
  exemption: Type.Optional(ExemptionSchema),
  /** The region's procurement quota standard (采购限额标准, yuan), when known. */
  quota: Type.Optional(Yuan),
});

const RangeSchema = Type.Object({
  min: Type.String(),
  max: Type.String(),
  confidence: ConfidenceSchema,
  basis: Type.String(),
});
const DeductionsSchema = Type.Object({
  smallMicro: RangeSchema,
  consortium: RangeSchema,
  consortiumShareMin: Type.String(),
});

export const RequirementSchema = Type.Object({
  mode: Type.Union([
    Type.Literal('below_quota'),
    Type.Literal('whole'),
    Type.Literal('share'),
    Type.Literal('price_preference'),
  ]),
  rulesId: Type.String(),
  documents: Type.Array(Type.String()),
  provisions: Type.Array(Text),
  wholeReservationMax: Type.Optional(Type.String()),
  reservedShareMin: Type.Optional(Type.String()),
  reservedShareConfidence: Type.Optional(ConfidenceSchema),
  smallMicroOfReservedMin: Type.Optional(Type.String()),
  reservedAmountMin: Type.Optional(Type.String()),
  smallMicroAmountMin: Type.Optional(Type.String()),
  exemption: Type.Optional(ExemptionSchema),
  deductions: Type.Optional(DeductionsSchema),
});

// ---- the price evaluation of bids ----

export const BidBody = Strict({
  /** The bidder's name or number, unique in the item. */
  id: Type.String({ minLength: 1, maxLength: 100 }),
  price: Yuan,
  declaredSize: BidderSizeSchema,
  role: BidRoleSchema,
  /** Consortium or subcontract: small and micro enterprises' share of the contract (per cent). */
  smallMicroShare: Type.Optional(Percent),
  /** Goods of several items: each item's manufacturer's declared size. */
  itemSizes: Type.Optional(Type.Array(BidderSizeSchema, { maxItems: 200 })),
  /** The small/micro partners are controlled by, or share management with, the other parties. */
  partiesRelated: Type.Optional(Type.Boolean()),
});
export const EvaluationBody = Strict({
  kind: ProcurementKindSchema,
  announcementDate: DateOnly,
  /** The deduction the tender fixes for small and micro bidders (per cent, within the range in force). */
  smallMicroDeduction: Percent,
  /** The deduction for consortia and subcontracts (per cent), when a bid may qualify. */
  consortiumDeduction: Type.Optional(Percent),
  bids: Type.Array(BidBody, { minItems: 1, maxItems: 500 }),
});
export const EvaluationSchema = Type.Object({
  rulesId: Type.String(),
  documents: Type.Array(Type.String()),
  kind: ProcurementKindSchema,
  bids: Type.Array(
    Type.Object({
      id: Type.String(),
      price: Type.String(),
      deduction: Type.String(),
      evaluatedPrice: Type.String(),
      preference: Type.Union([
        Type.Literal('small_micro'),
        Type.Literal('consortium'),
        Type.Literal('subcontract'),
        Type.Literal('none'),
      ]),
      rank: Type.Integer(),
      provision: Text,
    }),
  ),
  ranking: Type.Array(Type.String()),
  provisions: Type.Array(Text),
});

// ---- the rules as dated data ----

const FigureSchema = Type.Object({
  value: Type.String(),
  confidence: ConfidenceSchema,
  basis: Type.String(),
});
const ByKind = <T extends typeof FigureSchema | typeof RangeSchema>(schema: T) =>
  Type.Object({ goods: schema, services: schema, works: schema });
const TermSchema = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });

export const ProcurementRulesSchema = Type.Object({
  documents: Type.Array(
    Type.Object({
      documentNumber: Type.String(),
      titleZh: Type.String(),
      titleEn: Type.String(),
      effectiveFrom: Type.String(),
      confidence: ConfidenceSchema,
    }),
  ),
  /** The first announcement date the rules apply to. */
  start: Type.String(),
  versions: Type.Array(
    Type.Object({
      id: Type.String(),
      documents: Type.Array(Type.String()),
      effectiveFrom: Type.String(),
      effectiveTo: Nullable(Type.String()),
      wholeReservationMax: ByKind(FigureSchema),
      reservedShareMin: ByKind(FigureSchema),
      smallMicroOfReservedMin: FigureSchema,
      smallMicroDeduction: ByKind(RangeSchema),
      consortiumDeduction: ByKind(RangeSchema),
      consortiumShareMin: FigureSchema,
      annualSmeShareMin: FigureSchema,
      annualSmallMicroOfSmeMin: FigureSchema,
    }),
  ),
  kinds: Type.Array(TermSchema),
  sizes: Type.Array(TermSchema),
  roles: Type.Array(TermSchema),
  exemptions: Type.Array(TermSchema),
  reservationWays: Type.Array(TermSchema),
});

// ---- buying bodies ----

const Uscc = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$', description: '统一社会信用代码' });
export const BodyKindSchema = Type.Union([
  Type.Literal('government'),
  Type.Literal('public_institution'),
  Type.Literal('state_owned'),
  Type.Literal('other'),
]);
export const BodyBody = Strict({
  uscc: Uscc,
  name: Type.String({ minLength: 2, maxLength: 200 }),
  regionCode: RegionCode,
  kind: BodyKindSchema,
});
export const BodyUpdateBody = Strict({ ...BodyBody.properties, version: Type.Integer({ minimum: 1 }) });
export const BodySchema = Type.Object({
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  kind: BodyKindSchema,
  /** Its buyers' accounts (active). */
  buyers: Type.Integer(),
  version: Type.Integer(),
});
export const BodyListQuery = Strict({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 100 })),
  regionCode: Type.Optional(RegionCode),
});
export const BodyListSchema = Page(BodySchema);
export const IdParams = Strict({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

/** A supplier looked up in the registry by its USCC (the award form fills the supplier's name from it). */
export const SupplierParams = Strict({ uscc: Uscc });
export const SupplierSchema = Type.Object({
  uscc: Type.String(),
  /** The registered name. */
  name: Type.String(),
  /** The registry's size class under the 2011 standard of its latest year (null when it classifies none). */
  size: Nullable(Type.String()),
  sizeYear: Nullable(Type.Integer()),
});

// ---- the year's plan ----

export const ReservationWaySchema = Type.Union([
  Type.Literal('whole'),
  Type.Literal('lots'),
  Type.Literal('consortium'),
  Type.Literal('subcontract'),
]);
export const ProjectStateSchema = Type.Union([
  Type.Literal('planned'),
  Type.Literal('announced'),
  Type.Literal('awarded'),
  Type.Literal('cancelled'),
]);
const ProjectFields = {
  planYear: Type.Integer({ minimum: 2021, maximum: 2100 }),
  /** The body's own project number, unique in its year. */
  code: Type.String({ minLength: 1, maxLength: 60 }),
  name: Type.String({ minLength: 2, maxLength: 200 }),
  kind: ProcurementKindSchema,
  budget: Yuan,
  suitedToSmes: Type.Boolean(),
  exemption: Type.Optional(ExemptionSchema),
  exemptionNote: Type.Optional(Type.String({ maxLength: 500 })),
  quota: Type.Optional(Yuan),
  /** The day the procurement is (or is planned to be) announced: it picks the rules. */
  announcementDate: DateOnly,
  way: Type.Optional(ReservationWaySchema),
  /** Yuan reserved for SMEs (the whole budget when reserved whole). */
  reservedAmount: Type.Optional(Yuan),
  /** Yuan of it for small and micro enterprises. */
  smallMicroReserved: Type.Optional(Yuan),
  /** Consortium or subcontract: the SME share of the contract required (per cent). */
  partnerShare: Type.Optional(Percent),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
};
export const ProjectBody = Strict(ProjectFields);
export const ProjectUpdateBody = Strict({ ...ProjectFields, version: Type.Integer({ minimum: 1 }) });
export const VersionBody = Strict({ version: Type.Integer({ minimum: 1 }) });
export const ProjectSchema = Type.Object({
  id: Type.Integer(),
  bodyId: Type.Integer(),
  bodyName: Type.String(),
  regionCode: Type.String(),
  planYear: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: ProcurementKindSchema,
  budget: Type.String(),
  suitedToSmes: Type.Boolean(),
  exemption: Nullable(ExemptionSchema),
  exemptionNote: Type.String(),
  quota: Nullable(Type.String()),
  announcementDate: Type.String(),
  /** What the rules in force on the announcement date require (computed when saved). */
  requirement: RequirementSchema,
  way: Nullable(ReservationWaySchema),
  reservedAmount: Type.String(),
  smallMicroReserved: Type.String(),
  partnerShare: Nullable(Type.String()),
  /** Where the chosen reservation falls short of the requirement (empty when it meets it). */
  shortfalls: Type.Array(Type.Object({ field: Type.String(), message: Text })),
  state: ProjectStateSchema,
  note: Type.String(),
  awarded: Type.String(),
  awards: Type.Integer(),
  updatedAt: DateTime,
  version: Type.Integer(),
});
export const ProjectListQuery = Strict({
  ...PageQuery,
  year: Type.Optional(Type.Integer({ minimum: 2021, maximum: 2100 })),
  state: Type.Optional(ProjectStateSchema),
  kind: Type.Optional(ProcurementKindSchema),
  bodyId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Only projects whose reservation falls short. */
  short: Type.Optional(Type.Boolean()),
  /** Only the bodies of a region under the official's (and below it). */
  regionCode: Type.Optional(RegionCode),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export const ProjectListSchema = Page(ProjectSchema);

// ---- results and declarations ----

export const DeclarationBody = Strict({
  item: Type.String({ minLength: 1, maxLength: 200 }),
  /** The industry the tender fixes for the item (GB/T 4754-2017 code). */
  tenderIndustryCode: Type.String({ minLength: 1, maxLength: 10 }),
  /** The industry the declaration states, when it states another. */
  declaredIndustryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
  signedOn: DateOnly,
  /** The year of the figures; absent with the figures left blank. */
  figuresYear: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
  employees: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  /** 营业收入, 万元. */
  operatingRevenue: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  /** 资产总额, 万元. */
  totalAssets: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  declaredSize: Type.Union([Type.Literal('medium'), Type.Literal('small'), Type.Literal('micro')]),
});
export const AwardBody = Strict({
  awardedOn: DateOnly,
  title: Type.Optional(Type.String({ maxLength: 200 })),
  supplierUscc: Type.Optional(Uscc),
  supplierName: Type.String({ minLength: 1, maxLength: 200 }),
  amount: Yuan,
  /** Whether the contract is in the project's reserved part (a lot or the whole project reserved for SMEs). */
  reserved: Type.Boolean(),
  /** The size the winner declared (none: a large enterprise files no declaration). */
  declaredSize: Type.Optional(BidderSizeSchema),
  role: BidRoleSchema,
  /** Consortium or subcontract: small and micro enterprises' share of the contract (per cent). */
  smallMicroShare: Type.Optional(Percent),
  declarations: Type.Optional(Type.Array(DeclarationBody, { maxItems: 100 })),
});
export const FindingSchema = Type.Object({ code: Type.String(), detail: Text });
export const DeclarationSchema = Type.Object({
  id: Type.Integer(),
  item: Type.String(),
  tenderIndustryCode: Type.String(),
  declaredIndustryCode: Nullable(Type.String()),
  signedOn: Type.String(),
  figuresYear: Nullable(Type.Integer()),
  employees: Nullable(Type.Integer()),
  operatingRevenue: Nullable(Type.String()),
  totalAssets: Nullable(Type.String()),
  declaredSize: Type.String(),
  standardSize: Nullable(Type.String()),
  registrySize: Nullable(Type.String()),
  findings: Type.Array(FindingSchema),
  /** When it was last checked (recorded, or a recheck that changed its result). */
  checkedAt: DateTime,
});
export const AwardSchema = Type.Object({
  id: Type.Integer(),
  bodyId: Type.Integer(),
  bodyName: Type.String(),
  projectId: Nullable(Type.Integer()),
  projectName: Nullable(Type.String()),
  year: Type.Integer(),
  awardedOn: Type.String(),
  kind: ProcurementKindSchema,
  suitedToSmes: Type.Boolean(),
  reserved: Type.Boolean(),
  title: Type.String(),
  supplierUscc: Nullable(Type.String()),
  supplierName: Type.String(),
  /**
   * The registry's enterprise of the supplier's USCC, and its size there as the award's check used it: with
   * declarations, the size the registry's figures of the declared year give under the tender's industry (its first
   * item's, as last checked, `registryFiguresYear`); without, its size class when the award was recorded.
   */
  enterpriseId: Nullable(Type.Integer()),
  registrySize: Nullable(Type.String()),
  /** When that size was read (the declaration's last check, or the award's recording). */
  registryCheckedAt: DateTime,
  /** The year of the registry's figures the check used (null: no declaration, the size class as recorded). */
  registryFiguresYear: Nullable(Type.Integer()),
  amount: Type.String(),
  declaredSize: Nullable(BidderSizeSchema),
  role: BidRoleSchema,
  smallMicroShare: Nullable(Type.String()),
  /** What the contract counts for SMEs and for small and micro enterprises (yuan). */
  smeAmount: Type.String(),
  smallMicroAmount: Type.String(),
  source: Type.Union([Type.Literal('huiqi'), Type.Literal('ocds')]),
  /**
   * The flags of its declarations' checks (mismatches only), and `no_declaration` when a winner declared medium,
   * small or micro has no 声明函 recorded (it counts for SMEs on its word alone).
   */
  flags: Type.Array(Type.String()),
  /** How many 声明函 items it has (an imported award none). */
  declarationCount: Type.Integer(),
  /** Changes with each correction: a correction names the version it was made on. */
  version: Type.Integer(),
  declarations: Type.Array(DeclarationSchema),
});
export const AwardListQuery = Strict({
  ...PageQuery,
  year: Type.Optional(Type.Integer({ minimum: 2021, maximum: 2100 })),
  bodyId: Type.Optional(Type.Integer({ minimum: 1 })),
  projectId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Only awards whose declarations were flagged. */
  flagged: Type.Optional(Type.Boolean()),
  /** Only the bodies of a region under the official's (and below it). */
  regionCode: Type.Optional(RegionCode),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export const AwardListSchema = Page(Type.Omit(AwardSchema, ['declarations']));
/** A buyer withdraws an award recorded in error: why, for the audit log (the award and its declarations go). */
export const AwardWithdrawBody = Strict({ reason: Type.String({ minLength: 2, maxLength: 500 }) });
/**
 * A buyer corrects an award of their body (recorded in Huiqi): the award as it should be — amount, winner, size,
 * role, declarations (all of them, checked again) — on the version read, and why (for the audit log).
 */
export const AwardCorrectBody = Strict({
  ...AwardBody.properties,
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export const AwardWithdrawnSchema = Type.Object({
  id: Type.Integer(),
  projectId: Nullable(Type.Integer()),
});
export const DeclarationCheckBody = Strict({
  declaration: DeclarationBody,
  /** The supplier's USCC, to compare with the registry. */
  supplierUscc: Type.Optional(Uscc),
});
export const DeclarationCheckSchema = Type.Object({
  standardSize: Nullable(Type.String()),
  registrySize: Nullable(Type.String()),
  enterpriseId: Nullable(Type.Integer()),
  findings: Type.Array(FindingSchema),
});

// ---- shares ----

export const SharesQuery = Strict({
  year: Type.Integer({ minimum: 2021, maximum: 2100 }),
  /** A region under the official's (default: the official's own; admins: national). */
  regionCode: Type.Optional(RegionCode),
  /** Only the bodies below either line. */
  below: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
export const SharesExportQuery = Strict({
  year: Type.Integer({ minimum: 2021, maximum: 2100 }),
  regionCode: Type.Optional(RegionCode),
  below: Type.Optional(Type.Boolean()),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});
const ShareFigures = {
  projects: Type.Integer(),
  budget: Type.String(),
  suitedBudget: Type.String(),
  reserved: Type.String(),
  smallMicroReserved: Type.String(),
  contracts: Type.Integer(),
  awarded: Type.String(),
  awardedSuited: Type.String(),
  awardedSme: Type.String(),
  awardedSmallMicro: Type.String(),
  /** Reserved ÷ suited budget, and small/micro ÷ reserved (per cent, two decimals; null without a base). */
  reservedShare: Nullable(Type.String()),
  reservedSmallMicroShare: Nullable(Type.String()),
  /** Awarded to SMEs ÷ awarded in suited projects, and small/micro ÷ SMEs (per cent). */
  awardedShare: Nullable(Type.String()),
  awardedSmallMicroShare: Nullable(Type.String()),
  meetsSme: Type.Boolean(),
  meetsSmallMicro: Type.Boolean(),
  /** SBA-style grade: the lower of the awarded SME share against 30% and its small/micro part against 60% (method in `gradeMethod`). */
  grade: Nullable(Type.String()),
};
/** A year's figures as a report holds them (its snapshot), in total and by kind. */
export const FigureLineSchema = Type.Object(ShareFigures);
export const FigureLinesSchema = Type.Array(Type.Object({ kind: ProcurementKindSchema, ...ShareFigures }));
/** Of `projects` (every project of the year, cancelled ones left out), those suited to SMEs: the suited budget's. */
const SuitedProjects = { suitedProjects: Type.Integer() };
/**
 * Of the SME and small/micro amounts awarded in suited projects, the part that rests on flagged awards (a declaration
 * with a mismatch, or an SME size declared without one), and how many such awards: still counted by the size declared.
 */
const Flagged = {
  flagged: Type.Object({ awards: Type.Integer(), smeAmount: Type.String(), smallMicroAmount: Type.String() }),
};
export const BodyShareSchema = Type.Object({
  bodyId: Type.Integer(),
  bodyName: Type.String(),
  regionCode: Type.String(),
  ...ShareFigures,
  ...SuitedProjects,
  ...Flagged,
});
export const SharesSchema = Type.Object({
  year: Type.Integer(),
  regionCode: Type.String(),
  smeShareMin: Type.String(),
  smallMicroShareMin: Type.String(),
  gradeMethod: Text,
  total: Type.Object({ ...ShareFigures, ...SuitedProjects, ...Flagged }),
  byKind: Type.Array(Type.Object({ kind: ProcurementKindSchema, ...ShareFigures, ...SuitedProjects })),
  bodies: Page(BodyShareSchema),
  /** Bodies below either line (of all, not only this page). */
  below: Type.Integer(),
});

// ---- rechecking declarations ----

export const RecheckBody = Strict({
  /** The award year whose declarations are checked again. */
  year: Type.Integer({ minimum: 2021, maximum: 2100 }),
  /** A region under the official's (default: the official's own; admins may leave it for the nation). */
  regionCode: Type.Optional(RegionCode),
});
export const RecheckSchema = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  regionCode: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ]),
  /** Declarations read and checked, those whose result changed, and those flagged after the check. */
  checked: Type.Integer(),
  changed: Type.Integer(),
  flagged: Type.Integer(),
  /** Declarations given a mismatch they did not have, and those that lost a mismatch they had (another may stay). */
  newlyFlagged: Type.Integer(),
  cleared: Type.Integer(),
  /** By body, those with declarations newly flagged or cleared; `awards` names the first newly flagged awards. */
  bodies: Type.Array(
    Type.Object({
      bodyId: Type.Integer(),
      bodyName: Type.String(),
      newlyFlagged: Type.Integer(),
      cleared: Type.Integer(),
      awards: Type.Array(Type.Integer()),
    }),
  ),
  error: Nullable(Type.String()),
  /** Who queued it (their username, from the audit entry of its queuing). */
  startedBy: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
});

export const RecheckListQuery = Strict({
  year: Type.Optional(Type.Integer({ minimum: 2021, maximum: 2100 })),
  /** Runs of a region under the official's (and below it). */
  regionCode: Type.Optional(RegionCode),
});
export const RecheckListSchema = Type.Object({ items: Type.Array(RecheckSchema) });

// ---- OCDS open data ----

const OcdsFormat = Type.Union([Type.Literal('json'), Type.Literal('csv')]);
export const OcdsImportQuery = Strict({
  /** The uploaded file's name (its extension tells the form when `format` is not given). */
  fileName: Type.Optional(Type.String({ maxLength: 255 })),
  /** json: a release or record package; csv: releases in the flattened form. Default: from the name, else sniffed. */
  format: Type.Optional(OcdsFormat),
});
const OcdsCounts = {
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  /** Awards a later release cancelled (or found unsuccessful): taken out. */
  removed: Type.Integer(),
  /** Awards not kept: pending, cancelled before Huiqi had them, or from a release older than the one kept. */
  skipped: Type.Integer(),
};
export const OcdsImportSchema = Type.Object({
  format: OcdsFormat,
  /** Releases read (a CSV: rows grouped by ocid and release id). */
  releases: Type.Integer(),
  awards: Type.Integer(),
  ...OcdsCounts,
  bodies: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String(), ...OcdsCounts }),
  ),
});
export const OcdsExportQuery = Strict({
  year: Type.Integer({ minimum: 2021, maximum: 2100 }),
  /** One body (officials: of their region; a buyer: their own). */
  bodyId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** The bodies of a region under the official's (default: the official's own; admins: national). */
  regionCode: Type.Optional(RegionCode),
  format: OcdsFormat,
});
