/**
 * 20261209_0300_notices_scale_out on a database that holds notices in the old shape: users' notices move to
 * `user_notifications` with their ids and read state, deliveries follow them, the inboxes read as before; down()
 * puts them back, and up() again gives the same. On Citus on plain tables: down() is refused on distributed ones
 * (migrate.ts, test/scale-out.migration.test.ts).
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { anEnterprise, anEnterpriseUser, anOfficial } from '../../../../test/helpers/factories.ts';
import type { Actor } from '../../http/auth.ts';
import { listInbox } from '../../modules/notifications/index.ts';
import type { DatabaseHandle } from '../database.ts';
import { migrateTo } from '../migrate.ts';
import type { Database } from '../schema.ts';
import { migrations } from './index.ts';

const NAME = '20261209_0300_notices_scale_out';
const names = Object.keys(migrations).sort();
const PREVIOUS = names[names.indexOf(NAME) - 1] as string;

/** An actor as the inbox needs it. */
function actorOf(userId: number, role: 'enterprise' | 'official', enterpriseId: number | null = null): Actor {
  return {
    userId,
    username: `u${userId}`,
    displayName: `u${userId}`,
    role,
    enterpriseId,
    institutionId: null,
    regionCode: '320583',
    regionPrefix: '320583',
    departmentCode: role === 'official' ? 'sme' : null,
    organizationUscc: null,
    locale: 'zh-CN',
  };
}

/** The foreign keys of a table: the referenced table of each, by constraint name. */
async function foreignKeysOf(db: Kysely<Database>, table: string): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; target: string }>`
    select conname as name, confrelid::regclass::text as target from pg_constraint
    where conrelid = ${table}::regclass and contype = 'f'`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.target]));
}

/** The columns of a table's primary key, in order. */
async function primaryKeyOf(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = await sql<{ column: string }>`
    select a.attname as column
    from pg_constraint c cross join unnest(c.conkey) with ordinality as k(attnum, n)
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.conrelid = ${table}::regclass and c.contype = 'p' order by k.n`.execute(db);
  return rows.map((r) => r.column);
}

/** What the test reads of the database after each step. */
async function snapshot(db: Kysely<Database>) {
  const { rows: tables } = await sql<{ n: number }>`select count(*)::int as n from pg_class
    where relname = 'user_notifications' and relkind = 'r'`.execute(db);
  return {
    hasUserNotifications: tables[0]?.n === 1,
    primaryKeys: {
      notifications: await primaryKeyOf(db, 'notifications'),
      policy_benefits: await primaryKeyOf(db, 'policy_benefits'),
    },
    foreignKeys: Object.fromEntries(
      await Promise.all(
        ['policies', 'policy_versions', 'policy_benefits', 'notifications', 'notification_deliveries'].map(
          async (table) => [table, Object.values(await foreignKeysOf(db, table)).sort()] as const,
        ),
      ),
    ),
  };
}

/** A value as a number when the driver gave a bigint as text. */
const num = (value: unknown) => (value === null ? null : Number(value));

