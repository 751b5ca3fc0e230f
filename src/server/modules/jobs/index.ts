/** Public surface of the job queue. */
export type { ClaimedJob, JobContext, JobHandler, JobRunner, NewJob } from './jobs.service.ts';
export { enqueueJobs, queueDailyJob, queueJobOfPeriod, runDueJobs, startJobRunner } from './jobs.service.ts';
export { JOB_KINDS } from './kinds.ts';
