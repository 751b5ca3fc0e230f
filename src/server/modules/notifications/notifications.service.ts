/**
 * Notifications: an enterprise's in-app inbox, and email/SMS copies to its users through a transport. A notice is
 * written in the transaction of the change that causes it; deliveries are queued beside it and sent by the
 * `notification-delivery` job, so a failing mail server never holds up the change and nothing is sent twice
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
  title: { zh: string; en: string };
}

/**
 * The SQL that turns the rows of a CTE named `source` (enterprise_id, kind, policy_id, version, title_zh,
 * title_en, and case_id when `withCase`) into notifications and their deliveries: two more CTEs, `noted` and
 * `delivered`, for a statement that writes them with the change that causes them (set-based, however many
 * enterprises are concerned).
 */
export function notificationCtes(source: string, withCase = false): RawBuilder<unknown> {
  const from = sql.table(source);
  const caseColumn = withCase ? sql`case_id` : sql`null::bigint`;
  return sql`noted as (
      insert into notifications (enterprise_id, kind, policy_id, version, title_zh, title_en, case_id)
      select enterprise_id, kind, policy_id, version, title_zh, title_en, ${caseColumn} from ${from}
      returning id, enterprise_id
    ), delivered as (
      insert into notification_deliveries (notification_id, user_id, channel, address)
      select n.id, u.id, c.channel, c.address
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
        sql`(${n.enterpriseId}::bigint, ${n.kind}, ${n.policyId ?? null}::int, ${n.version ?? null}::int, ${n.title.zh}, ${n.title.en}, ${n.caseId ?? null}::bigint)`,
    ),
  );
  const { rows: counts } = await sql<{ delivered: number }>`
    with source (enterprise_id, kind, policy_id, version, title_zh, title_en, case_id) as (values ${rows}),
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
      const { rows: batch } = await sql<{
        id: number;
        channel: 'email' | 'sms';
        address: string;
        attempts: number;
        title_zh: string;
        title_en: string;
      }>`
        with claimed as (
          update notification_deliveries d set status = 'sending', claimed_at = now(), attempts = d.attempts + 1
          where d.id in (
            select id from notification_deliveries
            where (status = 'pending' and next_attempt_at <= now())
               or (status = 'sending' and claimed_at < now() - interval '10 minutes')
            order by id limit 100 for update skip locked
          )
          returning d.id, d.channel, d.address, d.attempts, d.notification_id
        )
        select c.id, c.channel, c.address, c.attempts, n.title_zh, n.title_en
        from claimed c join notifications n on n.id = c.notification_id order by c.id`.execute(db);
      if (batch.length === 0) break;
      for (const d of batch) {
        try {
          await transport.send({
            channel: d.channel,
            address: d.address,
            subject: d.title_zh,
            body: `${d.title_zh}\n${d.title_en}\n请登录惠企查看详情。`,
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

/** A notification to one user (an official, a payer), optionally about a case. */
export interface NewUserNotification {
  userId: number;
  kind: NotificationKind;
  caseId?: number | null;
  title: { zh: string; en: string };
}

/** Writes notifications to users (and their email/SMS deliveries) in the caller's transaction. */
export async function notifyUsers(trx: Transaction<Database>, notes: readonly NewUserNotification[]) {
  if (notes.length === 0) return;
  const rows = sql.join(
    notes.map(
      (n) => sql`(${n.userId}::bigint, ${n.kind}, ${n.caseId ?? null}::bigint, ${n.title.zh}, ${n.title.en})`,
    ),
  );
  const { rows: counts } = await sql<{ delivered: number }>`
    with source (user_id, kind, case_id, title_zh, title_en) as (values ${rows}),
    noted as (
      insert into notifications (user_id, kind, case_id, title_zh, title_en)
      select user_id, kind, case_id, title_zh, title_en from source
      returning id, user_id
    ), delivered as (
      insert into notification_deliveries (notification_id, user_id, channel, address)
      select n.id, u.id, c.channel, c.address
      from noted n join ${activeUserContacts()} u on u.id = n.user_id
      cross join lateral (values ('email', u.email), ('sms', u.phone)) as c(channel, address)
      where c.address is not null
      returning 1
    )
    select (select count(*) from delivered)::int as delivered`.execute(trx);
  if ((counts[0]?.delivered ?? 0) > 0) await queueDelivery(trx);
}

/** Whose notifications an actor reads: an enterprise user their enterprise's, anyone else their own. */
function recipientOf(actor: Actor) {
  return actor.role === 'enterprise'
    ? ({ column: 'enterprise_id', id: requireEnterprise(actor) } as const)
    : ({ column: 'user_id', id: actor.userId } as const);
}

/** The inbox of an enterprise (for its users) or of a user, newest first. */
export async function listInbox(
  db: Kysely<Database>,
  actor: Actor,
  query: { page?: number; pageSize?: number; unread?: boolean },
) {
  const recipient = recipientOf(actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let base = db.selectFrom('notifications').where(recipient.column, '=', recipient.id);
  if (query.unread) base = base.where('read_at', 'is', null);
  const [items, counts] = await Promise.all([
    base
      .select([
        'id',
        'kind',
        'policy_id',
        'version',
        'case_id',
        'title_zh',
        'title_en',
        'created_at',
        'read_at',
      ])
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('notifications')
      .where(recipient.column, '=', recipient.id)
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`(count(*) filter (where read_at is null))::int`.as('unread'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      policyId: n.policy_id,
      version: n.version,
      caseId: n.case_id,
      title: { zh: n.title_zh, en: n.title_en },
      createdAt: n.created_at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    })),
    total: query.unread ? counts.unread : counts.total,
    unread: counts.unread,
    page,
    pageSize,
  };
}

/** Marks an inbox's notifications read: the listed ones, or all. Returns how many changed. */
export async function markRead(db: Kysely<Database>, actor: Actor, ids: readonly number[] | 'all') {
  const recipient = recipientOf(actor);
  let query = db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where(recipient.column, '=', recipient.id)
    .where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return { updated: 0 };
    query = query.where('id', 'in', [...ids]);
  }
  const result = await query.executeTakeFirst();
  return { updated: Number(result.numUpdatedRows) };
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
