/**
 * API schemas of government procurement for SMEs (measure 8; 财库〔2020〕46号, 财库〔2022〕19号): the public
 * calculators — what a project requires and the price evaluation of bids — and the dated rules they apply
 * (docs/reference/procurement.md).
 */
import Type from 'typebox';
import { DateOnly, Nullable, Strict } from './common.ts';

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
