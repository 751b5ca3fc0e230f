/**
 * Monitoring surveys and the SME development index (issue 16, measure 3; ADR 0030; docs/reference/monitoring.md):
 * survey design by version, a panel drawn from the registry, waves answered by the panel's enterprises, the
 * data-quality flags, the computation into balance indices traceable to weighted counts, and releases published at
 * a set time. Weights, answers to number questions and index values are decimal strings, never binary floats.
 */

import Type from 'typebox';
import { SAMPLE_SIZE_MAX } from '../../reference/monitoring.ts';
import { DateOnly, DateTime, Nullable, Page, PageQuery, Strict } from './common.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
/** A decimal string, possibly negative (answers to number questions, ranges). */
export const SignedDecimal = Type.String({
  pattern: '^-?\\d{1,16}(\\.\\d{1,4})?$',
  description: 'decimal string',
});
/** A weight: a decimal from 0 to 1 with up to six places. */
export const WeightDecimal = Type.String({
  pattern: '^(0(\\.\\d{1,6})?|1(\\.0{1,6})?)$',
  description: '0…1',
});
/** A survey's region: '' national, or a province's, city's or county's six-digit code. */
const SurveyRegion = Type.String({ pattern: '^(|\\d{6})$' });
/** A wave's period: 'YYYY-MM' (monthly) or 'YYYY-Qn' (quarterly). */
export const Period = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$',
  description: 'YYYY-MM or YYYY-Qn',
});
const Lang = Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')]));
const Format = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);

export const QuestionKindSchema = Type.Union([
  Type.Literal('three_level'),
  Type.Literal('number'),
  Type.Literal('choice'),
  Type.Literal('text'),
]);
export const DirectionSchema = Type.Union([Type.Literal('up_is_good'), Type.Literal('down_is_good')]);
export const SizeStratumSchema = Type.Union([
  Type.Literal('medium'),
  Type.Literal('small'),
  Type.Literal('micro'),
]);

const ChoiceSchema = Strict({
  code: Type.String({ pattern: '^[a-z0-9_]{1,40}$' }),
  zh: Type.String({ minLength: 1, maxLength: 60 }),
  en: Type.Optional(Type.String({ maxLength: 80 })),
});

/**
 * A question as written by the statistician. Most attributes are optional in the schema so that the service can
 * name the one a kind needs (an index question without its direction, a number without its unit).
 */
export const QuestionInput = Strict({
  code: Type.String({ minLength: 1, maxLength: 40 }),
  textZh: Type.String({ minLength: 1, maxLength: 300 }),
  textEn: Type.Optional(Type.String({ maxLength: 400 })),
  helpZh: Type.Optional(Type.String({ maxLength: 500 })),
  kind: QuestionKindSchema,
  required: Type.Optional(Type.Boolean()),
  /** For a three-level question in the index: its SMEDI sub-index (SMEDI_SUB_INDICES). */
  subIndex: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  direction: Type.Optional(Nullable(DirectionSchema)),
  /** Its weight within the sub-index; a sub-index's weights sum to 1. */
  weight: Type.Optional(Nullable(WeightDecimal)),
  /** For the PMI-style composite: the PMI component it answers (PMI_COMPONENTS). */
  pmiComponent: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  /** A three-level question asking for a judgement (better / same / worse) rather than a quantity. */
  judgement: Type.Optional(Type.Boolean()),
  unit: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  min: Type.Optional(Nullable(SignedDecimal)),
  max: Type.Optional(Nullable(SignedDecimal)),
  decimals: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 4 }))),
  choices: Type.Optional(Nullable(Type.Array(ChoiceSchema, { maxItems: 30 }))),
  /** A number question the registry also holds: its answer is checked against the registry's figure. */
  registryFigure: Type.Optional(
    Nullable(Type.Union([Type.Literal('employees'), Type.Literal('operating_revenue')])),
  ),
});

export const QuestionSchema = Type.Object({
  code: Type.String(),
  position: Type.Integer(),
  textZh: Type.String(),
  textEn: Type.String(),
  helpZh: Type.String(),
  kind: QuestionKindSchema,
  required: Type.Boolean(),
  subIndex: Nullable(Type.String()),
  direction: Nullable(DirectionSchema),
  weight: Nullable(Type.String()),
  pmiComponent: Nullable(Type.String()),
  judgement: Type.Boolean(),
  unit: Nullable(Type.String()),
  min: Nullable(Type.String()),
  max: Nullable(Type.String()),
  decimals: Nullable(Type.Integer()),
  choices: Nullable(Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() }))),
  registryFigure: Nullable(Type.String()),
});

