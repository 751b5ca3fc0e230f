/**
 * The kinds of background job, named here so a module can queue work another module does without importing it
 * (the registry queues re-matching when an enterprise's facts change; the policies module handles it).
 */
export const JOB_KINDS = {
  /** Recompute the matches of some policies (payload `{ policyIds: number[] | null }`). */
  policyMatch: 'policy-match',
  /**
   * Match what the days since the last due run changed (payload `{ day }`, daily): policies coming into force,
   * expiring or reading a new year, enterprises with an anniversary or a certification starting or lapsing.
   */
  matchDue: 'match-due',
  /**
   * Recompute the matches of some enterprises (payload `{ enterpriseIds }`, or `{ importJobId }`: those the import
   * created or updated).
   */
  enterpriseMatch: 'enterprise-match',
  /** Score enterprises under the published scorecard (payload `{ enterpriseIds }` or `{ all: true }`). */
  creditScore: 'credit-score',
  /**
   * Rescore what the days since the last due run changed (payload `{ day }`, daily): records whose publication
   * ended, penalties leaving the three-year window, enterprises a year older.
   */
  creditScoreDue: 'credit-score-due',
  /** Match every open financing demand against one product again (payload `{ productId }`). */
  financingMatch: 'financing-match',
  /** Escalate financing demands nobody picked up by their pickup day (payload `{ day }`, daily). */
  financingDue: 'financing-due',
  /** Remind panel members before a survey wave's deadline; close waves whose grace has run out (daily). */
  monitoringDue: 'monitoring-due',
  /**
   * Check a region's declarations of a year again against the size standard and the registry's figures as they are
   * now (payload `{ prefix, year }`).
   */
  procurementRecheck: 'procurement-recheck',
  /** Score every enterprise of a region (or all) for the cultivation tiers in force on a day (payload `{ prefix, onDate }`). */
  cultivationScoring: 'cultivation-scoring',
  /** The daily cultivation run: enterprises reminded before their recognition expires. */
  cultivationDue: 'cultivation-due',
  /** Send pending email/SMS deliveries. */
  notificationDelivery: 'notification-delivery',
  /** Remind handlers of cases nearing their deadline; supervise (督办) those past it. */
  caseSupervision: 'case-supervision',
  /** Delete expired sessions (daily). */
  sessionPurge: 'session-purge',
} as const;
