/** API schemas of the credit evaluation (issue 14, measure 4): scorecards as data, scores explained. */
import Type, { type Static } from 'typebox';
import { DateOnly, DateTime, Nullable, Strict } from './common.ts';

const LocalizedSchema = Type.Object({ zh: Type.String(), en: Type.String() });

/** A bin over a numeric feature: [from, to), null is unbounded. */
export const RangeBinSchema = Strict({
  from: Nullable(Type.Number()),
  to: Nullable(Type.Number()),
  points: Type.Number(),
});

/** A bin over a categorical feature: these values. */
export const ValuesBinSchema = Strict({
  values: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
  points: Type.Number(),
});

/** A scorecard's model (checked by `checkScorecard`, not by this schema: a draft may hold problems). */
export const ScorecardModelSchema = Strict({
  basePoints: Type.Number(),
  features: Type.Array(
    Strict({
      feature: Type.String({ maxLength: 60 }),
      bins: Type.Array(Type.Union([RangeBinSchema, ValuesBinSchema]), { maxItems: 30 }),
      missingPoints: Type.Number(),
    }),
    { maxItems: 40 },
  ),
  grades: Type.Array(Strict({ grade: Type.String({ maxLength: 20 }), minScore: Nullable(Type.Number()) }), {
    maxItems: 20,
  }),
});

/** A problem of a scorecard: where in the model, and what. */
export const ScorecardProblemSchema = Type.Object({ path: Type.String(), message: LocalizedSchema });

/** A scorecard as the officials' pages read it. */
export const ScorecardSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  version: Type.Integer(),
  model: ScorecardModelSchema,
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')]),
  note: Nullable(Type.String()),
  createdBy: Nullable(Type.Integer()),
  createdByName: Nullable(Type.String()),
  createdAt: DateTime,
  approvedBy: Nullable(Type.Integer()),
  approvedByName: Nullable(Type.String()),
  approvedAt: Nullable(DateTime),
  publishedFrom: Nullable(DateOnly),
  problems: Type.Array(ScorecardProblemSchema),
});
export type ScorecardDto = Static<typeof ScorecardSchema>;

/** A draft's content. */
export const DraftScorecardBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  model: ScorecardModelSchema,
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
});

/** A model to check without storing it. */
export const CheckScorecardBody = Strict({ model: ScorecardModelSchema });
export const CheckScorecardResultSchema = Type.Object({ problems: Type.Array(ScorecardProblemSchema) });

/** Which enterprises a comparison counts. */
export const CompareQuery = Strict({
  regionPrefix: Type.Optional(Type.String({ pattern: '^\\d{0,6}$' })),
  day: Type.Optional(DateOnly),
});

/** Grades before (the published scorecard) and after (this one). */
export const ComparisonSchema = Type.Object({
  day: DateOnly,
  regionPrefix: Nullable(Type.String()),
  scorecard: Type.Object({ id: Type.Integer(), version: Type.Integer() }),
  published: Nullable(Type.Object({ id: Type.Integer(), version: Type.Integer() })),
  grades: Type.Array(Type.Object({ grade: Type.String(), before: Type.Integer(), after: Type.Integer() })),
  total: Type.Integer(),
});
export type ComparisonDto = Static<typeof ComparisonSchema>;

/** A feature the scorecards may use, with how it is computed. */
export const FeatureSchema = Type.Object({
  id: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  source: Type.String(),
  kind: Type.Union([Type.Literal('number'), Type.Literal('category')]),
  unit: Nullable(LocalizedSchema),
  values: Nullable(Type.Array(Type.String())),
  basis: LocalizedSchema,
});
export const FeaturesSchema = Type.Object({ items: Type.Array(FeatureSchema) });
export type FeatureDto = Static<typeof FeatureSchema>;

const Value = Nullable(Type.Union([Type.Number(), Type.String()]));

/** The data behind a feature's points: registry figures of a year, or the credit records counted or read. */
export const EvidenceSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('registry'),
    year: Nullable(Type.Integer()),
    figures: Type.Record(Type.String(), Value),
  }),
  Type.Object({
    kind: Type.Literal('records'),
    category: Type.String(),
    records: Type.Array(
      Type.Object({
        id: Type.Integer(),
        item: Type.String(),
        title: Type.String(),
        sourceDepartment: Type.String(),
        decidedOn: DateOnly,
        publishUntil: Nullable(DateOnly),
        valueNumber: Nullable(Type.Number()),
        valueText: Nullable(Type.String()),
      }),
    ),
  }),
]);

/** An enterprise's score with each feature's points and the data behind them. */
export const ScoreExplanationSchema = Type.Object({
  enterpriseId: Type.Integer(),
  score: Type.Number(),
  grade: Type.String(),
  basePoints: Type.Number(),
  computedOn: DateOnly,
  scorecard: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    version: Type.Integer(),
    publishedFrom: Nullable(DateOnly),
  }),
  items: Type.Array(
    Type.Object({
      feature: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      unit: Nullable(LocalizedSchema),
      basis: LocalizedSchema,
      source: Type.String(),
      value: Value,
      bin: Nullable(Type.Integer()),
      points: Type.Number(),
      evidence: EvidenceSchema,
    }),
  ),
});
export type ScoreExplanationDto = Static<typeof ScoreExplanationSchema>;