export const SurveyBody = Strict({
  code: Type.String({ minLength: 1, maxLength: 40 }),
  nameZh: Type.String({ minLength: 1, maxLength: 80 }),
  nameEn: Type.Optional(Type.String({ maxLength: 120 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  frequency: Type.Union([Type.Literal('monthly'), Type.Literal('quarterly')]),
  /** Each answer weighted by its design weight alone, or by design weight × the enterprise's revenue. */
  weighting: Type.Optional(Type.Union([Type.Literal('design'), Type.Literal('design_revenue')])),
  /** The survey's region (default: the official's own; '' national, admins only). */
  regionCode: Type.Optional(SurveyRegion),
  questions: Type.Array(QuestionInput, { minItems: 1, maxItems: 200 }),
  /** What changed, kept with the version. */
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

/** A change of a survey: its names and questions. A version used by a wave is kept; the change makes the next. */
export const SurveyUpdateBody = Strict({
  nameZh: Type.String({ minLength: 1, maxLength: 80 }),
  nameEn: Type.Optional(Type.String({ maxLength: 120 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  frequency: Type.Union([Type.Literal('monthly'), Type.Literal('quarterly')]),
  weighting: Type.Optional(Type.Union([Type.Literal('design'), Type.Literal('design_revenue')])),
  questions: Type.Array(QuestionInput, { minItems: 1, maxItems: 200 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  version: Type.Integer({ minimum: 1 }),
});

const SurveyVersionSchema = Type.Object({
  version: Type.Integer(),
  note: Type.String(),
  frozen: Type.Boolean(),
  createdAt: DateTime,
  questions: Type.Integer(),
});

export const SurveySummarySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  regionCode: Type.String(),
  frequency: Type.Union([Type.Literal('monthly'), Type.Literal('quarterly')]),
  weighting: Type.Union([Type.Literal('design'), Type.Literal('design_revenue')]),
  currentVersion: Type.Integer(),
  panelActive: Type.Integer(),
  waves: Type.Integer(),
  latestWave: Nullable(
    Type.Object({
      id: Type.Integer(),
      period: Type.String(),
      state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
      /** The wave's first day (China's date): an open wave before it is shown as not yet open. */
      opensOn: Type.String(),
    }),
  ),
  updatedAt: DateTime,
});

export const SurveySchema = Type.Object({
  ...SurveySummarySchema.properties,
  description: Type.String(),
  version: Type.Integer(),
  /** Whether the current version is frozen (a wave uses it): a change makes the next version. */
  frozen: Type.Boolean(),
  questions: Type.Array(QuestionSchema),
  versions: Type.Array(SurveyVersionSchema),
  /** What may be done with it by the caller. */
  canEdit: Type.Boolean(),
});

export const SurveyListQuery = Strict({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 80 })),
});
export const SurveyListSchema = Page(SurveySummarySchema);

export const SurveyParams = Strict({ id: Id });
export const SurveyVersionParams = Strict({ id: Id, version: Type.Integer({ minimum: 1, maximum: 100000 }) });
export const SurveyVersionQuestionsSchema = Type.Object({
  version: Type.Integer(),
  note: Type.String(),
  frozen: Type.Boolean(),
  questions: Type.Array(QuestionSchema),
});

// ---- weights ----

export const WeightKindSchema = Type.Union([Type.Literal('sub_index'), Type.Literal('industry')]);
export const WeightsBody = Strict({
  kind: WeightKindSchema,
  /** '' national (admins), or the official's region. */
  regionCode: Type.Optional(SurveyRegion),
  effectiveFrom: DateOnly,
  /** Every code of the kind, each with its weight; they sum to 1. */
  items: Type.Array(Strict({ code: Type.String({ maxLength: 40 }), weight: WeightDecimal }), {
    minItems: 1,
    maxItems: 20,
  }),
  basis: Type.String({ minLength: 1, maxLength: 300 }),
  verified: Type.Boolean(),
});
export const WeightRowSchema = Type.Object({
  kind: WeightKindSchema,
  code: Type.String(),
  regionCode: Type.String(),
  effectiveFrom: Type.String(),
  weight: Type.String(),
  basis: Type.String(),
  verified: Type.Boolean(),
  updatedAt: DateTime,
});
export const WeightsSchema = Type.Object({ items: Type.Array(WeightRowSchema) });

// ---- panel ----

/** The largest sample a draw takes (src/reference/monitoring.ts, where the web reads it too). */
export { SAMPLE_SIZE_MAX };

export const DrawBody = Strict({
  /**
   * A whole number from 1 to SAMPLE_SIZE_MAX. Checked by the service (drawPanel), which names the field with one
   * message for any other value (0, -5, 2.5, "abc"), rather than by the schema's type and bounds one at a time.
   */
  sampleSize: Type.Unsafe<number>(
    Type.Unknown({ description: `a whole number from 1 to ${SAMPLE_SIZE_MAX}` }),
  ),
  allocation: Type.Union([Type.Literal('proportional'), Type.Literal('revenue')]),
  /** Repeats a draw when given the same seed over the same registry (default: a new random seed). */
  seed: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** Replace an existing panel (its members leave it). */
  replace: Type.Optional(Type.Boolean()),
});

const StratumSchema = Type.Object({
  industry: Type.String(),
  regionCode: Type.String(),
  size: Type.String(),
  frame: Type.Integer(),
  /** The stratum's revenue (万元), read for an allocation by revenue only. */
  revenue: Nullable(Type.String()),
  sample: Type.Integer(),
  designWeight: Nullable(Type.String()),
});

export const DrawSchema = Type.Object({
  id: Type.Integer(),
  seed: Type.String(),
  sampleSize: Type.Integer(),
  allocation: Type.String(),
  sizeYear: Type.Integer(),
  frame: Type.Integer(),
  drawn: Type.Integer(),
  strata: Type.Array(StratumSchema),
  createdAt: DateTime,
});

export const PanelQuery = Strict({
  ...PageQuery,
  state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('dropped')])),
  industry: Type.Optional(Type.String({ maxLength: 40 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{2,6}$' })),
  size: Type.Optional(SizeStratumSchema),
  q: Type.Optional(Type.String({ maxLength: 80 })),
});
export const PanelExportQuery = Strict({
  ...PanelQuery.properties,
  format: Format,
  lang: Lang,
});

export const PanelMemberSchema = Type.Object({
  enterpriseId: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  industry: Type.String(),
  regionCode: Type.String(),
  size: SizeStratumSchema,
  designWeight: Type.String(),
  state: Type.Union([Type.Literal('active'), Type.Literal('dropped')]),
  joinedOn: Type.String(),
  leftOn: Nullable(Type.String()),
  leftReason: Nullable(Type.String()),
  replacesEnterpriseId: Nullable(Type.Integer()),
  replacedBy: Nullable(Type.Integer()),
  version: Type.Integer(),
});
export const PanelPageSchema = Page(PanelMemberSchema);

export const DropMemberParams = Strict({ id: Id, enterpriseId: Id });
export const DropMemberBody = Strict({
  reason: Type.String({ minLength: 2, maxLength: 300 }),
  /** Draw a replacement from the same stratum (default true). */
  replace: Type.Optional(Type.Boolean()),
  version: Type.Integer({ minimum: 1 }),
});
export const DropMemberSchema = Type.Object({
  dropped: PanelMemberSchema,
  replacement: Nullable(PanelMemberSchema),
  /** Why no replacement was drawn (the stratum has no enterprise left), when none was. */
  noReplacement: Nullable(Type.String()),
});

/** The panel's make-up beside the registry's (the sampling frame), by one dimension. */
const ShareRowSchema = Type.Object({
  key: Type.String(),
  frame: Type.Integer(),
  frameShare: Type.Number(),
  panel: Type.Integer(),
  panelShare: Type.Number(),
  /** The panel weighted by the design weights: the share it stands for. */
  weightedShare: Type.Number(),
});
/** Why an enterprise of the survey region is not in the frame (the first that applies, in this order). */
export const FrameExclusionSchema = Type.Union([
  Type.Literal('inactive'),
  Type.Literal('outside_index'),
  Type.Literal('no_size'),
  Type.Literal('invalid'),
  Type.Literal('not_covered'),
  Type.Literal('large'),
]);
export const PanelMakeupSchema = Type.Object({
  draw: Nullable(DrawSchema),
  frame: Type.Integer(),
  panel: Type.Integer(),
  /** The survey region's enterprises left out of the frame, by why (none listed when none). */
  outside: Type.Array(Type.Object({ reason: FrameExclusionSchema, enterprises: Type.Integer() })),
  byIndustry: Type.Array(ShareRowSchema),
  byRegion: Type.Array(ShareRowSchema),
  bySize: Type.Array(ShareRowSchema),
});

// ---- waves ----

export const WaveBody = Strict({
  period: Period,
  opensOn: DateOnly,
  closesOn: DateOnly,
  /** Days after the deadline an answer is still taken (flagged late). */
  graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
});
export const WaveParams = Strict({ id: Id });

const ProgressRowSchema = Type.Object({
  industry: Type.String(),
  regionCode: Type.String(),
  size: Type.String(),
  members: Type.Integer(),
  submitted: Type.Integer(),
  accepted: Type.Integer(),
  returned: Type.Integer(),
  draft: Type.Integer(),
  rate: Type.Number(),
});

export const WaveSchema = Type.Object({
  id: Type.Integer(),
  surveyId: Type.Integer(),
  surveyName: Type.String(),
  surveyNameEn: Type.String(),
  surveyVersion: Type.Integer(),
  regionCode: Type.String(),
  period: Type.String(),
  opensOn: Type.String(),
  closesOn: Type.String(),
  graceDays: Type.Integer(),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  members: Type.Integer(),
  counts: Type.Object({
    pending: Type.Integer(),
    draft: Type.Integer(),
    submitted: Type.Integer(),
    accepted: Type.Integer(),
    returned: Type.Integer(),
    openFlags: Type.Integer(),
  }),
  responseRate: Type.Number(),
  /** Below this share a release of the wave is flagged to its makers and reviewer. */
  lowResponseRate: Type.Number(),
  byStratum: Type.Array(ProgressRowSchema),
  latestRun: Nullable(Type.Object({ id: Type.Integer(), computedAt: DateTime, responses: Type.Integer() })),
});
export const WaveListSchema = Type.Object({ items: Type.Array(Type.Omit(WaveSchema, ['byStratum'])) });

export const FlagKindSchema = Type.Union([
  Type.Literal('missing'),
  Type.Literal('straight_lining'),
  Type.Literal('jump_registry'),
  Type.Literal('jump_last_wave'),
  Type.Literal('late'),
  Type.Literal('duplicate'),
]);
export const ResponseStateSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('accepted'),
  Type.Literal('returned'),
]);

export const ResponseListQuery = Strict({
  ...PageQuery,
  state: Type.Optional(ResponseStateSchema),
  flag: Type.Optional(FlagKindSchema),
  /** Only responses with a flag still open. */
  flagged: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 80 })),
});
export const ResponseRowSchema = Type.Object({
  enterpriseId: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  industry: Type.String(),
  regionCode: Type.String(),
  size: Type.String(),
  weight: Type.String(),
  state: ResponseStateSchema,
  submittedAt: Nullable(DateTime),
  openFlags: Type.Array(FlagKindSchema),
  version: Type.Integer(),
});
export const ResponseListSchema = Page(ResponseRowSchema);

