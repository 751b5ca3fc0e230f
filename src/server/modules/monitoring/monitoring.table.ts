/**
 * Kysely table types owned by the monitoring module (issue 16, measure 3; migration 20261215_0100_monitoring;
 * ADR 0030).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;
/** numeric: read as text by the module's queries where exactness matters (weights, answers, figures). */
type Numeric = ColumnType<number, string | number, string | number>;
type NullableNumeric = ColumnType<number | null, string | number | null | undefined, string | number | null>;

export type SurveyFrequency = 'monthly' | 'quarterly';
export type SurveyWeighting = 'design' | 'design_revenue';

/** `monitoring_surveys` (reference): a survey of a region ('' national), reused by its waves. */
export interface MonitoringSurveysTable {
  id: Generated<number>;
  region_code: string;
  code: string;
  name_zh: string;
  name_en: Generated<string>;
  description: Generated<string>;
  frequency: SurveyFrequency;
  weighting: Generated<SurveyWeighting>;
  current_version: Generated<number>;
  version: Generated<number>;
  created_by: number;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** `monitoring_survey_versions` (reference): a version of a survey's questions, frozen once a wave uses it. */
export interface MonitoringSurveyVersionsTable {
  survey_id: number;
  version: number;
  note: Generated<string>;
  frozen_at: NullableTimestamp;
  created_by: number;
  created_at: Timestamp;
}

export type QuestionKind = 'three_level' | 'number' | 'choice' | 'text';

/** `monitoring_questions` (reference): a question of a survey version. */
export interface MonitoringQuestionsTable {
  survey_id: number;
  survey_version: number;
  code: string;
  position: number;
  text_zh: string;
  text_en: Generated<string>;
  help_zh: Generated<string>;
  kind: QuestionKind;
  required: boolean;
  sub_index: string | null;
  direction: 'up_is_good' | 'down_is_good' | null;
  weight: NullableNumeric;
  pmi_component: string | null;
  judgement: Generated<boolean>;
  unit: string | null;
  min_value: NullableNumeric;
  max_value: NullableNumeric;
  decimals: number | null;
  choices: Json<{ code: string; zh: string; en: string }[]> | null;
  registry_figure: 'employees' | 'operating_revenue' | null;
}

/** `monitoring_weights` (reference): dated weights of the sub-indices and industries, a region's own or national. */
export interface MonitoringWeightsTable {
  kind: 'sub_index' | 'industry';
  code: string;
  region_code: Generated<string>;
  effective_from: DateColumn;
  weight: Numeric;
  basis: string;
  verified: boolean;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** `monitoring_waves` (reference): a survey's period, with its version, window and grace. */
export interface MonitoringWavesTable {
  id: Generated<number>;
  survey_id: number;
  survey_version: number;
  period: string;
  opens_on: DateColumn;
  closes_on: DateColumn;
  grace_days: Generated<number>;
  state: 'open' | 'closed';
  members: Generated<number>;
  created_by: number;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
}

/** `monitoring_draws` (local): a panel draw, its seed, allocation and strata (frame and sample counts). */
export interface MonitoringDrawsTable {
  id: Generated<number>;
  survey_id: number;
  seed: string;
  sample_size: number;
  allocation: 'proportional' | 'revenue';
  size_year: number;
  frame: number;
  drawn: number;
  strata: Json<DrawStratum[]>;
  created_by: number;
  created_at: Timestamp;
}

/**
 * One stratum of a draw: its frame count, revenue (万元, text; null when the allocation did not read it: a
 * proportional draw) and the sample allocated to it.
 */
export interface DrawStratum {
  industry: string;
  regionCode: string;
  size: string;
  frame: number;
  revenue: string | null;
  sample: number;
}

export type SizeStratum = 'medium' | 'small' | 'micro';

/** `monitoring_panel_members` (distributed by enterprise): an enterprise in a survey's panel. */
export interface MonitoringPanelMembersTable {
  enterprise_id: number;
  survey_id: number;
  industry: string;
  region_code: string;
  size: SizeStratum;
  design_weight: Numeric;
  draw_id: number;
  draw_rank: number;
  state: 'active' | 'dropped';
  joined_on: DateColumn;
  left_on: NullableDate;
  left_reason: string | null;
  replaces_enterprise_id: number | null;
  version: Generated<number>;
}

export type ResponseState = 'pending' | 'draft' | 'submitted' | 'accepted' | 'returned';

/** `monitoring_responses` (distributed by enterprise): a panel member's questionnaire of a wave. */
export interface MonitoringResponsesTable {
  enterprise_id: number;
  wave_id: number;
  survey_id: number;
  industry: string;
  region_code: string;
  size: string;
  weight: Numeric;
  state: ResponseState;
  saved_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  submitted_by: number | null;
  submissions: Generated<number>;
  returned_question: string | null;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
  reminded_on: NullableDate;
  version: Generated<number>;
}

/** `monitoring_answers` (distributed by enterprise): one answer (exactly one of level, number, choice, text). */
export interface MonitoringAnswersTable {
  enterprise_id: number;
  wave_id: number;
  question_code: string;
  level: -1 | 0 | 1 | null;
  number: NullableNumeric;
  choice: string | null;
  text: string | null;
}

export type FlagKind =
  | 'missing'
  | 'straight_lining'
  | 'jump_registry'
  | 'jump_last_wave'
  | 'late'
  | 'duplicate';

/** `monitoring_flags` (distributed by enterprise): a data-quality finding on a response and its decision. */
export interface MonitoringFlagsTable {
  enterprise_id: number;
  wave_id: number;
  id: Generated<number>;
  kind: FlagKind;
  question_code: string | null;
  detail: Json<Record<string, unknown>>;
  state: 'open' | 'accepted' | 'returned';
  note: string | null;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
}

/** `monitoring_runs` (local): a computation (a wave's indices or the registry's counts), its weights and digest. */
export interface MonitoringRunsTable {
  id: Generated<number>;
  kind: 'index' | 'registry';
  survey_id: number | null;
  wave_id: number | null;
  region_code: string;
  period: string;
  responses: number;
  weights: Json<unknown>;
  figures_sha256: string;
  computed_by: number | null;
  computed_at: Timestamp;
}

/** `monitoring_cells` (local): a run's weighted count of one answer level in one cell. */
export interface MonitoringCellsTable {
  run_id: number;
  question_code: string;
  industry: string;
  region_code: string;
  size: string;
  level: -1 | 0 | 1;
  weight: Numeric;
  responses: number;
}

export type ReleaseState = 'draft' | 'reviewed' | 'scheduled' | 'withdrawn';

/** `monitoring_releases` (local): a release of a period's figures; public once scheduled and its time has come. */
export interface MonitoringReleasesTable {
  id: Generated<number>;
  kind: 'index' | 'registry';
  survey_id: number | null;
  region_code: string;
  period: string;
  release_version: number;
  wave_id: number | null;
  run_id: number;
  state: ReleaseState;
  commentary_zh: Generated<string>;
  commentary_en: Generated<string>;
  correction_note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
  /** A reviewer's comment sending the draft back to its author, who and when (cleared when it is reviewed). */
  returned_comment: string | null;
  returned_by: number | null;
  returned_at: NullableTimestamp;
  scheduled_by: number | null;
  publish_at: NullableTimestamp;
  version: Generated<number>;
}

/** `monitoring_figures` (local): a run's figure ('' = all of a dimension); a release publishes its run's. */
export interface MonitoringFiguresTable {
  run_id: number;
  measure: string;
  industry: Generated<string>;
  region_code: Generated<string>;
  size: Generated<string>;
  value: NullableNumeric;
  responses: number;
  /** Why the public does not see an index figure ('few' responses, 'unanimous', or 'complementary'); null: published. */
  withheld: ColumnType<WithheldReason | null, WithheldReason | null | undefined, WithheldReason | null>;
}

export type WithheldReason = 'few' | 'unanimous' | 'complementary';