describe(NAME, () => {
  let handle: DatabaseHandle;
  let firm: { id: number };
  let firmUser: number;
  let official: number;
  /** Old-shape ids: the enterprise's notices (read, unread) and the official's (read, unread). */
  const ids = { firmRead: 0, firmUnread: 0, officialRead: 0, officialUnread: 0 };
  const readAt = new Date('2026-12-01T02:03:04.567Z');
  let up: {
    schema: Awaited<ReturnType<typeof snapshot>>;
    moved: { id: number | null; user_id: number | null; title_zh: string; read_at: Date | null }[];
    kept: (number | null)[][];
    deliveries: unknown[][];
    officialInbox: Awaited<ReturnType<typeof listInbox>>;
    firmInbox: Awaited<ReturnType<typeof listInbox>>;
    newId: number;
  };
  let down: {
    schema: Awaited<ReturnType<typeof snapshot>>;
    usersNotices: unknown[][];
    enterpriseNotices: number;
  };
  let upAgain: { moved: { title_zh: string; read_at: Date | null }[]; kept: number };

  beforeAll(async () => {
    handle = await createTestDatabase({ citus: { distribute: false } });
    const db = handle.db;
    firm = await anEnterprise(db);
    firmUser = (await anEnterpriseUser(db, firm)).id;
    official = (await anOfficial(db)).id;
    await migrateTo(db, PREVIOUS);
    // The old shape: one table, an enterprise's notices and a user's, and a delivery of each.
    const insert = async (recipient: 'enterprise' | 'user', title: string, read: boolean) => {
      const { rows } = await sql<{ id: number }>`
        insert into notifications (enterprise_id, user_id, kind, title_zh, title_en, read_at)
        values (${recipient === 'enterprise' ? firm.id : null}, ${recipient === 'user' ? official : null},
          ${recipient === 'enterprise' ? 'policy_match' : 'case_reminder'}, ${title}, ${title}, ${read ? readAt : null})
        returning id`.execute(db);
      return Number(rows[0]?.id);
    };
    ids.firmRead = await insert('enterprise', '企业已读', true);
    ids.officialRead = await insert('user', '官员已读', true);
    ids.firmUnread = await insert('enterprise', '企业未读', false);
    ids.officialUnread = await insert('user', '官员未读', false);
    await sql`insert into notification_deliveries (notification_id, user_id, channel, address) values
      (${ids.firmUnread}, ${firmUser}, 'email', 'firm@test.huiqi.invalid'),
      (${ids.officialUnread}, ${official}, 'email', 'official@test.huiqi.invalid')`.execute(db);

    await migrateTo(db, NAME);
    const moved = await db
      .selectFrom('user_notifications')
      .select(['id', 'user_id', 'title_zh', 'read_at'])
      .orderBy('id')
      .execute();
    const kept = await db.selectFrom('notifications').select(['id', 'enterprise_id']).orderBy('id').execute();
    const deliveries = await db
      .selectFrom('notification_deliveries')
      .select(['address', 'enterprise_id', 'notification_id', 'user_notification_id'])
      .orderBy('address')
      .execute();
    const { rows: fresh } = await sql<{ id: number }>`insert into user_notifications
      (user_id, kind, title_zh, title_en) values (${official}, 'case_reminder', '新的', 'New') returning id`.execute(
      db,
    );
    await sql`delete from user_notifications where title_zh = '新的'`.execute(db);
    const schema = await snapshot(db);
    // The inboxes as today's code reads them: on the latest shape (the later migrations only add to these tables).
    await migrateTo(db, 'latest');
    up = {
      schema,
      moved: moved.map((n) => ({ ...n, id: num(n.id), user_id: num(n.user_id) })),
      kept: kept.map((n) => [num(n.id), num(n.enterprise_id)]),
      deliveries: deliveries.map((d) => [
        d.address,
        num(d.enterprise_id),
        num(d.notification_id),
        num(d.user_notification_id),
      ]),
      officialInbox: await listInbox(db, actorOf(official, 'official'), {}),
      firmInbox: await listInbox(db, actorOf(firmUser, 'enterprise', firm.id), {}),
      newId: Number(fresh[0]?.id),
    };

    await migrateTo(db, PREVIOUS);
    const { rows: back } = await sql<{
      user_id: string;
      title_zh: string;
      read_at: Date | null;
      address: string | null;
    }>`
      select n.user_id, n.title_zh, n.read_at, d.address
      from notifications n left join notification_deliveries d on d.notification_id = n.id
      where n.user_id is not null order by n.title_zh`.execute(db);
    const { rows: enterprises } = await sql<{ n: number }>`select count(*)::int as n from notifications
      where enterprise_id is not null`.execute(db);
    down = {
      schema: await snapshot(db),
      usersNotices: back.map((r) => [num(r.user_id), r.title_zh, r.read_at, r.address]),
      enterpriseNotices: enterprises[0]?.n ?? 0,
    };

    await migrateTo(db, NAME);
    upAgain = {
      moved: await db
        .selectFrom('user_notifications')
        .select(['title_zh', 'read_at'])
        .orderBy('title_zh')
        .execute(),
      kept: (await db.selectFrom('notifications').select('id').execute()).length,
    };
  });
  afterAll(async () => {
    await migrateTo(handle.db, names.at(-1) as string);
    await handle.close();
  });

  it('moves the users’ notices to user_notifications with their ids and read state', () => {
    expect(up.moved).toEqual([
      { id: ids.officialRead, user_id: official, title_zh: '官员已读', read_at: readAt },
      { id: ids.officialUnread, user_id: official, title_zh: '官员未读', read_at: null },
    ]);
  });

  it('keeps only the enterprise’s notices in notifications, keyed by enterprise', () => {
    expect(up.kept).toEqual([
      [ids.firmRead, firm.id],
      [ids.firmUnread, firm.id],
    ]);
    expect(up.schema.primaryKeys.notifications).toEqual(['enterprise_id', 'id']);
  });

  it('points each delivery at its notice, with no foreign key to notifications', () => {
    expect(up.deliveries).toEqual([
      ['firm@test.huiqi.invalid', firm.id, ids.firmUnread, null],
      ['official@test.huiqi.invalid', null, null, ids.officialUnread],
    ]);
    expect(up.schema.foreignKeys.notification_deliveries).toEqual(['user_notifications', 'users']);
  });

  it('reads the same inboxes as before, read state kept', () => {
    expect(up.officialInbox.items.map((n) => [n.id, n.readAt])).toEqual([
      [`u${ids.officialUnread}`, null],
      [`u${ids.officialRead}`, readAt.toISOString()],
    ]);
    expect(up.officialInbox.unread).toBe(1);
    expect(up.firmInbox.items.map((n) => n.title.zh).sort()).toEqual(['企业已读', '企业未读']);
    expect(up.firmInbox.unread).toBe(1);
  });

  it('numbers a new user’s notice after the moved ones', () => {
    expect(up.newId).toBeGreaterThan(ids.officialUnread);
  });

  it('points no foreign key of policies, versions, benefits or notices at users, and keys benefits by enterprise', () => {
    expect(up.schema.foreignKeys).toMatchObject({
      policies: [],
      policy_versions: ['policies'],
      policy_benefits: ['enterprises', 'policies'],
      notifications: ['cases', 'policies'],
    });
    expect(up.schema.primaryKeys.policy_benefits).toEqual(['enterprise_id', 'id']);
  });

  it('puts the users’ notices back into notifications on down(), their deliveries with them', () => {
    expect(down.usersNotices).toEqual([
      [official, '官员已读', readAt, null],
      [official, '官员未读', null, 'official@test.huiqi.invalid'],
    ]);
    expect(down.enterpriseNotices).toBe(2);
    expect(down.schema.hasUserNotifications).toBe(false);
  });

  it('restores the old keys and the foreign keys to users on down()', () => {
    expect(down.schema.primaryKeys).toEqual({ notifications: ['id'], policy_benefits: ['id'] });
    expect(down.schema.foreignKeys).toMatchObject({
      policies: ['users'],
      policy_versions: ['policies', 'users'],
      policy_benefits: ['enterprises', 'policies', 'users', 'users'],
      notification_deliveries: ['notifications', 'users'],
    });
    expect(down.schema.foreignKeys.notifications).toContain('users');
  });

  it('moves them again on up() after down()', () => {
    expect(upAgain.moved).toEqual([
      { title_zh: '官员已读', read_at: readAt },
      { title_zh: '官员未读', read_at: null },
    ]);
    expect(upAgain.kept).toBe(2);
  });
});
