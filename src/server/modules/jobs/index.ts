/** Public surface of the job queue. */
export type {
  ClaimedJob,
  JobContext,
  JobHandler,
  JobLogFields,
  JobQueueStats,
  JobRunner,
  NewJob,
  RunnerLog,
} from './jobs.service.ts';
export {
  dueWindow,
  enqueueJobs,
  findJobStatus,
  jobLogFields,
  jobQueueStats,
  queueDailyJob,
  queuedJobId,
  queueJobOfPeriod,
  recentJobs,
  recordDueRun,
  runDueJobs,
  startJobRunner,
} from './jobs.service.ts';
export { JOB_KINDS } from './kinds.ts';
