/**
 * Kysely table type of the buying bodies' annual reports (issue 17; migration 20261217_0300_procurement_reports;
 * distributed by body, colocated with the body's projects, awards and declarations).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** `procurement_reports`: a body's annual report of a year, one row per version (a draft, then published). */
export interface ProcurementReportsTable {
  body_id: number;
  id: Generated<number>;
  year: number;
  /** 1 for the first publication; each correction the next. */
  report_version: number;
  state: Generated<'draft' | 'published'>;
  /** The body's name and region as the report gives them (kept: a published report does not change). */
  body_name: string;
  region_code: string;
  /** The snapshot of the year (`ReportFigures`), as JSON. */
  figures: ColumnType<unknown, string, string>;
  /** The rules' version judging the year (the version in force on its last day). */
  rules_id: string;
  /** The document numbers of the rules the year's figures were judged by. */
  documents: ColumnType<string[], string[], string[]>;
  commentary_zh: Generated<string>;
  commentary_en: Generated<string>;
  /** What a correction changed (required from version 2 on, absent on version 1). */
  correction_note: string | null;
  generated_by: number;
  generated_at: Timestamp;
  published_by: number | null;
  published_at: Date | null;
  created_at: Generated<Date>;
  /** The row's version, for optimistic concurrency. */
  version: Generated<number>;
}
