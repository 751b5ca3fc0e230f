/** All SQL of the policies module's benefits: the 免申即享 list of a policy, its sending, answers and payouts. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';
import { notificationCtes } from '../notifications/index.ts';
import { enterpriseCards, enterpriseRegions } from '../registry/index.ts';
import type { BenefitStatus } from './policies.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** An enterprise's benefit entries past the list stage (sent to it, confirmed, declined, paid). */
export function listBenefitsOfEnterprise(db: Db, enterpriseId: number) {
  return db
    .selectFrom('policy_benefits')
    .select(['id', 'policy_id', 'status', 'amount', 'paid_on', 'row_version'])
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '<>', 'listed')
    .execute();
}

/** Any one entry of a policy's benefit list (whether it has one). */
export function findAnyBenefit(db: Db, policyId: number) {
  return db
    .selectFrom('policy_benefits')
    .select('id')
    .where('policy_id', '=', policyId)
    .limit(1)
    .executeTakeFirst();
}

/** Lists the matches of a policy among the enterprises of a region subtree not on its benefit list yet; how many. */
export async function listMatchesForBenefits(trx: Transaction<Database>, policyId: number, prefix: string) {
  const { rows } = await sql<{ n: number }>`
      with added as (
        insert into policy_benefits (policy_id, version, enterprise_id, status)
        select m.policy_id, m.version, m.enterprise_id, 'listed'
        from policy_matches m join ${enterpriseRegions()} e on e.id = m.enterprise_id
        where m.policy_id = ${policyId} and starts_with(e.region_code, ${prefix})
        on conflict (policy_id, enterprise_id) do nothing
        returning 1
      ) select count(*)::int as n from added`.execute(trx);
  return rows[0]?.n ?? 0;
}

/**
 * Sends the listed entries of a policy among the enterprises of a region subtree for confirmation, each with a
 * notice titled `title`; how many were sent, and how many notices are to be delivered by email/SMS.
 */
export async function sendListedBenefits(
  trx: Transaction<Database>,
  policyId: number,
  prefix: string,
  title: { zh: string; en: string },
) {
  const { rows } = await sql<{ sent: number; delivered: number }>`
      with sent as (
        update policy_benefits b set status = 'sent', sent_at = now(), row_version = row_version + 1
        from ${enterpriseRegions()} e
        where e.id = b.enterprise_id and b.policy_id = ${policyId} and b.status = 'listed'
          and starts_with(e.region_code, ${prefix})
        returning b.enterprise_id, b.version
      ),
      news as (
        select enterprise_id, 'benefit_confirmation'::text as kind, ${policyId}::int as policy_id, version,
          ${title.zh}::text as title_zh,
          ${title.en}::text as title_en
        from sent
      ),
      ${notificationCtes('news')}
      select (select count(*) from sent)::int as sent, (select count(*) from delivered)::int as delivered`.execute(
    trx,
  );
  return rows[0] ?? { sent: 0, delivered: 0 };
}

/** A benefit list entry with its enterprise. */
function benefitRows(db: Db, policyId: number, prefix: string, status?: BenefitStatus, q?: string) {
  let query = db
    .selectFrom('policy_benefits as b')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'b.enterprise_id')
    .where('b.policy_id', '=', policyId)
    .where(sql<boolean>`starts_with(e.region_code, ${prefix})`);
  if (status) query = query.where('b.status', '=', status);
  if (q?.trim()) {
    const like = `%${escapeLike(q.trim())}%`;
    query = query.where((eb) =>
      eb.or([eb('e.name', 'like', like), eb('e.uscc', 'like', like.toUpperCase())]),
    );
  }
  return query;
}

const BENEFIT_COLUMNS = [
  'b.id',
  'b.version',
  'b.enterprise_id',
  'e.uscc',
  'e.name',
  'e.region_code',
  'b.status',
  'b.listed_at',
  'b.sent_at',
  'b.responded_at',
  'b.response_note',
  'b.amount',
  'b.paid_on',
  'b.row_version',
] as const;

/**
 * A page of a policy's benefit list among the enterprises of a region subtree (by status, searched), its count,
 * and the whole list's count and amount per status.
 */
