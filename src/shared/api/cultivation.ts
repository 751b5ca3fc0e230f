/**
 * Gradient cultivation (issue 18, measures 16–17; docs/reference/cultivation.md): an enterprise's assessment
 * against each tier with the figures used, what it lacks and what it would need; the facts it fills in; its
 * applications; the officials' review queues and actions; the provinces' settings; the public notices.
 */
import Type from 'typebox';
import { DateOnly, DateTime, Nullable, Page, PageQuery, Strict } from './common.ts';

const LocalizedSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const TierSchema = Type.Union([
  Type.Literal('innovative'),
  Type.Literal('specialised'),
  Type.Literal('little_giant'),
]);

export const StageSchema = Type.Union([
  Type.Literal('county_review'),
  Type.Literal('returned'),
  Type.Literal('province_review'),
  Type.Literal('national_review'),
  Type.Literal('notice'),
  Type.Literal('recognised'),
  Type.Literal('rejected'),
  Type.Literal('withdrawn'),
  Type.Literal('revoked'),
]);

export const AssessmentStatusSchema = Type.Union([
  Type.Literal('likely'),
  Type.Literal('unlikely'),
  Type.Literal('incomplete'),
]);

/** A tier's standard version as the page names it, with where its figures come from. */
export const StandardViewSchema = Type.Object({
  id: Type.String(),
  documentNumber: Type.String(),
  titleZh: Type.String(),
  inForceFrom: DateOnly,
  inForceTo: Nullable(DateOnly),
  confidence: Type.String(),
  basis: Type.String(),
  /** A reported successor not yet held with figures (e.g. the 2026 revision). */
  reportedSuccessor: Nullable(
    Type.Object({
      documentNumber: Type.String(),
      titleZh: Type.String(),
      from: DateOnly,
      confidence: Type.String(),
    }),
  ),
});

const FigureUsedSchema = Type.Object({
  measure: Type.String(),
  name: LocalizedSchema,
  value: Nullable(Type.Number()),
  text: LocalizedSchema,
});

/** One tier's assessment, explained (cultivation.rules.ts `TierAssessment.explain`). */
export const AssessmentSchema = Type.Object({
  tier: TierSchema,
  standardId: Type.String(),
  status: AssessmentStatusSchema,
  likely: Type.Boolean(),
  total: Type.Number(),
  maxTotal: Type.Number(),
  scorePasses: Nullable(Type.Boolean()),
  summary: LocalizedSchema,
  dimensions: Type.Array(
    Type.Object({
      id: Type.String(),
      name: LocalizedSchema,
      points: Type.Number(),
      max: Type.Number(),
      minimum: Nullable(Type.Number()),
      meetsMinimum: Nullable(Type.Boolean()),
      unset: Type.Boolean(),
    }),
  ),
  indicators: Type.Array(
    Type.Object({
      id: Type.String(),
      dimension: Type.String(),
      name: LocalizedSchema,
      points: Type.Number(),
      max: Type.Number(),
      missing: Type.Boolean(),
      figures: Type.Array(FigureUsedSchema),
      basis: Type.String(),
      confidence: Type.String(),
    }),
  ),
  conditions: Type.Array(
    Type.Object({
      id: Type.String(),
      group: Type.Union([
        Type.Literal('prerequisite'),
        Type.Literal('required'),
        Type.Literal('alternative'),
      ]),
      name: LocalizedSchema,
      met: Nullable(Type.Boolean()),
      reason: LocalizedSchema,
      basis: Type.String(),
      confidence: Type.String(),
    }),
  ),
  missing: Type.Array(
    Type.Object({
      fact: Type.String(),
      name: LocalizedSchema,
      neededFor: Type.Array(Type.String()),
      reason: LocalizedSchema,
    }),
  ),
  needs: Type.Array(
    Type.Object({
      indicator: Type.String(),
      dimension: Type.String(),
      measure: Type.String(),
      from: Type.Number(),
      to: Type.Number(),
      toIncluded: Type.Boolean(),
      gain: Type.Number(),
      text: LocalizedSchema,
    }),
  ),
});

/** A fact's problem (which field, why). */
export const FactProblemSchema = Type.Object({ field: Type.String(), message: LocalizedSchema });

/** The enterprise's own facts (the keys of cultivation.facts.rules.ts OWN_FACT_KEYS), as JSON. */
export const OwnFactsSchema = Type.Record(Type.String(), Type.Unknown());

/** An enterprise's application as it and the officials see it. */
export const ApplicationSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  uscc: Type.String(),
  tier: TierSchema,
  standardVersion: Type.String(),
  year: Type.Integer(),
  dataYear: Type.Integer(),
  regionCode: Type.String(),
  stage: StageSchema,
  score: Nullable(Type.Number()),
  status: AssessmentStatusSchema,
  dueOn: Nullable(DateOnly),
  /** Past its due date at its stage. */
  overdue: Type.Boolean(),
  returnComment: Nullable(Type.String()),
  noticeFrom: Nullable(DateOnly),
  noticeTo: Nullable(DateOnly),
  validFrom: Nullable(DateOnly),
  validTo: Nullable(DateOnly),
  revokedReason: Nullable(Type.String()),
  submittedAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer(),
});

/** What the enterprise sees on its cultivation page. */
export const MyCultivationSchema = Type.Object({
  assessedOn: DateOnly,
  /** The year whose figures the standards read ("上年度"). */
  dataYear: Type.Integer(),
  provinceCode: Nullable(Type.String()),
  tiers: Type.Array(
    Type.Object({
      tier: TierSchema,
      name: LocalizedSchema,
      recognition: Type.String(),
      standard: Nullable(StandardViewSchema),
      assessment: Nullable(AssessmentSchema),
      /** The recognition held now, if any. */
      heldUntil: Nullable(DateOnly),
      /** Whether applications are open in the province now, and until when. */
      window: Type.Object({
        open: Type.Boolean(),
        opensOn: Nullable(DateOnly),
        closesOn: Nullable(DateOnly),
      }),
    }),
  ),
  /** The registry's figures the rules read, by fact. */
  registryFacts: Type.Record(Type.String(), Type.Unknown()),
  ownFacts: OwnFactsSchema,
  ownVersion: Type.Integer(),
  /** Figures that contradict each other (the registry's or the enterprise's). */
  problems: Type.Array(FactProblemSchema),
  applications: Type.Array(ApplicationSchema),
});

export const OwnFactsBody = Strict({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  /** The version read (0: none saved yet). */
  version: Type.Integer({ minimum: 0 }),
  facts: OwnFactsSchema,
});

export const ApplyBody = Strict({ tier: TierSchema });

export const ResubmitBody = Strict({ version: Type.Integer({ minimum: 1 }) });

/** An official's action on an application. */
export const ApplicationActionBody = Strict({
  action: Type.Union([
    Type.Literal('return'),
    Type.Literal('recommend'),
    Type.Literal('approve'),
    Type.Literal('reject'),
    Type.Literal('announce'),
    Type.Literal('revoke'),
  ]),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  version: Type.Integer({ minimum: 1 }),
});

export const QueueQuery = Strict({
  ...PageQuery,
  tier: Type.Optional(TierSchema),
  stage: Type.Optional(StageSchema),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  year: Type.Optional(Type.Integer({ minimum: 2022, maximum: 2100 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  overdue: Type.Optional(Type.Boolean()),
});

export const QueuePageSchema = Page(ApplicationSchema);
