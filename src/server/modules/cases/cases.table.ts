/** Kysely table types owned by the case engine. */
import type { ColumnType, Generated } from 'kysely';
import type { Clock } from './cases.rules.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** `case_routing_rules`: which department of which region handles a type / category of case. */
export interface CaseRoutingRulesTable {
  id: Generated<number>;
  case_type: 'demand' | 'arrears';
  category: string | null;
  region_prefix: Generated<string>;
  department_code: string;
  accept_working_days: number | null;
  result_days: number | null;
  priority: Generated<number>;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `cases`: a demand or an overdue-payment complaint. */
export interface CasesTable {
  id: Generated<number>;
  number: string;
  type: 'demand' | 'arrears';
  kind: 'consultation' | 'complaint' | 'suggestion' | 'help' | null;
  category: string;
  title: string;
  description: string;
  enterprise_id: number;
  submitted_by: number;
  region_code: string;
  department_code: string;
  assignee_id: number | null;
  state: string;
  clock: Json<Clock | null> | null;
  deadline: string | null;
  received_on: string;
  accepted_on: string | null;
  replied_on: string | null;
  closed_on: string | null;
  rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
  rating_note: string | null;
  reopened_count: Generated<number>;
  merged_into: number | null;
  confidential: Generated<boolean>;
  debtor_uscc: string | null;
  debtor_name: string | null;
  debtor_kind: 'government' | 'public_institution' | 'large_enterprise' | null;
  contract_number: string | null;
  claim: Json<unknown> | null;
  amount: string | null;
  repaid: Generated<string>;
  first_replied_on: string | null;
  replied_on_time: boolean | null;
  reminded_level: Generated<number>;
  reminded_deadline: string | null;
  debtor_position: 'acknowledged' | 'disputed' | null;
  debtor_answered_on: string | null;
  /** Of what was paid, what went to the principal (payments go to interest first). */
  principal_repaid: Generated<string>;
  /** The undisputed principal still unpaid (arrears). */
  principal_outstanding: string | null;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `case_events`: the timeline. */
export interface CaseEventsTable {
  enterprise_id: number;
  id: Generated<number>;
  case_id: number;
  at: Timestamp;
  actor_user_id: number | null;
  actor_role: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  data: Json<unknown> | null;
}

/** `case_attachments`: files of a case, stored on disk. */
export interface CaseAttachmentsTable {
  enterprise_id: number;
  id: Generated<number>;
  case_id: number;
  event_id: number | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number;
  created_at: Timestamp;
}

/** `case_supervisions`: 督办 notices. */
export interface CaseSupervisionsTable {
  enterprise_id: number;
  id: Generated<number>;
  case_id: number;
  issued_by: number | null;
  issued_at: Timestamp;
  reason: string;
  deadline: string | null;
  acknowledged_at: Date | null;
}

/** `case_payments`: payments a debtor records against an overdue-payment complaint. */
export interface CasePaymentsTable {
  enterprise_id: number;
  id: Generated<number>;
  case_id: number;
  paid_on: string;
  amount: string;
  note: string | null;
  recorded_by: number;
  created_at: Timestamp;
}

/** `case_numbers`: the case numbers, unique across enterprises (a lookup distributed by the number on Citus). */
export interface CaseNumbersTable {
  number: string;
  enterprise_id: number;
  case_id: number;
}

/** `case_stats`: the roll-up of cases, kept by the case repository in each write's transaction (dashboards). */
export interface CaseStatsTable {
  region_code: string;
  department_code: string;
  type: string;
  debtor_kind: string;
  month: string;
  received: number;
  open: number;
  replied: number;
  replied_on_time: number;
  handling_days: number;
  closed: number;
  rated: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  reopened: number;
  claimed: string;
  repaid: string;
  cleared: number;
}

/** `case_deadlines`: open cases counted by county, department, type and deadline (kept with case_stats). */
export interface CaseDeadlinesTable {
  region_code: string;
  department_code: string;
  type: string;
  deadline: string;
  open: number;
}

/** `arrears_disclosures`: a public body's published annual disclosure of overdue contracts. */
export interface ArrearsDisclosuresTable {
  id: Generated<number>;
  organization_uscc: string;
  organization_name: string;
  organization_kind: 'government' | 'public_institution';
  region_code: string | null;
  year: number;
  contracts: number;
  amount: string;
  details: Json<unknown>;
  note: string | null;
  published_at: Timestamp;
  published_by: number;
}