export const AnswerValue = Strict({
  questionCode: Type.String({ minLength: 1, maxLength: 40 }),
  /** A three-level answer. */
  level: Type.Optional(Type.Union([Type.Literal('up'), Type.Literal('same'), Type.Literal('down')])),
  number: Type.Optional(SignedDecimal),
  choice: Type.Optional(Type.String({ maxLength: 40 })),
  text: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const AnswerSchema = Type.Object({
  questionCode: Type.String(),
  level: Nullable(Type.Union([Type.Literal('up'), Type.Literal('same'), Type.Literal('down')])),
  number: Nullable(Type.String()),
  choice: Nullable(Type.String()),
  text: Nullable(Type.String()),
});

export const FlagSchema = Type.Object({
  id: Type.Integer(),
  kind: FlagKindSchema,
  questionCode: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  state: Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('returned')]),
  note: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  createdAt: DateTime,
});

export const ResponseParams = Strict({ id: Id, enterpriseId: Id });
export const ResponseDetailSchema = Type.Object({
  ...ResponseRowSchema.properties,
  waveId: Type.Integer(),
  period: Type.String(),
  returnedQuestion: Nullable(Type.String()),
  questions: Type.Array(QuestionSchema),
  answers: Type.Array(AnswerSchema),
  previous: Type.Array(AnswerSchema),
  flags: Type.Array(FlagSchema),
});
export const FlagDecisionParams = Strict({ id: Id, enterpriseId: Id, flagId: Id });
export const FlagDecisionBody = Strict({
  decision: Type.Union([Type.Literal('accept'), Type.Literal('return')]),
  /** Why it is accepted, or the question put to the enterprise when sent back. */
  note: Type.String({ minLength: 2, maxLength: 500 }),
  version: Type.Integer({ minimum: 1 }),
});

