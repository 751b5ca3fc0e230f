/**
 * The migration history, in order. Migrations are history: a landed one is not edited, a change is a new file
 * (ADR 0018: the record in test/landed-migrations.json, the narrow exception before the first release).
 */
import type { Migration } from 'kysely';
import * as foundation from './20261125_1800_foundation.ts';
import * as registry from './20261125_1900_registry.ts';
import * as importThroughput from './20261126_0100_import_throughput.ts';
import * as policies from './20261126_0400_policies.ts';
import * as cases from './20261126_0600_cases.ts';
import * as supervision from './20261126_1000_supervision.ts';
import * as enterpriseListScale from './20261205_0100_enterprise_list_scale.ts';
import * as importScope from './20261205_0200_import_scope.ts';
import * as auditKey from './20261205_0300_audit_key.ts';
import * as policyApplications from './20261206_0300_policy_applications.ts';
import * as qualifications from './20261206_0400_qualifications.ts';
import * as qualificationEvidence from './20261207_0200_qualification_evidence.ts';
import * as requestIds from './20261208_0100_request_ids.ts';
import * as registryScaleOut from './20261209_0100_registry_scale_out.ts';
import * as casesScaleOut from './20261209_0200_cases_scale_out.ts';
import * as noticesScaleOut from './20261209_0300_notices_scale_out.ts';
import * as matchingScaleOut from './20261210_0100_matching_scale_out.ts';
import * as dueRuns from './20261210_0200_due_runs.ts';
import * as sizeStatsDeltas from './20261210_0300_size_stats_deltas.ts';
import * as redundantIndexes from './20261210_0400_redundant_indexes.ts';
import * as credit from './20261212_0100_credit.ts';
import * as creditImports from './20261212_0200_credit_imports.ts';
import * as financing from './20261213_0100_financing.ts';
import * as receivables from './20261213_0200_receivables.ts';
import * as financingRecommendations from './20261213_0300_financing_recommendations.ts';
import * as financingStats from './20261213_0400_financing_stats.ts';
import * as financingStatsLevels from './20261214_0100_financing_stats_levels.ts';
import * as financingLateNotices from './20261214_0200_financing_late_notices.ts';
import * as notificationLinks from './20261214_0300_notification_links.ts';
import * as monitoring from './20261215_0100_monitoring.ts';
import * as registryStatusDates from './20261215_0200_registry_status_dates.ts';
import * as procurement from './20261216_0100_procurement.ts';
import * as monitoringWithheld from './20261217_0100_monitoring_withheld.ts';
import * as procurementOcds from './20261217_0200_procurement_ocds.ts';
import * as procurementReports from './20261217_0300_procurement_reports.ts';
import * as monitoringUnanimous from './20261218_0100_monitoring_unanimous.ts';
import * as monitoringReleaseReturn from './20261219_0100_monitoring_release_return.ts';
import * as procurementAwardsYearCover from './20261220_0100_procurement_awards_year_cover.ts';
import * as cultivation from './20261221_0100_cultivation.ts';
import * as cultivationChanges from './20261222_0100_cultivation_changes.ts';

/** Every migration by name; names sort in the order they apply. */
export const migrations: Record<string, Migration> = {
  '20261125_1800_foundation': foundation,
  '20261125_1900_registry': registry,
  '20261126_0100_import_throughput': importThroughput,
  '20261126_0400_policies': policies,
  '20261126_0600_cases': cases,
  '20261126_1000_supervision': supervision,
  '20261205_0100_enterprise_list_scale': enterpriseListScale,
  '20261205_0200_import_scope': importScope,
  '20261205_0300_audit_key': auditKey,
  '20261206_0300_policy_applications': policyApplications,
  '20261206_0400_qualifications': qualifications,
  '20261207_0200_qualification_evidence': qualificationEvidence,
  '20261208_0100_request_ids': requestIds,
  '20261209_0100_registry_scale_out': registryScaleOut,
  '20261209_0200_cases_scale_out': casesScaleOut,
  '20261209_0300_notices_scale_out': noticesScaleOut,
  '20261210_0100_matching_scale_out': matchingScaleOut,
  '20261210_0200_due_runs': dueRuns,
  '20261210_0300_size_stats_deltas': sizeStatsDeltas,
  '20261210_0400_redundant_indexes': redundantIndexes,
  '20261212_0100_credit': credit,
  '20261212_0200_credit_imports': creditImports,
  '20261213_0100_financing': financing,
  '20261213_0200_receivables': receivables,
  '20261213_0300_financing_recommendations': financingRecommendations,
  '20261213_0400_financing_stats': financingStats,
  '20261214_0100_financing_stats_levels': financingStatsLevels,
  '20261214_0200_financing_late_notices': financingLateNotices,
  '20261214_0300_notification_links': notificationLinks,
  '20261215_0100_monitoring': monitoring,
  '20261215_0200_registry_status_dates': registryStatusDates,
  '20261216_0100_procurement': procurement,
  '20261217_0100_monitoring_withheld': monitoringWithheld,
  '20261217_0200_procurement_ocds': procurementOcds,
  '20261217_0300_procurement_reports': procurementReports,
  '20261218_0100_monitoring_unanimous': monitoringUnanimous,
  '20261219_0100_monitoring_release_return': monitoringReleaseReturn,
  '20261220_0100_procurement_awards_year_cover': procurementAwardsYearCover,
  '20261221_0100_cultivation': cultivation,
  '20261222_0100_cultivation_changes': cultivationChanges,
};
