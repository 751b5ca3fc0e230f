/** Public surface of accounts (the server's start-up; routes are registered from app.ts). */
export { queueDailySessionPurge, SESSION_PURGE_JOB, sessionPurgeHandler } from './accounts.service.ts';
