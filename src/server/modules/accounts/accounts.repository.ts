/** All SQL of the accounts module. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';
import type { LoginState } from './accounts.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Columns of a user safe to return (never the password hash). */
export const publicUserColumns = [
  'users.id',
  'users.username',
  'users.display_name as displayName',
  'users.role',
  'users.enterprise_id as enterpriseId',
  'users.institution_id as institutionId',
  'users.region_code as regionCode',
  'users.department_code as departmentCode',
  'users.organization_uscc as organizationUscc',
  'users.organization_name as organizationName',
  'users.locale',
  'users.is_active as isActive',
  'users.is_demo as isDemo',
  'users.locked_until as lockedUntil',
  'users.last_login_at as lastLoginAt',
  'users.version',
  'users.created_at as createdAt',
] as const;

/** Finds a user by username, with the fields login needs. */
export function findUserForLogin(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'role', 'is_active', 'failed_login_count', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/**
 * A user's sign-in state, its row locked until the transaction ends: concurrent sign-ins of one account take
 * turns, so each failure is counted on the count the previous one left (never on a stale read).
 */
export async function lockLoginState(trx: Transaction<Database>, userId: number): Promise<LoginState> {
  const row = await trx
    .selectFrom('users')
    .select(['failed_login_count', 'locked_until'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { failedLoginCount: row.failed_login_count, lockedUntil: row.locked_until };
}

/** Stores a user's sign-in state. */
export async function saveLoginState(trx: Transaction<Database>, userId: number, state: LoginState) {
  await trx
    .updateTable('users')
    .set({ failed_login_count: state.failedLoginCount, locked_until: state.lockedUntil })
    .where('id', '=', userId)
    .execute();
}

/** Finds a user by id with display fields and the names of the bound organisation and region. */
export function findUserView(db: Db, id: number) {
  return db
    .selectFrom('users')
    .leftJoin('enterprises', 'enterprises.id', 'users.enterprise_id')
    .leftJoin('financial_institutions', 'financial_institutions.id', 'users.institution_id')
    .leftJoin('regions', 'regions.code', 'users.region_code')
    .select(publicUserColumns)
    .select([
      'enterprises.name as enterpriseName',
      'financial_institutions.name as institutionName',
      'regions.full_name as regionName',
    ])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

/** Filters for the user list. */
export interface UserFilter {
  q?: string;
  role?: string;
  regionPrefix?: string;
  page: number;
  pageSize: number;
}

/** Lists users with paging. */
export async function listUsers(db: Db, filter: UserFilter) {
  let base = db
    .selectFrom('users')
    .leftJoin('enterprises', 'enterprises.id', 'users.enterprise_id')
    .leftJoin('financial_institutions', 'financial_institutions.id', 'users.institution_id')
    .leftJoin('regions', 'regions.code', 'users.region_code');
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    base = base.where((eb) =>
      eb.or([eb('users.username', 'ilike', like), eb('users.display_name', 'ilike', like)]),
    );
  }
  if (filter.role) base = base.where('users.role', '=', filter.role as Database['users']['role']);
  if (filter.regionPrefix) base = base.where('users.region_code', 'like', `${filter.regionPrefix}%`);
  const [items, count] = await Promise.all([
    base
      .select(publicUserColumns)
      .select([
        'enterprises.name as enterpriseName',
        'financial_institutions.name as institutionName',
        'regions.full_name as regionName',
      ])
      .orderBy('users.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

// ---- Lookups for other modules (issue 13): they read users through these, never the table -------------------

/** An official as case handling sees them: id, region and department (null: every department). */
export interface OfficialScope {
  id: number;
  region_code: string | null;
  department_code: string | null;
}

/**
 * The active officials, by id; with `servingDepartment`, only those of that department or of none (who may
 * handle its cases).
 */
export function listActiveOfficials(db: Db, servingDepartment?: string): Promise<OfficialScope[]> {
  let query = db
    .selectFrom('users')
    .select(['id', 'region_code', 'department_code'])
    .where('role', '=', 'official')
    .where('is_active', '=', true);
  if (servingDepartment !== undefined)
    query = query.where((eb) =>
      eb.or([eb('department_code', 'is', null), eb('department_code', '=', servingDepartment)]),
    );
  return query.orderBy('id').execute();
}

/** The display names and roles of some users, by id (one query however many; unknown ids are left out). */
export async function userLabelsOf(
  db: Db,
  ids: readonly (number | null)[],
): Promise<Map<number, { displayName: string; role: Database['users']['role'] }>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, { displayName: r.display_name, role: r.role }]));
}

/** The active payer accounts of a debtor body (by its USCC). */
export async function activePayerIds(db: Db, organizationUscc: string): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('organization_uscc', '=', organizationUscc)
    .where('role', '=', 'payer')
    .where('is_active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** The organisation name a user's account carries (a payer's debtor body), if any. */
export async function findOrganizationName(db: Db, userId: number): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select('organization_name')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.organization_name ?? null;
}
