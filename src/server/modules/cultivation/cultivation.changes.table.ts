/** Kysely table types of keeping a recognition (issue 18; migration 20261222_0100_cultivation_changes). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type DateColumn = ColumnType<string, string, string>;

/** The kinds of material change (docs/reference/cultivation.md §6.1): a new name, a merger, a move to another province. */
export const CHANGE_KINDS = ['rename', 'merger', 'relocation'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * Where a change stands: found by the daily run and not yet reported (`open`), reported and waiting for the
 * province (`reported`), accepted, or the recognition revoked over it.
 */
export const CHANGE_STATES = ['open', 'reported', 'accepted', 'revoked'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** `cultivation_recognitions` (distributed by enterprise): what a recognition is kept against. */
export interface CultivationRecognitionsTable {
  enterprise_id: number;
  application_id: number;
  recorded_name: string;
  recorded_region_code: string;
  recorded_on: DateColumn;
  flagged_on: NullableDate;
  flag_reason: string | null;
  expired_on: NullableDate;
  update_reminded_year: number | null;
  version: Generated<number>;
}

/** `cultivation_changes` (distributed by enterprise): a material change of a recognised enterprise. */
export interface CultivationChangesTable {
  enterprise_id: number;
  id: Generated<number>;
  application_id: number;
  kind: ChangeKind;
  state: ChangeState;
  detected: Generated<boolean>;
  changed_on: NullableDate;
  found_on: NullableDate;
  due_on: DateColumn;
  old_name: string | null;
  new_name: string | null;
  old_region_code: string | null;
  new_region_code: string | null;
  party: string | null;
  description: string | null;
  reported_by: number | null;
  reported_at: NullableTimestamp;
  flagged_on: NullableDate;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  decision_comment: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

/** `cultivation_update_days` (reference): the day in the year a province's annual-update reminders start. */
export interface CultivationUpdateDaysTable {
  province_code: string;
  remind_on: string;
  updated_by: number | null;
  updated_at: Timestamp;
}
