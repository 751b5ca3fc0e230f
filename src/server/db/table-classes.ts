/**
 * Every table's class for a distributed deployment (issue 20, ADR 0025, ARCHITECTURE.md "Table classes"): how
 * Citus holds it. PGlite and one PostgreSQL hold every table alike; the classes only constrain the schema (the
 * checker in scale-out-check.ts) and tell `huiqi distribute` what to create.
 *
 * - distributed: split into shards by a column. The enterprise group (the enterprise's own rows, sharded by its
 *   id) is colocated: its rows of one enterprise are on one node, so joins and set-based jobs run per shard. A
 *   lookup holding a natural key's global uniqueness is distributed by that key, in a group of its own.
 * - reference: small, read-mostly, copied to every node (joins with any shard stay local).
 * - local: on the coordinator only (queues, sessions, imports, the audit chain, roll-ups).
 */
import type { Database } from './schema.ts';

/** How a table is held on Citus. */
export type TableClass =
  | { kind: 'distributed'; column: string; group: 'enterprise' | 'uscc' | 'case_number' | 'procurement_body' }
  | { kind: 'reference' }
  | { kind: 'local' };

const byEnterprise = { kind: 'distributed', column: 'enterprise_id', group: 'enterprise' } as const;
const reference = { kind: 'reference' } as const;
/** A buying body's procurement: its plan, awards and declarations on one node (the supplier may be unregistered). */
const byBody = { kind: 'distributed', column: 'body_id', group: 'procurement_body' } as const;
const local = { kind: 'local' } as const;

/** The class of every table of the schema (the compiler refuses a table of `Database` left out). */
export const TABLE_CLASSES = {
  enterprises: { kind: 'distributed', column: 'id', group: 'enterprise' },
  enterprise_certifications: byEnterprise,
  qualification_evidence: byEnterprise,
  enterprise_figures: byEnterprise,
  enterprise_sizes: byEnterprise,
  policy_matches: byEnterprise,
  policy_match_candidates: byEnterprise,
  policy_benefits: byEnterprise,
  policy_applications: byEnterprise,
  notifications: byEnterprise,
  cases: byEnterprise,
  case_events: byEnterprise,
  case_attachments: byEnterprise,
  case_supervisions: byEnterprise,
  case_payments: byEnterprise,
  credit_records: byEnterprise,
  credit_consents: byEnterprise,
  credit_access_log: byEnterprise,
  credit_objections: byEnterprise,
  credit_scores: byEnterprise,
  financing_demands: byEnterprise,
  financing_responses: byEnterprise,
  financing_events: byEnterprise,
  financing_matches: byEnterprise,
  receivables: byEnterprise,
  financing_recommendations: byEnterprise,
  monitoring_panel_members: byEnterprise,
  monitoring_responses: byEnterprise,
  monitoring_answers: byEnterprise,
  monitoring_flags: byEnterprise,
  cultivation_facts: byEnterprise,
  cultivation_evidence: byEnterprise,
  cultivation_applications: byEnterprise,
  cultivation_events: byEnterprise,
  cultivation_objections: byEnterprise,
  cultivation_scores: byEnterprise,
  cultivation_recognitions: byEnterprise,
  cultivation_changes: byEnterprise,

  enterprise_usccs: { kind: 'distributed', column: 'uscc', group: 'uscc' },
  case_numbers: { kind: 'distributed', column: 'number', group: 'case_number' },

  regions: reference,
  industries: reference,
  financial_institutions: reference,
  policies: reference,
  policy_versions: reference,
  case_routing_rules: reference,
  credit_settings: reference,
  credit_scorecards: reference,
  financing_settings: reference,
  loan_products: reference,
  procurement_projects: byBody,
  procurement_awards: byBody,
  procurement_declarations: byBody,
  // A body's annual reports: made from the body's rows, read by body (buyer, official) or across bodies (the public
  // list, a fan-out a list may make); colocated so a report's snapshot reads its body's rows on one node.
  procurement_reports: byBody,
  procurement_bodies: reference,
  monitoring_surveys: reference,
  monitoring_survey_versions: reference,
  monitoring_questions: reference,
  monitoring_weights: reference,
  monitoring_waves: reference,
  cultivation_settings: reference,
  cultivation_update_days: reference,

  meta: local,
  users: local,
  sessions: local,
  audit_log: local,
  audit_head: local,
  jobs: local,
  job_cursors: local,
  import_jobs: local,
  import_job_errors: local,
  import_job_seen: local,
  import_job_keys: local,
  import_job_enterprises: local,
  size_stats: local,
  enterprise_counts: local,
  case_stats: local,
  case_deadlines: local,
  notification_deliveries: local,
  user_notifications: local,
  arrears_disclosures: local,
  financing_stats: local,
  monitoring_draws: local,
  monitoring_runs: local,
  monitoring_cells: local,
  monitoring_releases: local,
  monitoring_figures: local,
  procurement_shares: local,
  cultivation_stats: local,
} as const satisfies Record<keyof Database, TableClass>;

/** Tables outside the application's schema type: the migrator's own. */
export const MIGRATOR_TABLES: Record<string, TableClass> = {
  kysely_migration: local,
  kysely_migration_lock: local,
};

/** The class of a table by name, or undefined for a table nobody classified. */
export function classOf(table: string): TableClass | undefined {
  return (TABLE_CLASSES as Record<string, TableClass>)[table] ?? MIGRATOR_TABLES[table];
}