// ---- the enterprise's questionnaires ----

export const MySurveyRowSchema = Type.Object({
  waveId: Type.Integer(),
  surveyName: Type.String(),
  surveyNameEn: Type.String(),
  period: Type.String(),
  opensOn: Type.String(),
  closesOn: Type.String(),
  state: ResponseStateSchema,
  waveState: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  submittedAt: Nullable(DateTime),
  returnedQuestion: Nullable(Type.String()),
  /** The day an official closed the wave before its last answer day (null otherwise): answers stopped then. */
  closedEarlyOn: Nullable(Type.String()),
});
export const MySurveyListSchema = Type.Object({ items: Type.Array(MySurveyRowSchema) });
export const MySurveyParams = Strict({ waveId: Id });
export const MySurveySchema = Type.Object({
  ...MySurveyRowSchema.properties,
  graceDays: Type.Integer(),
  /** Whether answers are still taken (before the deadline, or within the grace, flagged late). */
  open: Type.Boolean(),
  questions: Type.Array(QuestionSchema),
  answers: Type.Array(AnswerSchema),
  /** The enterprise's answers to the same questions in the survey's previous wave, for reference. */
  previous: Type.Array(AnswerSchema),
  previousPeriod: Nullable(Type.String()),
  version: Type.Integer(),
});
export const MyAnswersBody = Strict({
  answers: Type.Array(AnswerValue, { maxItems: 200 }),
  version: Type.Integer({ minimum: 1 }),
});

