/** Kysely table types owned by the enterprise registry. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Registration status of an enterprise. */
export type EnterpriseStatus = 'active' | 'suspended' | 'revoked' | 'cancelled';

/** `enterprises`: one row per registered enterprise, keyed by its USCC. */
export interface EnterprisesTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  former_names: Generated<string[]>;
  legal_representative: string | null;
  region_code: string;
  industry_code: string;
  established_on: string | null;
  status: Generated<EnterpriseStatus>;
  /** The day (China time) a write last changed the status; null when it never changed on the platform. */
  status_changed_on: ColumnType<string | null, string | null | undefined, string | null>;
  ownership_type: string | null;
  name_initials: Generated<string>;
  search_terms: Generated<string[]>;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  /** The import job (and its row) that last wrote this enterprise; finds a USCC repeated within one file. */
  last_import_job: number | null;
  last_import_row: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `enterprise_certifications`: recognitions with their validity (高新技术企业, 专精特新…). */
export interface EnterpriseCertificationsTable {
  id: Generated<number>;
  enterprise_id: number;
  name: string;
  valid_from: string;
  /** The last day it counts; when ended early, the day before `ended_on` (the certificate's own end kept below). */
  valid_to: string | null;
  source: string;
  recorded_at: Timestamp;
  /** Evidence an official recorded with it: certificate number, issuing body, a link, a note. */
  certificate_number: string | null;
  issuing_body: string | null;
  evidence_url: string | null;
  note: string | null;
  /** The user who recorded it by hand (null for imports). */
  recorded_by: number | null;
  /** The certificate's own end date, kept when an official ended it early. */
  issued_valid_to: string | null;
  /** Ended early: the first day it no longer counts, when, by whom and why (all null while not ended). */
  ended_on: string | null;
  ended_at: Date | null;
  ended_by: number | null;
  end_reason: string | null;
}

/** `qualification_evidence`: files (certificate, revocation notice) attached when a qualification is added or ended. */
export interface QualificationEvidenceTable {
  id: Generated<number>;
  certification_id: number;
  enterprise_id: number;
  stage: 'added' | 'ended';
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number;
  created_at: Timestamp;
}

/** `enterprise_figures`: yearly figures as reported facts; the current one per (enterprise, year) is_current. */
export interface EnterpriseFiguresTable {
  id: Generated<number>;
  enterprise_id: number;
  year: number;
  employees: number | null;
  operating_revenue: number | null;
  main_business_revenue: number | null;
  total_assets: number | null;
  total_liabilities: number | null;
  rd_expense: number | null;
  rd_staff: number | null;
  taxable_income: number | null;
  vat_taxpayer_type: 'general' | 'small_scale' | null;
  source: string;
  recorded_by: number | null;
  reported_at: Timestamp;
  is_current: Generated<boolean>;
}

/** `enterprise_sizes`: size class per enterprise, year and standard, with the reason. */
export interface EnterpriseSizesTable {
  enterprise_id: number;
  year: number;
  standard: string;
  size: 'large' | 'medium' | 'small' | 'micro' | 'not_covered' | 'invalid';
  category: string | null;
  reason_zh: string;
  reason_en: string;
  computed_at: Timestamp;
}

/** `size_stats`: enterprise counts by county × industry division × size, per year and standard. */
export interface SizeStatsTable {
  year: number;
  standard: string;
  region_code: string;
  industry_code: string;
  size: string;
  enterprises: number;
}

/**
 * `enterprise_usccs`: which enterprise holds a USCC. The USCC's uniqueness lives here, distributed by the code on
 * Citus (ADR 0025); the registry claims a code here in the transaction that creates its enterprise.
 */
export interface EnterpriseUsccsTable {
  uscc: string;
  enterprise_id: number;
}

/** `enterprise_counts`: enterprises by county × industry division × status, kept by the registry's writes. */
export interface EnterpriseCountsTable {
  region_code: string;
  industry_code: string;
  status: string;
  enterprises: number;
}

/** `import_jobs`: one uploaded file being (or having been) imported. */
export interface ImportJobsTable {
  id: Generated<number>;
  /** What the file holds: the registry's enterprises, or a department's credit records (issue 14). */
  kind: ImportKind;
  /** What the kind needs besides the file (a credit import: its source department). */
  options: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  file_name: string;
  file_path: string | null;
  format: string | null;
  encoding: string | null;
  mode: 'all_or_nothing' | 'valid_rows';
  status: 'queued' | 'running' | 'succeeded' | 'rejected' | 'failed';
  phase: 'validating' | 'loading' | null;
  total_bytes: number | null;
  bytes_read: Generated<number>;
  rows_read: Generated<number>;
  rows_loaded: Generated<number>;
  rows_rejected: Generated<number>;
  rows_unchanged: Generated<number>;
  last_committed_row: Generated<number>;
  /** Summary of a rejected or failed job in Chinese (`error_message_en`: in English). */
  error_message: string | null;
  error_message_en: Generated<string | null>;
  /** The file's columns as it named them: spec key → header text (null before the header was read). */
  columns: Generated<Record<string, string> | null>;
  created_by: number | null;
  region_prefix: Generated<string>;
  /** The request that queued the import (its log lines carry it); null from the command line. */
  request_id: Generated<string | null>;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
}

/** `import_job_errors`: each rejected row's field and reason. */
export interface ImportJobErrorsTable {
  job_id: number;
  row_number: number;
  field: string;
  message_zh: string;
  message_en: string;
  /** Stable error code of the reason, when it has one (shared/errors.ts). */
  code: string | null;
}

/** `import_job_enterprises`: each enterprise a job created or updated, and the row that did it (ADR 0015). */
export interface ImportJobEnterprisesTable {
  job_id: number;
  enterprise_id: number;
  row_number: number;
  change: 'created' | 'updated';
}

/** What an import's file holds. */
export type ImportKind = 'enterprises' | 'credit_records';

/** `import_job_keys`: the record keys (a department's record numbers) a job has met, with the first row of each. */
export interface ImportJobKeysTable {
  job_id: number;
  key: string;
  row_number: number;
}

/** `import_job_seen`: the USCCs a job has met, with the first row of each. */
export interface ImportJobSeenTable {
  job_id: number;
  uscc: string;
  row_number: number;
}
