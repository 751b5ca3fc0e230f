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
  /** The figure's unit; null for a level or a yes/no. */
  unit: Nullable(LocalizedSchema),
});

/** One tier's assessment, explained (cultivation.rules.ts `TierAssessment.explain`). */
export const AssessmentSchema = Type.Object({
  tier: TierSchema,
  standardId: Type.String(),
  status: AssessmentStatusSchema,
  likely: Type.Boolean(),
  total: Type.Number(),
  maxTotal: Type.Number(),
  /** The total the standard asks for; null for a tier without a score. */
  passMark: Nullable(Type.Number()),
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

// ---- public notices and objections

export const NoticeQuery = Strict({
  ...PageQuery,
  tier: Type.Optional(TierSchema),
  provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}0000$' })),
});

export const NoticeSchema = Type.Object({
  enterpriseId: Type.Integer(),
  applicationId: Type.Integer(),
  enterpriseName: Type.String(),
  uscc: Type.String(),
  tier: TierSchema,
  year: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  score: Nullable(Type.Number()),
  noticeFrom: DateOnly,
  noticeTo: DateOnly,
  /** Objections are taken today. */
  open: Type.Boolean(),
});

export const NoticePageSchema = Page(NoticeSchema);

export const NoticeParams = Strict({
  enterpriseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  applicationId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});

export const ObjectionBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  contact: Type.String({ minLength: 1, maxLength: 100 }),
  content: Type.String({ minLength: 1, maxLength: 2000 }),
});

/** What the objector is given on lodging: the objection's number and reference, and the code to look it up. */
export const ObjectionLodgedSchema = Type.Object({
  id: Type.Integer(),
  lodgedAt: DateTime,
  /** The reference to give when looking it up ('{enterpriseId}-{id}'). */
  reference: Type.String(),
  /** The lookup code (8 characters, shown as XXXX-XXXX); derived, never stored. */
  code: Type.String(),
});

export const ObjectionLookupBody = Strict({
  reference: Type.String({ minLength: 1, maxLength: 40 }),
  code: Type.String({ minLength: 1, maxLength: 20 }),
});

/** An objection as its objector looks it up: its state and, once given, the province's answer. */
export const ObjectionLookupSchema = Type.Object({
  reference: Type.String(),
  enterpriseName: Type.String(),
  tier: TierSchema,
  noticeFrom: Nullable(DateOnly),
  noticeTo: Nullable(DateOnly),
  lodgedAt: DateTime,
  state: Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('dismissed')]),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
});

// ---- the public list of announced recognitions

export const RecognitionsQuery = Strict({
  ...PageQuery,
  tier: Type.Optional(TierSchema),
  /** The year of the announcement. */
  year: Type.Optional(Type.Integer({ minimum: 2022, maximum: 2100 })),
  provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}0000$' })),
  /** Part of the enterprise's name. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
});

/** An announced recognition in force, as the public sees it. */
export const PublicRecognitionSchema = Type.Object({
  enterpriseName: Type.String(),
  tier: TierSchema,
  announcedOn: DateOnly,
  validTo: DateOnly,
  provinceCode: Type.String(),
  provinceName: Type.String(),
  provinceNameEn: Type.String(),
});

export const RecognitionsPageSchema = Page(PublicRecognitionSchema);

export const ObjectionAnswerBody = Strict({
  state: Type.Union([Type.Literal('upheld'), Type.Literal('dismissed')]),
  answer: Type.String({ minLength: 1, maxLength: 2000 }),
});

// ---- a province's settings

const BandEndSchema = Strict({ value: Type.Number(), included: Type.Boolean() });

/** A province's 特色化 indicator: its name, unit, points at most and bands. */
export const ProvinceIndicatorSchema = Strict({
  id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
  zh: Type.String({ minLength: 1, maxLength: 60 }),
  en: Type.String({ maxLength: 120 }),
  unit: Strict({ zh: Type.String({ maxLength: 20 }), en: Type.String({ maxLength: 40 }) }),
  max: Type.Number({ minimum: 0, maximum: 15 }),
  bands: Type.Array(
    Strict({
      points: Type.Number({ minimum: 0, maximum: 15 }),
      lower: Nullable(BandEndSchema),
      upper: Nullable(BandEndSchema),
    }),
    { minItems: 1, maxItems: 12 },
  ),
});

export const SettingsQuery = Strict({
  year: Type.Optional(Type.Integer({ minimum: 2022, maximum: 2100 })),
  provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}0000$' })),
});

export const TierSettingsSchema = Type.Object({
  tier: TierSchema,
  quota: Nullable(Type.Integer()),
  opensOn: Nullable(DateOnly),
  closesOn: Nullable(DateOnly),
  noticeDays: Type.Integer(),
  countyDays: Type.Integer(),
  provinceDays: Type.Integer(),
  indicators: Type.Array(ProvinceIndicatorSchema),
  /** On notice or recognised in the province this year. */
  used: Type.Integer(),
  /** 0 while the province has saved none. */
  version: Type.Integer(),
  defaults: Type.Object({
    noticeDays: Type.Integer(),
    countyDays: Type.Integer(),
    provinceDays: Type.Integer(),
    basis: LocalizedSchema,
  }),
});

export const SettingsSchema = Type.Object({
  provinceCode: Type.String(),
  year: Type.Integer(),
  canEdit: Type.Boolean(),
  tiers: Type.Array(TierSettingsSchema),
  provinceSlot: Type.Object({
    minIndicators: Type.Integer(),
    maxIndicators: Type.Integer(),
    points: Type.Number(),
    basis: Type.String(),
  }),
});

export const SettingsParams = Strict({
  provinceCode: Type.String({ pattern: '^[0-9]{2}0000$' }),
  tier: TierSchema,
  year: Type.Integer({ minimum: 2022, maximum: 2100 }),
});

export const SettingsBody = Strict({
  quota: Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  opensOn: Nullable(DateOnly),
  closesOn: Nullable(DateOnly),
  noticeDays: Type.Integer({ minimum: 1, maximum: 60 }),
  countyDays: Type.Integer({ minimum: 1, maximum: 120 }),
  provinceDays: Type.Integer({ minimum: 1, maximum: 120 }),
  indicators: Type.Array(ProvinceIndicatorSchema, { maxItems: 3 }),
  version: Type.Integer({ minimum: 0 }),
});