// ---- computation and figures ----

export const RunParams = Strict({ id: Id });
export const FigureGroupQuery = Strict({
  industry: Type.Optional(Type.String({ maxLength: 40 })),
  regionCode: Type.Optional(Type.String({ maxLength: 6 })),
  size: Type.Optional(Type.String({ maxLength: 10 })),
});
export const WithheldReasonSchema = Type.Union([
  Type.Literal('few'),
  Type.Literal('unanimous'),
  Type.Literal('complementary'),
]);
export const FigureSchema = Type.Object({
  measure: Type.String(),
  industry: Type.String(),
  regionCode: Type.String(),
  size: Type.String(),
  /** The index in full precision (a decimal string), null where no answer fell in the group. */
  value: Nullable(Type.String()),
  /** Rounded for display (one decimal). */
  shown: Nullable(Type.String()),
  responses: Type.Integer(),
  /**
   * Why the public does not see this index figure: 'few' (fewer responses than the disclosure minimum),
   * 'unanimous' (a value at its range's end: every answer of the group the same) or 'complementary' (withheld so
   * that another withheld figure cannot be worked out from, or pinned by, its total and the rest);
   * null: published. The public gets value and shown null for a withheld figure; officials see it with the mark.
   */
  withheld: Nullable(WithheldReasonSchema),
});
/**
 * A weight set a computation used: its kind, region ('' national), first day, whether it is verified, and the bases
 * recorded for it (where its weights come from, a document number where one was given).
 */
