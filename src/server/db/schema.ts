/** The whole database as Kysely sees it: each module contributes the tables it owns. */
import type { SessionsTable, UsersTable } from '../modules/accounts/accounts.table.ts';
import type { AuditHeadTable, AuditLogTable } from '../modules/audit/audit.table.ts';
import type {
  ArrearsDisclosuresTable,
  CaseAttachmentsTable,
  CaseDeadlinesTable,
  CaseEventsTable,
  CaseNumbersTable,
  CasePaymentsTable,
  CaseRoutingRulesTable,
  CaseStatsTable,
  CaseSupervisionsTable,
  CasesTable,
} from '../modules/cases/cases.table.ts';
import type {
  CreditAccessLogTable,
  CreditConsentsTable,
  CreditObjectionsTable,
  CreditRecordsTable,
  CreditScorecardsTable,
  CreditScoresTable,
  CreditSettingsTable,
} from '../modules/credit/credit.table.ts';
import type {
  CultivationChangesTable,
  CultivationRecognitionsTable,
  CultivationUpdateDaysTable,
} from '../modules/cultivation/cultivation.changes.table.ts';
import type {
  CultivationApplicationsTable,
  CultivationEventsTable,
  CultivationEvidenceTable,
  CultivationFactsTable,
  CultivationObjectionsTable,
  CultivationScoresTable,
  CultivationSettingsTable,
  CultivationStatsTable,
} from '../modules/cultivation/cultivation.table.ts';
import type {
  FinancingDemandsTable,
  FinancingEventsTable,
  FinancingMatchesTable,
  FinancingRecommendationsTable,
  FinancingResponsesTable,
  FinancingSettingsTable,
  FinancingStatsTable,
  LoanProductsTable,
  ReceivablesTable,
} from '../modules/financing/financing.table.ts';
import type { FinancialInstitutionsTable } from '../modules/institutions/institutions.table.ts';
import type { JobCursorsTable, JobsTable } from '../modules/jobs/jobs.table.ts';
import type {
  MonitoringAnswersTable,
  MonitoringCellsTable,
  MonitoringDrawsTable,
  MonitoringFiguresTable,
  MonitoringFlagsTable,
  MonitoringPanelMembersTable,
  MonitoringQuestionsTable,
  MonitoringReleasesTable,
  MonitoringResponsesTable,
  MonitoringRunsTable,
  MonitoringSurveysTable,
  MonitoringSurveyVersionsTable,
  MonitoringWavesTable,
  MonitoringWeightsTable,
} from '../modules/monitoring/monitoring.table.ts';
import type {
  NotificationDeliveriesTable,
  NotificationsTable,
  UserNotificationsTable,
} from '../modules/notifications/notifications.table.ts';
import type {
  PoliciesTable,
  PolicyApplicationsTable,
  PolicyBenefitsTable,
  PolicyMatchCandidatesTable,
  PolicyMatchesTable,
  PolicyVersionsTable,
} from '../modules/policies/policies.table.ts';
import type { ProcurementReportsTable } from '../modules/procurement/procurement.reports.table.ts';
import type {
  ProcurementAwardsTable,
  ProcurementBodiesTable,
  ProcurementDeclarationsTable,
  ProcurementProjectsTable,
  ProcurementSharesTable,
} from '../modules/procurement/procurement.table.ts';
import type {
  IndustriesTable,
  MetaTable,
  RegionsTable,
} from '../modules/reference-data/reference-data.table.ts';
import type {
  EnterpriseCertificationsTable,
  EnterpriseCountsTable,
  EnterpriseFiguresTable,
  EnterpriseSizesTable,
  EnterprisesTable,
  EnterpriseUsccsTable,
  ImportJobEnterprisesTable,
  ImportJobErrorsTable,
  ImportJobKeysTable,
  ImportJobSeenTable,
  ImportJobsTable,
  QualificationEvidenceTable,
  SizeStatsTable,
} from '../modules/registry/registry.table.ts';

