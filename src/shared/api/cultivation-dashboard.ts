/**
 * The officials' cultivation dashboard (issue 18): the pipeline by tier and stage, the recognitions in force against
 * the national targets, by sub-region, those expiring soon, and the registry's likely candidates not yet applying.
 */
import Type from 'typebox';
import { DateOnly, DateTime, Nullable, Page, PageQuery, RegionCode, Strict } from './common.ts';
import { AssessmentStatusSchema, StageSchema, TierSchema } from './cultivation.ts';

const Year = Type.Integer({ minimum: 2022, maximum: 2100 });
const Format = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
const Lang = Type.Union([Type.Literal('zh'), Type.Literal('en')]);

export const CultivationDashboardQuery = Strict({
  year: Type.Optional(Year),
  regionCode: Type.Optional(RegionCode),
});

export const CultivationDashboardExportQuery = Strict({
  ...CultivationDashboardQuery.properties,
  table: Type.Optional(Type.Union([Type.Literal('tiers'), Type.Literal('regions')])),
  format: Format,
  lang: Type.Optional(Lang),
});

const TierCounts = Type.Object({
  innovative: Type.Integer(),
  specialised: Type.Integer(),
  little_giant: Type.Integer(),
});

export const CultivationDashboardSchema = Type.Object({
  year: Type.Integer(),
  today: DateOnly,
  /** The region looked at (null: the whole country), its names and the level of its sub-regions. */
  regionCode: Nullable(Type.String()),
  regionName: Type.String(),
  regionNameEn: Type.String(),
  subRegionLevel: Nullable(
    Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
  ),
  /** Per tier: the national 14th-FYP target, the recognitions in force, those expiring soon, the candidates. */
  tiers: Type.Array(
    Type.Object({
      tier: TierSchema,
      nameZh: Type.String(),
      nameEn: Type.String(),
      nationalTarget: Type.Integer(),
      recognised: Type.Integer(),
      /** The region's recognitions in force as a share of the national target, per cent with two decimals. */
      shareOfTarget: Type.String(),
      expiring: Type.Integer(),
      candidates: Type.Integer(),
    }),
  ),
  /** The applications of the year by tier and stage (every pair, zeros included). */
  pipeline: Type.Array(Type.Object({ tier: TierSchema, stage: StageSchema, count: Type.Integer() })),
  /** The recognitions in force by sub-region (those with any), by tier. */
  bySubRegion: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      counts: TierCounts,
      total: Type.Integer(),
    }),
  ),
  expiringDays: Type.Integer(),
  /** The first recognitions ending within `expiringDays`, soonest first. */
  expiring: Type.Array(
    Type.Object({
      enterpriseId: Type.Integer(),
      applicationId: Type.Integer(),
      enterpriseName: Type.String(),
      uscc: Type.String(),
      regionCode: Type.String(),
      tier: TierSchema,
      validTo: DateOnly,
    }),
  ),
  /** When the registry-wide scoring last wrote a result counted among the candidates (null: none scored). */
  scoredAt: Nullable(DateTime),
});

export const CandidatesQuery = Strict({
  ...PageQuery,
  tier: Type.Optional(TierSchema),
  regionCode: Type.Optional(RegionCode),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});

export const CandidatesExportQuery = Strict({
  tier: Type.Optional(TierSchema),
  regionCode: Type.Optional(RegionCode),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  format: Format,
  lang: Type.Optional(Lang),
});

export const CandidateSchema = Type.Object({
  enterpriseId: Type.Integer(),
  name: Type.String(),
  uscc: Type.String(),
  regionCode: Nullable(Type.String()),
  regionName: Type.String(),
  tier: TierSchema,
  score: Nullable(Type.Number()),
  status: AssessmentStatusSchema,
  missing: Type.Integer(),
  standardVersion: Type.String(),
  dataYear: Type.Integer(),
  computedAt: DateTime,
});

export const CandidatesPageSchema = Type.Intersect([
  Page(CandidateSchema),
  Type.Object({ scoredAt: Nullable(DateTime) }),
]);

// ---- the registry-wide scoring behind the candidates

export const ScoringQuery = Strict({ regionCode: Type.Optional(RegionCode) });

export const ScoringBody = Strict({ regionCode: Type.Optional(RegionCode) });

/** A scoring run: its region, state, progress and who started it. */
export const ScoringRunSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Nullable(Type.String()),
  regionName: Type.String(),
  regionNameEn: Type.String(),
  onDate: DateOnly,
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ]),
  /** Enterprises scored so far (all of them once it has succeeded). */
  enterprises: Type.Integer(),
  /** The registry's enterprises in the run's region: what `enterprises` runs up to. */
  expected: Type.Integer(),
  changed: Type.Integer(),
  startedBy: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
});

/** The scoring of a region: may the caller start one, the run under way and the last one finished. */
export const ScoringOverviewSchema = Type.Object({
  regionCode: Nullable(Type.String()),
  canStart: Type.Boolean(),
  current: Nullable(ScoringRunSchema),
  last: Nullable(ScoringRunSchema),
});