export const WeightSourceSchema = Type.Object({
  kind: Type.Union([Type.Literal('sub_index'), Type.Literal('industry')]),
  regionCode: Type.String(),
  effectiveFrom: Type.String(),
  verified: Type.Boolean(),
  basis: Type.Array(Type.String()),
});
export const RunSchema = Type.Object({
  id: Type.Integer(),
  /** 'index': a wave's indices; 'registry': the registry's counts of a month. */
  kind: Type.Union([Type.Literal('index'), Type.Literal('registry')]),
  regionCode: Type.String(),
  waveId: Nullable(Type.Integer()),
  period: Type.String(),
  responses: Type.Integer(),
  computedAt: DateTime,
  figuresSha256: Type.String(),
  weights: Type.Unknown(),
  /** The weight sets the computation used (none for the registry's counts). */
  weightSources: Type.Array(WeightSourceSchema),
  /** The figures of the asked group (default: all enterprises). */
  figures: Type.Array(FigureSchema),
  /** Groups that have figures: industries, regions, sizes. */
  groups: Type.Object({
    industries: Type.Array(Type.String()),
    regions: Type.Array(Type.String()),
    sizes: Type.Array(Type.String()),
  }),
});

/** The registry's statistics of an ended month for a region ('' national: admins; default: the official's own). */
export const RegistryRunBody = Strict({
  regionCode: Type.Optional(SurveyRegion),
  period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }),
});
export const RegistryRunListQuery = Strict({ ...PageQuery });
export const RegistryRunListSchema = Page(
  Type.Object({
    id: Type.Integer(),
    regionCode: Type.String(),
    period: Type.String(),
    enterprises: Type.Integer(),
    computedAt: DateTime,
    released: Type.Boolean(),
  }),
);

export const TraceQuery = Strict({
  measure: Type.String({ minLength: 2, maxLength: 60 }),
  industry: Type.Optional(Type.String({ maxLength: 40 })),
  regionCode: Type.Optional(Type.String({ maxLength: 6 })),
  size: Type.Optional(Type.String({ maxLength: 10 })),
});
/**
 * One step down from a figure: its components with their weights (overall → industries → sub-indices → questions),
 * or, for a question, its weighted counts by level and the answers behind them, without names (a cell of fewer
 * than the disclosure minimum shows counts only).
 */
export const TraceSchema = Type.Object({
  figure: FigureSchema,
  method: Type.String(),
  /**
   * The weight set the method weighs the components with (the industries' for an all-industries figure, the
   * sub-indices' for an industry's index), as in the run's weightSources; null where no such set enters.
   */
  weights: Nullable(WeightSourceSchema),
  components: Type.Array(
    Type.Object({
      measure: Type.String(),
      industry: Type.String(),
      label: Type.String(),
      value: Nullable(Type.String()),
      weight: Nullable(Type.String()),
      responses: Type.Integer(),
      /** As a figure's: why the public does not see this component's value (null: published). */
      withheld: Nullable(WithheldReasonSchema),
      /**
       * A PMI component entering the PMI as 100 − its diffusion index (supplier delivery times): its own index;
       * `value` is what enters the PMI, so that the weights × the values give the PMI.
       */
      index: Type.Optional(Nullable(Type.String())),
    }),
  ),
  counts: Nullable(
    Type.Object({
      up: Type.String(),
      same: Type.String(),
      down: Type.String(),
      responses: Type.Object({ up: Type.Integer(), same: Type.Integer(), down: Type.Integer() }),
      direction: DirectionSchema,
    }),
  ),
  /**
   * The weighted shares of the three answers, in percent to one decimal (a question's or a PMI component's cell),
   * for officials; the public sees no cell's answers by level — counts, shares or list (docs/reference/monitoring.md
   * §12): null.
   */
  shares: Nullable(
    Type.Object({ up: Type.String(), same: Type.String(), down: Type.String(), direction: DirectionSchema }),
  ),
  answers: Nullable(
    Type.Array(
      Type.Object({
        respondent: Type.String(),
        industry: Type.String(),
        regionCode: Type.String(),
        size: Type.String(),
        weight: Type.String(),
        level: Type.Union([Type.Literal('up'), Type.Literal('same'), Type.Literal('down')]),
      }),
    ),
  ),
  /** Why the answers are not listed (a cell below the disclosure minimum), when they are not. */
  answersWithheld: Nullable(Type.String()),
});

// ---- releases ----

