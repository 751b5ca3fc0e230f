/**
 * Notifications: an enterprise's in-app notices (`notifications`, distributed by enterprise) and notices to one user
 * (`user_notifications`, local), read together in the user's inbox, and email/SMS copies through a transport. A
 * notice is written in the transaction of the change that causes it; deliveries are queued beside it and sent by
 * the `notification-delivery` job, so a failing mail server never holds up the change and nothing is sent twice
 * for one delivery row (a row is marked sent before the next is taken).
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Actor, requireEnterprise } from '../../http/auth.ts';
import { activeUserContacts } from '../accounts/index.ts';
import { enqueueJobs, JOB_KINDS, type JobHandler } from '../jobs/index.ts';
import { enterpriseRegions } from '../registry/index.ts';
import type { NotificationKind } from './notifications.table.ts';

/** The job kind that sends queued email/SMS deliveries. */
export const DELIVERY_JOB = JOB_KINDS.notificationDelivery;

/** One message to send by email or SMS. */
export interface OutgoingMessage {
  channel: 'email' | 'sms';
  address: string;
  subject: string;
  body: string;
}

/** Sends email/SMS; the platform ships a logging transport, a deployment plugs in its gateway. */
export interface NotificationTransport {
  send(message: OutgoingMessage): Promise<void>;
}

/** A transport that only writes each message to the log (development, demo, tests). */
export function loggingTransport(log: (line: string) => void): NotificationTransport {
  return {
    async send(message) {
      log(`[${message.channel} → ${message.address}] ${message.subject}`);
    },
  };
}

/** A notification to write. */
export interface NewNotification {
  enterpriseId: number;
  kind: NotificationKind;
  policyId?: number | null;
  version?: number | null;
  /** The case the notice is about. */
  caseId?: number | null;
  /** The in-app page it opens (a path under /app/). */
  link?: string | null;
  title: { zh: string; en: string };
}

/**
 * The SQL that turns the rows of a CTE named `source` (enterprise_id, kind, policy_id, version, title_zh,
 * title_en, and case_id and link when `withCase`) into notifications and their deliveries: two more CTEs, `noted` and
 * `delivered`, for a statement that writes them with the change that causes them (set-based, however many
 * enterprises are concerned).
 */
export function notificationCtes(source: string, withCase = false): RawBuilder<unknown> {
  const from = sql.table(source);
  const caseColumns = withCase ? sql`case_id, link` : sql`null::bigint, null::text`;
  return sql`noted as (
      insert into notifications (enterprise_id, kind, policy_id, version, title_zh, title_en, case_id, link)
      select enterprise_id, kind, policy_id, version, title_zh, title_en, ${caseColumns} from ${from}
      returning id, enterprise_id
    ), delivered as (
      insert into notification_deliveries (enterprise_id, notification_id, user_id, channel, address)
      select n.enterprise_id, n.id, u.id, c.channel, c.address
      from noted n join ${activeUserContacts()} u on u.enterprise_id = n.enterprise_id
      cross join lateral (values ('email', u.email), ('sms', u.phone)) as c(channel, address)
      where c.address is not null
      returning 1
    )`;
}

/** Writes notifications (and their deliveries) in the caller's transaction; queues the delivery job if needed. */
export async function notify(trx: Transaction<Database>, notes: readonly NewNotification[]): Promise<void> {
  if (notes.length === 0) return;
  const rows = sql.join(
    notes.map(
      (n) =>
        sql`(${n.enterpriseId}::bigint, ${n.kind}, ${n.policyId ?? null}::int, ${n.version ?? null}::int, ${n.title.zh}, ${n.title.en}, ${n.caseId ?? null}::bigint, ${n.link ?? null}::text)`,
    ),
  );
  const { rows: counts } = await sql<{ delivered: number }>`
    with source (enterprise_id, kind, policy_id, version, title_zh, title_en, case_id, link) as (values ${rows}),
    ${notificationCtes('source', true)}
    select (select count(*) from delivered)::int as delivered`.execute(trx);
  if ((counts[0]?.delivered ?? 0) > 0) await queueDelivery(trx);
}

/** Queues the delivery job (once: a queued one already covers every pending delivery). */
export async function queueDelivery(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  await enqueueJobs(db, [{ kind: DELIVERY_JOB, dedupeKey: DELIVERY_JOB }]);
}

/** How often a delivery is tried before it is marked failed (the in-app notice stays either way). */
const DELIVERY_TRIES = 3;