/** All tables. */
export interface Database {
  meta: MetaTable;
  regions: RegionsTable;
  industries: IndustriesTable;
  enterprises: EnterprisesTable;
  enterprise_usccs: EnterpriseUsccsTable;
  enterprise_certifications: EnterpriseCertificationsTable;
  qualification_evidence: QualificationEvidenceTable;
  enterprise_figures: EnterpriseFiguresTable;
  enterprise_sizes: EnterpriseSizesTable;
  size_stats: SizeStatsTable;
  enterprise_counts: EnterpriseCountsTable;
  import_jobs: ImportJobsTable;
  import_job_errors: ImportJobErrorsTable;
  import_job_enterprises: ImportJobEnterprisesTable;
  import_job_seen: ImportJobSeenTable;
  import_job_keys: ImportJobKeysTable;
  financial_institutions: FinancialInstitutionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_matches: PolicyMatchesTable;
  policy_match_candidates: PolicyMatchCandidatesTable;
  policy_benefits: PolicyBenefitsTable;
  policy_applications: PolicyApplicationsTable;
  notifications: NotificationsTable;
  user_notifications: UserNotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  jobs: JobsTable;
  job_cursors: JobCursorsTable;
  case_routing_rules: CaseRoutingRulesTable;
  cases: CasesTable;
  case_numbers: CaseNumbersTable;
  case_events: CaseEventsTable;
  case_attachments: CaseAttachmentsTable;
  case_supervisions: CaseSupervisionsTable;
  case_payments: CasePaymentsTable;
  case_stats: CaseStatsTable;
  case_deadlines: CaseDeadlinesTable;
  arrears_disclosures: ArrearsDisclosuresTable;
  credit_settings: CreditSettingsTable;
  credit_records: CreditRecordsTable;
  credit_consents: CreditConsentsTable;
  credit_access_log: CreditAccessLogTable;
  credit_objections: CreditObjectionsTable;
  credit_scorecards: CreditScorecardsTable;
  credit_scores: CreditScoresTable;
  financing_settings: FinancingSettingsTable;
  loan_products: LoanProductsTable;
  financing_demands: FinancingDemandsTable;
  financing_responses: FinancingResponsesTable;
  financing_events: FinancingEventsTable;
  financing_matches: FinancingMatchesTable;
  receivables: ReceivablesTable;
  financing_stats: FinancingStatsTable;
  financing_recommendations: FinancingRecommendationsTable;
  monitoring_surveys: MonitoringSurveysTable;
  monitoring_survey_versions: MonitoringSurveyVersionsTable;
  monitoring_questions: MonitoringQuestionsTable;
  monitoring_weights: MonitoringWeightsTable;
  monitoring_waves: MonitoringWavesTable;
  monitoring_draws: MonitoringDrawsTable;
  monitoring_panel_members: MonitoringPanelMembersTable;
  monitoring_responses: MonitoringResponsesTable;
  monitoring_answers: MonitoringAnswersTable;
  monitoring_flags: MonitoringFlagsTable;
  monitoring_runs: MonitoringRunsTable;
  monitoring_cells: MonitoringCellsTable;
  monitoring_releases: MonitoringReleasesTable;
  monitoring_figures: MonitoringFiguresTable;
  procurement_bodies: ProcurementBodiesTable;
  procurement_projects: ProcurementProjectsTable;
  procurement_awards: ProcurementAwardsTable;
  procurement_declarations: ProcurementDeclarationsTable;
  procurement_shares: ProcurementSharesTable;
  procurement_reports: ProcurementReportsTable;
  cultivation_settings: CultivationSettingsTable;
  cultivation_facts: CultivationFactsTable;
  cultivation_evidence: CultivationEvidenceTable;
  cultivation_applications: CultivationApplicationsTable;
  cultivation_events: CultivationEventsTable;
  cultivation_objections: CultivationObjectionsTable;
  cultivation_scores: CultivationScoresTable;
  cultivation_stats: CultivationStatsTable;
  cultivation_recognitions: CultivationRecognitionsTable;
  cultivation_changes: CultivationChangesTable;
  cultivation_update_days: CultivationUpdateDaysTable;
}
