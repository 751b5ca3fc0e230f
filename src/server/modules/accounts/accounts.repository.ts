/** All SQL of the accounts module. */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
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

/**
 * Finds a user by id with display fields and the name of the bound region (the bound enterprise's or
 * institution's name comes from its module).
 */
export function findUserView(db: Db, id: number) {
  return db
    .selectFrom('users')
    .leftJoin('regions', 'regions.code', 'users.region_code')
    .select(publicUserColumns)
    .select('regions.full_name as regionName')
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

/** Lists users with paging (names of bound organisations left to their modules, as in findUserView). */
export async function listUsers(db: Db, filter: UserFilter) {
  let base = db.selectFrom('users').leftJoin('regions', 'regions.code', 'users.region_code');
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
      .select('regions.full_name as regionName')
      .orderBy('users.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

/** Whether the database has any user (a first start has none). */
export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Finds a user by username, with the public columns. */
export function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(publicUserColumns)
    .where('users.username', '=', username)
    .executeTakeFirst();
}

/** The demo accounts, oldest first. */
export function listDemoUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['username', 'role', 'display_name as displayName'])
    .where('is_demo', '=', true)
    .orderBy('id')
    .execute();
}

/** How many users each role has, by role. */
export function countUsersByRole(db: Db) {
  return db
    .selectFrom('users')
    .select(['role'])
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .groupBy('role')
    .orderBy('role')
    .execute();
}

/** How many users are locked out at the moment given. */
export async function countLockedUsers(db: Db, at: Date): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('locked_until', '>', at)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The usernames of those of `ids` that are users, by id. */
export async function findUsernames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.username]));
}

/** Each user's display name and department, by id (one query, whatever their number); absent ids are left out. */
export async function findUserDisplays(
  db: Db,
  ids: readonly (number | null)[],
): Promise<Map<number, { displayName: string; departmentCode: string | null }>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'department_code'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(
    rows.map((row) => [row.id, { displayName: row.display_name, departmentCode: row.department_code }]),
  );
}

/**
 * The ids of users whose username or display name contains the text (case-insensitive), as a subquery another
 * module filters its rows with (`where actor_user_id in (…)`): one statement, however many users match.
 */
export function userIdsMatching(db: Db, text: string) {
  const pattern = `%${escapeLike(text)}%`;
  return db
    .selectFrom('users')
    .select('users.id')
    .where((eb) =>
      eb.or([eb('users.username', 'ilike', pattern), eb('users.display_name', 'ilike', pattern)]),
    );
}

/**
 * The active users' contacts (`id`, `enterprise_id`, `email`, `phone`) as a subquery to join, so that a set-based
 * statement of another module (notifications and their email/SMS deliveries) stays one statement.
 */
export function activeUserContacts(): RawBuilder<unknown> {
  return sql`(select id, enterprise_id, email, phone from users where is_active)`;
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

/** Active accounts of a role by the organisation USCC they carry (a buying body's buyers), for these USCCs. */
export async function activeAccountsByOrganization(
  db: Db,
  role: 'payer' | 'buyer',
  usccs: readonly string[],
): Promise<Map<string, number>> {
  if (usccs.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select((eb) => ['organization_uscc', eb.fn.countAll<number>().as('n')])
    .where('role', '=', role)
    .where('is_active', '=', true)
    .where('organization_uscc', 'in', [...usccs])
    .groupBy('organization_uscc')
    .execute();
  return new Map(rows.map((r) => [r.organization_uscc as string, Number(r.n)]));
}

/** The ids of the active accounts of a role by the organisation USCC they carry (a buying body's buyers). */
export async function activeAccountIdsByOrganization(
  db: Db,
  role: 'payer' | 'buyer',
  usccs: readonly string[],
): Promise<Map<string, number[]>> {
  if (usccs.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'organization_uscc'])
    .where('role', '=', role)
    .where('is_active', '=', true)
    .where('organization_uscc', 'in', [...new Set(usccs)])
    .orderBy('id')
    .execute();
  const ids = new Map<string, number[]>();
  for (const row of rows) {
    const uscc = row.organization_uscc as string;
    ids.set(uscc, [...(ids.get(uscc) ?? []), Number(row.id)]);
  }
  return ids;
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

/** The active users of some financial institutions (bank staff), by id. */
export async function activeBankUserIds(db: Db, institutionIds: readonly number[]): Promise<number[]> {
  if (institutionIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'bank')
    .where('is_active', '=', true)
    .where('institution_id', 'in', [...new Set(institutionIds)])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The active officials whose region covers a region code (its county, city, province), by id. */
export async function activeOfficialsOver(db: Db, regionCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'official')
    .where('is_active', '=', true)
    .where(sql<boolean>`${regionCode} like (case
      when region_code like '__0000' then substr(region_code, 1, 2)
      when region_code like '____00' then substr(region_code, 1, 4)
      else region_code end) || '%'`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