/**
 * The delivery job: claims due deliveries 100 at a time (`FOR UPDATE SKIP LOCKED`, marked `sending`, so two
 * instances never send the same one), sends each through the transport and records the outcome. A failed try is
 * retried later with back-off (1, 4 minutes), then marked failed; a delivery claimed by a job that stopped is
 * taken again after ten minutes. When tries remain, the job queues itself again for the earliest of them.
 */
export function deliveryHandler(transport: NotificationTransport): JobHandler {
  return async (db, _job, context) => {
    let sent = 0;
    let failed = 0;
    for (;;) {
      if (context.signal.aborted) break;
      const { rows: batch } = await sql<ClaimedDelivery>`
        update notification_deliveries d set status = 'sending', claimed_at = now(), attempts = d.attempts + 1
        where d.id in (
          select id from notification_deliveries
          where (status = 'pending' and next_attempt_at <= now())
             or (status = 'sending' and claimed_at < now() - interval '10 minutes')
          order by id limit 100 for update skip locked
        )
        returning d.id, d.channel, d.address, d.attempts, d.enterprise_id, d.notification_id,
          d.user_notification_id`.execute(db);
      if (batch.length === 0) break;
      batch.sort((a, b) => Number(a.id) - Number(b.id));
      const titles = await titlesOf(db, batch);
      for (const d of batch) {
        const title = titles.get(noticeKey(d));
        try {
          if (title === undefined) throw new Error(`no notice ${noticeKey(d)}`);
          await transport.send({
            channel: d.channel,
            address: d.address,
            subject: title.zh,
            body: `${title.zh}\n${title.en}\n请登录惠企查看详情。`,
          });
          await db
            .updateTable('notification_deliveries')
            .set({ status: 'sent', sent_at: new Date(), last_error: null })
            .where('id', '=', d.id)
            .execute();
          sent++;
        } catch (error) {
          const last = d.attempts >= DELIVERY_TRIES;
          await db
            .updateTable('notification_deliveries')
            .set({
              status: last ? 'failed' : 'pending',
              next_attempt_at: new Date(Date.now() + 60_000 * 4 ** (d.attempts - 1)),
              last_error: String(error).slice(0, 500),
            })
            .where('id', '=', d.id)
            .execute();
          failed++;
        }
      }
      await context.progress({ sent, failed });
    }
    // Tries left for later: come back when the first of them is due.
    const next = await db
      .selectFrom('notification_deliveries')
      .select(sql<Date | null>`min(next_attempt_at)`.as('at'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (next?.at)
      await enqueueJobs(db, [{ kind: DELIVERY_JOB, dedupeKey: DELIVERY_JOB, runAfter: new Date(next.at) }]);
    return { sent, failed };
  };
}

/** A delivery the job took: where to send it, and which notice it copies. */
interface ClaimedDelivery {
  id: number;
  channel: 'email' | 'sms';
  address: string;
  attempts: number;
  enterprise_id: number | null;
  notification_id: number | null;
  user_notification_id: number | null;
}

/** The notice a delivery copies, as a key of `titlesOf`' map. */
function noticeKey(d: Pick<ClaimedDelivery, 'notification_id' | 'user_notification_id'>): string {
  return d.user_notification_id !== null ? `u${d.user_notification_id}` : `e${d.notification_id}`;
}

/**
 * The titles of the notices a batch of deliveries copies: one query per table (the enterprises' notices by
 * enterprise, so only their shards are read, and id), no join of the local deliveries with the distributed notices.
 */
async function titlesOf(db: Kysely<Database>, batch: readonly ClaimedDelivery[]) {
  const titles = new Map<string, { zh: string; en: string }>();
  const ofEnterprises = batch.filter((d) => d.notification_id !== null && d.enterprise_id !== null);
  const ofUsers = batch.flatMap((d) => (d.user_notification_id === null ? [] : [d.user_notification_id]));
  if (ofEnterprises.length > 0) {
    const rows = await db
      .selectFrom('notifications')
      .select(['id', 'title_zh', 'title_en'])
      .where('enterprise_id', 'in', [...new Set(ofEnterprises.map((d) => d.enterprise_id as number))])
      .where(
        'id',
        'in',
        ofEnterprises.map((d) => d.notification_id as number),
      )
      .execute();
    for (const row of rows) titles.set(`e${row.id}`, { zh: row.title_zh, en: row.title_en });
  }
  if (ofUsers.length > 0) {
    const rows = await db
      .selectFrom('user_notifications')
      .select(['id', 'title_zh', 'title_en'])
      .where('id', 'in', ofUsers)
      .execute();
    for (const row of rows) titles.set(`u${row.id}`, { zh: row.title_zh, en: row.title_en });
  }
  return titles;
}

/** A notification to one user (an official, a payer), optionally about a case. */
export interface NewUserNotification {
  userId: number;
  kind: NotificationKind;
  caseId?: number | null;
  /** The in-app page it opens (a path under /app/). */
  link?: string | null;
  title: { zh: string; en: string };
}

/** Writes notifications to users (and their email/SMS deliveries) in the caller's transaction. */
export async function notifyUsers(trx: Transaction<Database>, notes: readonly NewUserNotification[]) {
  if (notes.length === 0) return;
  const rows = sql.join(
    notes.map(
      (n) =>
        sql`(${n.userId}::bigint, ${n.kind}, ${n.caseId ?? null}::bigint, ${n.title.zh}, ${n.title.en}, ${n.link ?? null}::text)`,
    ),
  );
  const { rows: counts } = await sql<{ delivered: number }>`
    with source (user_id, kind, case_id, title_zh, title_en, link) as (values ${rows}),
    noted as (
      insert into user_notifications (user_id, kind, case_id, title_zh, title_en, link)
      select user_id, kind, case_id, title_zh, title_en, link from source
      returning id, user_id
    ), delivered as (
      insert into notification_deliveries (user_notification_id, user_id, channel, address)
      select n.id, u.id, c.channel, c.address
      from noted n join ${activeUserContacts()} u on u.id = n.user_id
      cross join lateral (values ('email', u.email), ('sms', u.phone)) as c(channel, address)
      where c.address is not null
      returning 1
    )
    select (select count(*) from delivered)::int as delivered`.execute(trx);
  if ((counts[0]?.delivered ?? 0) > 0) await queueDelivery(trx);
}

/**
 * The shelves of an actor's inbox: an enterprise user reads its enterprise's notices and its own, anyone else
 * their own. An id in the API names its shelf (`e12` an enterprise's notice, `u12` a user's): the two tables
 * number their rows apart.
 */
function shelvesOf(actor: Actor): Shelf[] {
  const own: Shelf = { table: 'user_notifications', column: 'user_id', id: actor.userId, prefix: 'u' };
  if (actor.role !== 'enterprise') return [own];
  return [
    { table: 'notifications', column: 'enterprise_id', id: requireEnterprise(actor), prefix: 'e' },
    own,
  ];
}

/** One table of an inbox and whose rows of it the actor reads. */
interface Shelf {
  table: 'notifications' | 'user_notifications';
  column: 'enterprise_id' | 'user_id';
  id: number;
  prefix: 'e' | 'u';
}

/** An inbox row as read from either table. */
interface NoticeRow {
  id: number;
  kind: string;
  policy_id: number | null;
  version: number | null;
  case_id: number | null;
  link: string | null;
  title_zh: string;
  title_en: string;
  created_at: Date;
  read_at: Date | null;
  /** `created_at` to the microsecond, as text that sorts in time order (a Date keeps milliseconds only). */
  sort_key: string;
}

/** The condition on a shelf's rows: the reader's, and unread only if asked. */
function shelfCondition(shelf: Shelf, unreadOnly: boolean) {
  return sql`${sql.ref(shelf.column)} = ${shelf.id}${unreadOnly ? sql` and read_at is null` : sql``}`;
}

/** Newest first: by time, then the user's own before the enterprise's, then by id. */
function newestFirst(a: { row: NoticeRow; prefix: string }, b: { row: NoticeRow; prefix: string }): number {
  return (
    b.row.sort_key.localeCompare(a.row.sort_key) ||
    b.prefix.localeCompare(a.prefix) ||
    Number(b.row.id) - Number(a.row.id)
  );
}

/**
 * The inbox of an enterprise (for its users, with their own notices) or of a user, newest first. Each table is
 * read on its own (the enterprise's notices on their shard, the user's on the coordinator); a page of both is
 * merged from the first `page × pageSize` of each.
 */
export async function listInbox(
  db: Kysely<Database>,
  actor: Actor,
  query: { page?: number; pageSize?: number; unread?: boolean },
) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const unreadOnly = query.unread === true;
  const shelves = shelvesOf(actor);
  const counts = await Promise.all(
    shelves.map(async (shelf) => {
      const { rows } = await sql<{ total: number; unread: number }>`
        select count(*)::int as total, (count(*) filter (where read_at is null))::int as unread
        from ${sql.table(shelf.table)} where ${shelfCondition(shelf, false)}`.execute(db);
      return rows[0] ?? { total: 0, unread: 0 };
    }),
  );
  const listed = shelves
    .map((shelf, i) => ({ shelf, count: unreadOnly ? (counts[i]?.unread ?? 0) : (counts[i]?.total ?? 0) }))
    .filter((s) => s.count > 0);
  const offset = (page - 1) * pageSize;
  // One shelf: its page as it is; two: the first offset + pageSize of each, merged.
  const single = listed.length === 1;
  const pages = await Promise.all(
    listed.map(async ({ shelf }) => {
      const { rows } = await sql<NoticeRow>`
        select id, kind, policy_id, version, case_id, link, title_zh, title_en, created_at, read_at,
          to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as sort_key
        from ${sql.table(shelf.table)} where ${shelfCondition(shelf, unreadOnly)}
        order by created_at desc, id desc
        limit ${single ? pageSize : offset + pageSize} offset ${single ? offset : 0}`.execute(db);
      return rows.map((row) => ({ row, prefix: shelf.prefix }));
    }),
  );
  const merged = single
    ? (pages[0] ?? [])
    : pages
        .flat()
        .sort(newestFirst)
        .slice(offset, offset + pageSize);
  const unread = counts.reduce((sum, c) => sum + c.unread, 0);
  return {
    items: merged.map(({ row: n, prefix }) => ({
      id: `${prefix}${n.id}`,
      kind: n.kind,
      policyId: n.policy_id,
      version: n.version,
      caseId: n.case_id === null ? null : Number(n.case_id),
      link: n.link,
      title: { zh: n.title_zh, en: n.title_en },
      createdAt: new Date(n.created_at).toISOString(),
      readAt: n.read_at === null ? null : new Date(n.read_at).toISOString(),
    })),
    total: unreadOnly ? unread : counts.reduce((sum, c) => sum + c.total, 0),
    unread,
    page,
    pageSize,
  };
}

/**
 * Marks an inbox's notifications read: the listed ones (ids as the inbox gives them), or all. Returns how many
 * changed. An id of a shelf the actor does not read, or of another reader's notice, changes nothing.
 */
export async function markRead(db: Kysely<Database>, actor: Actor, ids: readonly string[] | 'all') {
  if (ids !== 'all' && ids.length === 0) return { updated: 0 };
  const now = new Date();
  let updated = 0;
  for (const shelf of shelvesOf(actor)) {
    const mine =
      ids === 'all'
        ? null
        : ids.flatMap((id) => (id.startsWith(shelf.prefix) ? [Number(id.slice(shelf.prefix.length))] : []));
    if (mine !== null && mine.length === 0) continue;
    const only = mine === null ? sql`` : sql` and id = any(${mine}::bigint[])`;
    const result = await sql`update ${sql.table(shelf.table)} set read_at = ${now}
      where ${shelfCondition(shelf, true)}${only}`.execute(db);
    updated += Number(result.numAffectedRows ?? 0);
  }
  return { updated };
}

/** Marks read the notifications of one policy (the enterprise opened it). */
export async function markPolicyRead(db: Kysely<Database>, enterpriseId: number, policyId: number) {
  await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('enterprise_id', '=', enterpriseId)
    .where('policy_id', '=', policyId)
    .where('read_at', 'is', null)
    .execute();
}

/** The policies an enterprise has unread notices about ("my policies" marks them new). */
export async function findUnreadPolicyIds(db: Kysely<Database>, enterpriseId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('notifications')
    .select('policy_id')
    .where('enterprise_id', '=', enterpriseId)
    .where('read_at', 'is', null)
    .where('policy_id', 'is not', null)
    .execute();
  return new Set(rows.flatMap((row) => (row.policy_id === null ? [] : [row.policy_id])));
}

/** Per policy and county: enterprises notified, and of them those who read a notice (reach statistics). */
export async function policyNoticeReach(db: Kysely<Database>, policyId: number, regionPrefix: string) {
  const { rows } = await sql<{ region_code: string; notified: number; read: number }>`
    select e.region_code, count(distinct n.enterprise_id)::int as notified,
      count(distinct n.enterprise_id) filter (where n.read_at is not null)::int as read
    from notifications n join ${enterpriseRegions()} e on e.id = n.enterprise_id
    where n.policy_id = ${policyId} and starts_with(e.region_code, ${regionPrefix})
    group by e.region_code`.execute(db);
  return rows;
}
