/** Public surface of accounts: its routes, the session purge, and what other modules need of users. */
export {
  activeUserContacts,
  countLockedUsers,
  countUsersByRole,
  findUserByUsername,
  findUsernames,
  hasAnyUser,
  listDemoUsers,
  userIdsMatching,
} from './accounts.repository.ts';
export { accountsRoutes } from './accounts.routes.ts';
export {
  createUser,
  queueDailySessionPurge,
  SESSION_PURGE_JOB,
  sessionPurgeHandler,
} from './accounts.service.ts';

// For other modules (issue 13)

export {
  activeAccountIdsByOrganization,
  activeAccountsByOrganization,
  activeBankUserIds,
  activeOfficialsOver,
  activePayerIds,
  findOrganizationName,
  findUserDisplays,
  listActiveOfficials,
  type OfficialScope,
  userLabelsOf,
} from './accounts.repository.ts';
