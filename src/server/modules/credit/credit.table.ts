/** Kysely table types owned by the credit module (issue 14, measure 4; migration 20261212_0100_credit). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;
/** numeric: read as a number (database.ts's parser), written from a number or a string. */
type Numeric = ColumnType<number, number | string, number | string>;
type NullableNumeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;

/** `credit_settings` (reference): the dated figures of the credit rules, each with its basis. */
export interface CreditSettingsTable {
  key: string;
  effective_from: DateColumn;
  value: Numeric;
  unit: 'days' | 'months' | 'years';
  basis: string;
  verified: boolean;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** Where a record came from: a department's file, the enterprise itself, or an answered objection. */
export type CreditSourceKind = 'department' | 'self_declared' | 'correction';

/** Personal data on a record (never shown to a bank in full: credit.rules.ts `maskPersonal`). */
export interface CreditPersonal {
  legalRepName?: string;
  legalRepId?: string;
}

/** `credit_records` (distributed by enterprise): one fact of a category of the sharing list. */
export interface CreditRecordsTable {
  enterprise_id: number;
  id: Generated<number>;
  category: string;
  item: string;
  title: string;
  value_number: NullableNumeric;
  value_text: string | null;
  decided_on: DateColumn;
  publish_until: NullableDate;
  source_kind: CreditSourceKind;
  source_department: string;
  source_ref: string | null;
  personal: Json<CreditPersonal | null> | null;
  commitment: string | null;
  status: Generated<'active' | 'superseded' | 'repaired'>;
  disputed: Generated<boolean>;
  corrects: number | null;
  import_job_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

/** A consent's stored state (expired is read off `valid_until`). */
export type ConsentState = 'awaiting' | 'authorised' | 'rejected' | 'revoked';

/** `credit_consents` (distributed by enterprise). */
export interface CreditConsentsTable {
  enterprise_id: number;
  id: Generated<number>;
  institution_id: number;
  scope: 'report' | 'check';
  categories: string[];
  include_score: Generated<boolean>;
  purpose: string;
  valid_from: DateColumn;
  valid_until: DateColumn;
  state: ConsentState;
  requested_by_role: 'bank' | 'enterprise';
  requested_by: number;
  requested_at: Timestamp;
  signer_name: string | null;
  decided_by: number | null;
  decided_at: Date | null;
  revoked_by: number | null;
  revoked_at: Date | null;
  receipt_id: string;
}

/** `credit_access_log` (distributed by enterprise): every query a bank made under a consent. */
export interface CreditAccessLogTable {
  enterprise_id: number;
  id: Generated<number>;
  consent_id: number;
  institution_id: number;
  user_id: number;
  at: Timestamp;
  kind: 'report' | 'check';
  categories: string[];
  purpose: string;
  question: Json<unknown> | null;
  answer: boolean | null;
}

/** `credit_objections` (distributed by enterprise): an objection to a record, or a request to repair one. */
export interface CreditObjectionsTable {
  enterprise_id: number;
  id: Generated<number>;
  record_id: number;
  kind: 'objection' | 'repair';
  reason: string;
  filed_by: number;
  filed_at: Timestamp;
  due_on: DateColumn;
  state: Generated<'open' | 'accepted' | 'rejected'>;
  answer: string | null;
  answered_by: number | null;
  answered_at: Date | null;
  correction_id: number | null;
}

/** `credit_scorecards` (reference): models as dated data. */
export interface CreditScorecardsTable {
  id: Generated<number>;
  name: string;
  version: number;
  model: Json<unknown>;
  status: 'draft' | 'published' | 'retired';
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  approved_by: number | null;
  approved_at: Date | null;
  published_from: NullableDate;
}

/** `credit_scores` (distributed by enterprise): an enterprise's score under a scorecard, explained. */
export interface CreditScoresTable {
  enterprise_id: number;
  scorecard_id: number;
  score: Numeric;
  grade: string;
  items: Json<unknown>;
  computed_on: DateColumn;
  computed_at: Timestamp;
}
