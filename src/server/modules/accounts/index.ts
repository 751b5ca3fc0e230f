/** Public surface of accounts (the server's start-up; routes are registered from app.ts). */

// For other modules (issue 13)
export {
  activePayerIds,
  findOrganizationName,
  listActiveOfficials,
  type OfficialScope,
  userLabelsOf,
} from './accounts.repository.ts';
export { queueDailySessionPurge, SESSION_PURGE_JOB, sessionPurgeHandler } from './accounts.service.ts';