export const ReleaseStateSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('reviewed'),
  Type.Literal('scheduled'),
  Type.Literal('published'),
  Type.Literal('withdrawn'),
]);
export const ReleaseBody = Strict({
  runId: Id,
  commentaryZh: Type.Optional(Type.String({ maxLength: 5000 })),
  commentaryEn: Type.Optional(Type.String({ maxLength: 8000 })),
  /** Required when the period already has a release: what the correction changes. */
  correctionNote: Type.Optional(Type.String({ minLength: 2, maxLength: 1000 })),
});
export const ReleaseUpdateBody = Strict({
  commentaryZh: Type.Optional(Type.String({ maxLength: 5000 })),
  commentaryEn: Type.Optional(Type.String({ maxLength: 8000 })),
  correctionNote: Type.Optional(Type.String({ minLength: 2, maxLength: 1000 })),
  version: Type.Integer({ minimum: 1 }),
});
export const ReleaseParams = Strict({ id: Id });
export const VersionBody = Strict({ version: Type.Integer({ minimum: 1 }) });
/** A draft sent back to its author: what to change (2–1,000 characters). */
export const ReleaseReturnBody = Strict({
  comment: Type.String({ minLength: 2, maxLength: 1000 }),
  version: Type.Integer({ minimum: 1 }),
});
export const ScheduleBody = Strict({
  /** When the release becomes public (not in the past). */
  publishAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ minimum: 1 }),
});
/** An index question's wording, for a public reader (the measure `q:<code>`). */
export const PublicQuestionSchema = Type.Object({
  code: Type.String(),
  /** Its place in the questionnaire (the list comes in this order). */
  position: Type.Integer(),
  textZh: Type.String(),
  textEn: Type.String(),
  /** The PMI component it answers (its answers may read otherwise than up / same / down), if any. */
  pmiComponent: Nullable(Type.String()),
  /** Whether it asks for a judgement (better / same / worse). */
  judgement: Type.Boolean(),
});
export const ReleaseSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('index'), Type.Literal('registry')]),
  surveyId: Nullable(Type.Integer()),
  surveyName: Nullable(Type.String()),
  surveyNameEn: Nullable(Type.String()),
  regionCode: Type.String(),
  period: Type.String(),
  releaseVersion: Type.Integer(),
  waveId: Nullable(Type.Integer()),
  runId: Nullable(Type.Integer()),
  state: ReleaseStateSchema,
  commentaryZh: Type.String(),
  commentaryEn: Type.String(),
  correctionNote: Nullable(Type.String()),
  createdAt: DateTime,
  createdBy: Nullable(Type.String()),
  reviewedAt: Nullable(DateTime),
  reviewedBy: Nullable(Type.String()),
  /** A reviewer's comment sending the draft back to its author (until it is reviewed), who sent it and when. */
  returned: Nullable(Type.Object({ comment: Type.String(), by: Nullable(Type.String()), at: DateTime })),
  publishAt: Nullable(DateTime),
  headline: Nullable(FigureSchema),
  /** An index release: the wave's panel members, the responses its computation took, and their share. */
  members: Nullable(Type.Integer()),
  responses: Nullable(Type.Integer()),
  responseRate: Nullable(Type.Number()),
  /** Below this share a release is flagged to its reviewer (not refused). */
  lowResponseRate: Type.Number(),
  /**
   * An index release: the wave's quality flags still undecided (their answers are counted as submitted); told to
   * the maker and the reviewer.
   */
  openFlags: Nullable(Type.Integer()),
  /**
   * A published version a later published version of its period corrected: that version (its figures are the
   * current ones). Null: not corrected.
   */
  supersededBy: Type.Optional(Nullable(Type.Object({ id: Type.Integer(), releaseVersion: Type.Integer() }))),
  version: Type.Integer(),
  /** What the caller may do with it now. */
  actions: Type.Array(Type.String()),
});
export const ReleaseListQuery = Strict({
  ...PageQuery,
  surveyId: Type.Optional(Id),
  kind: Type.Optional(Type.Union([Type.Literal('index'), Type.Literal('registry')])),
  state: Type.Optional(ReleaseStateSchema),
});
export const ReleaseListSchema = Page(ReleaseSchema);

// ---- public ----

