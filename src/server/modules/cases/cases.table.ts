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
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `case_events`: the timeline. */
export interface CaseEventsTable {
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
  id: Generated<number>;
  case_id: number;
  issued_by: number | null;
  issued_at: Timestamp;
  reason: string;
  deadline: string | null;
  acknowledged_at: Date | null;
}