export async function benefitsPage(
  db: Db,
  policyId: number,
  prefix: string,
  query: { status?: BenefitStatus; q?: string },
  page: number,
  pageSize: number,
) {
  const [rows, total, byStatus] = await Promise.all([
    benefitRows(db, policyId, prefix, query.status, query.q)
      .select([...BENEFIT_COLUMNS])
      .orderBy('b.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    benefitRows(db, policyId, prefix, query.status, query.q)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
    benefitRows(db, policyId, prefix)
      .select([
        'b.status',
        sql<number>`count(*)::int`.as('n'),
        sql<string | null>`sum(b.amount)::text`.as('amount'),
      ])
      .groupBy('b.status')
      .execute(),
  ]);
  return { rows, total: total.n, byStatus };
}

/** The next entries of a policy's benefit list among the enterprises of a region subtree, by id. */
export function benefitsAfter(
  db: Db,
  policyId: number,
  prefix: string,
  status: BenefitStatus | undefined,
  after: number,
  limit: number,
) {
  return benefitRows(db, policyId, prefix, status)
    .select([...BENEFIT_COLUMNS])
    .where('b.id', '>', after)
    .orderBy('b.id')
    .limit(limit)
    .execute();
}

/** The enterprise of a benefit entry (its shard on Citus), found by the entry's id; undefined if there is none. */
export async function benefitEnterprise(db: Db, id: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('policy_benefits')
    .select('enterprise_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.enterprise_id;
}

/** An enterprise's benefit entry, locked for the transaction (by its whole key: one shard on Citus). */
export function lockBenefit(trx: Transaction<Database>, enterpriseId: number, id: number) {
  return trx
    .selectFrom('policy_benefits')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Records an enterprise's answer to a benefit sent to it, under the entry's next row version. */
export async function recordBenefitResponse(
  trx: Transaction<Database>,
  { enterpriseId, id }: { enterpriseId: number; id: number },
  answer: { status: 'confirmed' | 'declined'; respondedBy: number; note: string | null; rowVersion: number },
) {
  await trx
    .updateTable('policy_benefits')
    .set({
      status: answer.status,
      responded_at: new Date(),
      responded_by: answer.respondedBy,
      response_note: answer.note,
      row_version: answer.rowVersion,
    })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

/** A benefit entry with its enterprise's region and its version's titles, the entry locked for the transaction. */
export function lockBenefitForPayout(trx: Transaction<Database>, enterpriseId: number, id: number) {
  return trx
    .selectFrom('policy_benefits as b')
    .innerJoin(enterpriseCards(trx).as('e'), 'e.id', 'b.enterprise_id')
    .innerJoin('policy_versions as v', (join) =>
      join.onRef('v.policy_id', '=', 'b.policy_id').onRef('v.version', '=', 'b.version'),
    )
    .select([
      'b.id',
      'b.status',
      'b.row_version',
      'b.policy_id',
      'b.version',
      'b.enterprise_id',
      'b.listed_at',
      'e.region_code',
      'v.title_zh',
      'v.title_en',
    ])
    .where('b.enterprise_id', '=', enterpriseId)
    .where('b.id', '=', id)
    .forUpdate('b')
    .executeTakeFirst();
}

/** Records the payout of a benefit entry, under its next row version. */
export async function recordBenefitPaid(
  trx: Transaction<Database>,
  { enterpriseId, id }: { enterpriseId: number; id: number },
  payout: { amount: string; paidOn: string; recordedBy: number; rowVersion: number },
) {
  await trx
    .updateTable('policy_benefits')
    .set({
      status: 'paid',
      amount: payout.amount,
      paid_on: payout.paidOn,
      paid_recorded_by: payout.recordedBy,
      row_version: payout.rowVersion,
    })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

/** An enterprise's benefit entries past the list stage with their versions' titles and definitions, newest first. */
export function listBenefitsWithVersions(db: Db, enterpriseId: number) {
  return db
    .selectFrom('policy_benefits as b')
    .innerJoin('policy_versions as v', (join) =>
      join.onRef('v.policy_id', '=', 'b.policy_id').onRef('v.version', '=', 'b.version'),
    )
    .select([
      'b.id',
      'b.policy_id',
      'b.version',
      'b.status',
      'b.amount',
      'b.paid_on',
      'b.sent_at',
      'b.responded_at',
      'b.row_version',
      'v.title_zh',
      'v.title_en',
      'v.definition',
    ])
    .where('b.enterprise_id', '=', enterpriseId)
    .where('b.status', '<>', 'listed')
    .orderBy('b.id', 'desc')
    .execute();
}

/** A policy's confirmed and paid benefits among the enterprises of a region subtree, per county (with amounts). */
export async function countBenefitsByRegion(db: Db, policyId: number, prefix: string) {
  const { rows } = await sql<{ region_code: string; confirmed: number; paid: number; amount: string | null }>`
      select e.region_code,
        (count(*) filter (where b.status in ('confirmed', 'paid')))::int as confirmed,
        (count(*) filter (where b.status = 'paid'))::int as paid,
        sum(b.amount)::text as amount
      from policy_benefits b join ${enterpriseRegions()} e on e.id = b.enterprise_id
      where b.policy_id = ${policyId} and starts_with(e.region_code, ${prefix}) group by e.region_code`.execute(
    db,
  );
  return rows;
}