export const PublicSeriesListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('index'), Type.Literal('registry')]),
      surveyId: Nullable(Type.Integer()),
      nameZh: Type.String(),
      nameEn: Type.String(),
      regionCode: Type.String(),
      frequency: Type.String(),
      latestPeriod: Type.String(),
      latestValue: Nullable(Type.String()),
      releases: Type.Integer(),
    }),
  ),
});
export const PublicSeriesParams = Strict({ surveyId: Id });
export const PublicSeriesQuery = Strict({
  measure: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
  industry: Type.Optional(Type.String({ maxLength: 40 })),
  regionCode: Type.Optional(Type.String({ maxLength: 6 })),
  size: Type.Optional(Type.String({ maxLength: 10 })),
  /** The first period shown (default: all). */
  from: Type.Optional(Period),
});
export const PublicSeriesExportQuery = Strict({
  ...PublicSeriesQuery.properties,
  format: Format,
  lang: Lang,
});
/** The registry's statistics of a region ('' national), as a public series. */
export const PublicRegistryQuery = Strict({
  /** The release's region: '' (default) national, or a region's six-digit code. */
  region: Type.Optional(SurveyRegion),
  ...PublicSeriesQuery.properties,
});
export const PublicRegistryExportQuery = Strict({
  ...PublicRegistryQuery.properties,
  format: Format,
  lang: Lang,
});
/** An index release's wave: its panel members, the responses its computation took, their share (null: registry). */
const ResponseRateFields = {
  members: Nullable(Type.Integer()),
  responses: Nullable(Type.Integer()),
  responseRate: Nullable(Type.Number()),
};
export const PublicSeriesSchema = Type.Object({
  kind: Type.Union([Type.Literal('index'), Type.Literal('registry')]),
  /** The survey of an index series; null for the registry's statistics. */
  surveyId: Nullable(Type.Integer()),
  nameZh: Type.String(),
  nameEn: Type.String(),
  regionCode: Type.String(),
  measure: Type.String(),
  industry: Type.String(),
  region: Type.String(),
  size: Type.String(),
  points: Type.Array(
    Type.Object({
      period: Type.String(),
      value: Nullable(Type.String()),
      shown: Nullable(Type.String()),
      /** Why the public does not see this period's figure (null: published or no figure). */
      withheld: Nullable(WithheldReasonSchema),
      releaseId: Type.Integer(),
      releaseVersion: Type.Integer(),
    }),
  ),
  latest: Nullable(
    Type.Object({
      releaseId: Type.Integer(),
      period: Type.String(),
      publishAt: DateTime,
      commentaryZh: Type.String(),
      commentaryEn: Type.String(),
      correctionNote: Nullable(Type.String()),
      releaseVersion: Type.Integer(),
      figures: Type.Array(FigureSchema),
      /** The weight sets the computation used (none for the registry's counts). */
      weights: Type.Array(WeightSourceSchema),
      ...ResponseRateFields,
    }),
  ),
  /** The measures and groups the survey publishes (for the page's pickers). */
  measures: Type.Array(Type.String()),
  /** The wording of the latest release's index questions (none for the registry's counts). */
  questions: Type.Array(PublicQuestionSchema),
  /** A figure of fewer responses than this is withheld from the public (not published). */
  disclosureMin: Type.Integer(),
  groups: Type.Object({
    industries: Type.Array(Type.String()),
    regions: Type.Array(Type.String()),
    sizes: Type.Array(Type.String()),
  }),
});
export const PublicReleaseSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('index'), Type.Literal('registry')]),
  surveyId: Nullable(Type.Integer()),
  regionCode: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  period: Type.String(),
  releaseVersion: Type.Integer(),
  publishAt: DateTime,
  commentaryZh: Type.String(),
  commentaryEn: Type.String(),
  correctionNote: Nullable(Type.String()),
  runId: Type.Integer(),
  figures: Type.Array(FigureSchema),
  /** The weight sets the computation used (none for the registry's counts). */
  weights: Type.Array(WeightSourceSchema),
  /** The wording of its index questions (none for the registry's counts). */
  questions: Type.Array(PublicQuestionSchema),
  disclosureMin: Type.Integer(),
  ...ResponseRateFields,
  /**
   * The version that corrected this one, when a later version of the period is published: a superseded version
   * keeps its commentary and note but not its figures (two versions' withheld figures compared would give some
   * back); they are the current version's to read. Null: this is the current version.
   */
  supersededBy: Nullable(Type.Object({ id: Type.Integer(), releaseVersion: Type.Integer() })),
});
/** A published release as a file of its figures (CSV or XLSX) when `format` is given; as JSON without. */
export const PublicReleaseQuery = Strict({
  format: Type.Optional(Format),
  lang: Lang,
});
export const PublicTraceParams = Strict({ id: Id });
