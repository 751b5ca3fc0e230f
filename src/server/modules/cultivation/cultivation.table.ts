/** Kysely table types owned by the cultivation module (issue 18, measures 16–17; migration 20261221_0100_cultivation). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;
/** jsonb with a default: optional when inserting. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
/** numeric: read as a number (database.ts's parser), written from a number or a string. */
type NullableNumeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;

/** The tiers, lowest first (cultivation.standards.ts CULTIVATION_TIERS). */
export type TierCode = 'innovative' | 'specialised' | 'little_giant';

/**
 * Where an application stands: with the county (`county_review`), back with the enterprise (`returned`, its
 * clock paused), with the province, with the ministry (little giants), in public notice, and the ends.
 */
export const STAGES = [
  'county_review',
  'returned',
  'province_review',
  'national_review',
  'notice',
  'recognised',
  'rejected',
  'withdrawn',
  'revoked',
] as const;
export type Stage = (typeof STAGES)[number];

/** Whether the rules find the enterprise likely to qualify, not, or cannot tell for missing facts. */
export type AssessmentStatus = 'likely' | 'unlikely' | 'incomplete';

/** `cultivation_settings` (reference): a province's settings of a tier and year. */
export interface CultivationSettingsTable {
  province_code: string;
  tier: TierCode;
  year: number;
  quota: number | null;
  opens_on: NullableDate;
  closes_on: NullableDate;
  notice_days: Generated<number>;
  county_days: Generated<number>;
  province_days: Generated<number>;
  indicators: JsonDefault<unknown>;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** `cultivation_facts` (distributed by enterprise): what the enterprise fills in for a data year. */
export interface CultivationFactsTable {
  enterprise_id: number;
  year: number;
  facts: JsonDefault<Record<string, unknown>>;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** `cultivation_evidence` (distributed by enterprise): a file behind a fact. */
export interface CultivationEvidenceTable {
  enterprise_id: number;
  id: Generated<number>;
  year: number;
  fact: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number;
  created_at: Timestamp;
}

/** `cultivation_applications` (distributed by enterprise). */
export interface CultivationApplicationsTable {
  enterprise_id: number;
  id: Generated<number>;
  tier: TierCode;
  standard_version: string;
  year: number;
  data_year: number;
  region_code: string;
  stage: Stage;
  score: NullableNumeric;
  status: AssessmentStatus;
  facts: Json<Record<string, unknown>>;
  assessment: Json<unknown>;
  due_on: NullableDate;
  /** While returned: the working days its stage had left, and the stage it came from. */
  days_left: number | null;
  returned_from: 'county_review' | 'province_review' | 'national_review' | null;
  returned_at: NullableTimestamp;
  return_comment: string | null;
  notice_from: NullableDate;
  notice_to: NullableDate;
  decided_at: NullableTimestamp;
  valid_from: NullableDate;
  valid_to: NullableDate;
  certification_id: number | null;
  revoked_reason: string | null;
  /** The day the enterprise was reminded that its recognition expires (once). */
  reminded_on: NullableDate;
  submitted_by: number;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** `cultivation_events` (distributed by enterprise): an application's timeline. */
export interface CultivationEventsTable {
  enterprise_id: number;
  id: Generated<number>;
  application_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_role: string;
  action: string;
  from_stage: Stage | null;
  to_stage: Stage | null;
  comment: string | null;
}

/** `cultivation_objections` (distributed by enterprise): an objection lodged during the public notice. */
export interface CultivationObjectionsTable {
  enterprise_id: number;
  id: Generated<number>;
  application_id: number;
  lodged_at: Timestamp;
  name: string;
  contact: string;
  content: string;
  state: Generated<'open' | 'upheld' | 'dismissed'>;
  answer: string | null;
  answered_by: number | null;
  answered_at: NullableTimestamp;
}

/** `cultivation_scores` (distributed by enterprise): the registry-wide scoring job's result per tier. */
export interface CultivationScoresTable {
  enterprise_id: number;
  tier: TierCode;
  standard_version: string;
  data_year: number;
  status: AssessmentStatus;
  score: NullableNumeric;
  dimensions: JsonDefault<Record<string, number>>;
  missing: Generated<number>;
  computed_at: Timestamp;
}

/** `cultivation_stats` (local): the pipeline's counts by county, tier, year and stage. */
export interface CultivationStatsTable {
  region_code: string;
  tier: TierCode;
  year: number;
  stage: Stage;
  count: Generated<number>;
}
