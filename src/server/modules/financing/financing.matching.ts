/**
 * Which products a demand fits (issue 15). A demand is matched in process when it is posted, against the published
 * products compiled once into an index (financing.match.rules.ts; kept while the published set is unchanged); a
 * product published, changed or withdrawn queues the `financing-match` job, which matches every open demand against
 * it again; `{ all: true }` matches every open demand against every product (after a bulk load). Slices of demands,
 * their enterprises' facts read together, the pairs written set-based per slice. A bank's board shows a demand to the
 * banks with a product it fits, until the demand is widened.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enqueueJobs, JOB_KINDS, type JobHandler } from '../jobs/index.ts';
import type { EnterpriseFacts } from '../policies/index.ts';
import { loadEnterpriseFacts } from '../registry/index.ts';
import { compileProducts, type MatchOutcome, matchOne, type ProductIndex } from './financing.match.rules.ts';
import { fitProductOf } from './financing.products.ts';
import {
  type DemandRow,
  findProduct,
  type ProductRow,
  publishedProducts,
  replaceMatches,
} from './financing.repository.ts';
import type { FitDemand } from './financing.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const FINANCING_MATCH_JOB = JOB_KINDS.financingMatch;

export function fitDemandOf(
  row: Pick<DemandRow, 'amount' | 'term_months' | 'collateral' | 'max_rate'>,
): FitDemand {
  return {
    amount: row.amount,
    termMonths: row.term_months,
    collateral: row.collateral,
    maxRate: row.max_rate,
  };
}

/** The published products compiled for matching, kept while the published set is unchanged. */
let cached: { key: string; index: ProductIndex } | null = null;

/** The index of the published products (read again only when a product was published, changed or withdrawn). */
export async function publishedIndex(db: Db): Promise<ProductIndex> {
  const { rows } = await sql<{ key: string }>`
    select concat(count(*), '/', max(updated_at)::text, '/', max(id)) as key
    from loan_products where status = 'published'`.execute(db);
  const key = rows[0]?.key ?? '';
  if (cached?.key === key) return cached.index;
  const index = indexOf(await publishedProducts(db));
  cached = { key, index };
  return index;
}

/** Products compiled for matching. */
export function indexOf(products: readonly ProductRow[]): ProductIndex {
  return compileProducts(
    products.map((p) => ({ ...fitProductOf(p), id: p.id, institutionId: p.institution_id })),
  );
}

/** The products a demand fits (eligible) or misses by one condition (near). */
export function matchesOf(
  demand: FitDemand,
  facts: EnterpriseFacts,
  index: ProductIndex,
  today: string,
): MatchOutcome[] {
  return matchOne(index, demand, facts, today, { eligibleOnly: true });
}

/** Matches one demand against every published product and stores the answer (in the caller's transaction). */
export async function matchDemand(
  trx: Db,
  demand: DemandRow,
  facts: EnterpriseFacts,
  today: string,
): Promise<{ eligible: number }> {
  const matches = matchesOf(fitDemandOf(demand), facts, await publishedIndex(trx), today);
  await replaceMatches(trx, demand, matches);
  return { eligible: matches.length };
}

/** Queues the product's rematch (once while one is queued). */
export async function queueRematchOfProduct(trx: Db, productId: number, requestId: string | null) {
  await enqueueJobs(trx, [
    {
      kind: FINANCING_MATCH_JOB,
      payload: { productId },
      dedupeKey: `${FINANCING_MATCH_JOB}:${productId}`,
      requestId,
    },
  ]);
}

const SLICE = 5000;

/** Open demands in (enterprise_id, id) order after a key, a slice at a time, with what matching reads. */
async function demandSlice(db: Kysely<Database>, after: { enterpriseId: number; id: number }) {
  return db
    .selectFrom('financing_demands as d')
    .select(['d.enterprise_id', 'd.id', 'd.term_months', 'd.collateral', 'd.created_at'])
    .select([
      sql<string>`trim_scale(d.amount)::text`.as('amount'),
      sql<string | null>`trim_scale(d.max_rate)::text`.as('max_rate'),
    ])
    .where('d.state', 'in', ['open', 'in_progress'])
    .where(sql<boolean>`(d.enterprise_id, d.id) > (${after.enterpriseId}::bigint, ${after.id}::bigint)`)
    .orderBy('d.enterprise_id')
    .orderBy('d.id')
    .limit(SLICE)
    .execute();
}

/** Writes a slice's pairs: the old pairs of its demands (of one product, or of all) replaced, set-based. */
async function writeSlice(
  db: Kysely<Database>,
  demands: readonly { enterprise_id: number; id: number }[],
  pairs: readonly (MatchOutcome & { enterpriseId: number; demandId: number; createdAt: Date })[],
  productId: number | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`delete from financing_matches m
      using unnest(${sql.val(demands.map((d) => d.enterprise_id))}::bigint[],
        ${sql.val(demands.map((d) => d.id))}::bigint[]) as s(enterprise_id, demand_id)
      where m.enterprise_id = s.enterprise_id and m.demand_id = s.demand_id
        ${productId === null ? sql`` : sql`and m.product_id = ${productId}`}`.execute(trx);
    if (pairs.length > 0)
      await sql`insert into financing_matches (enterprise_id, demand_id, product_id, institution_id, demand_created_at)
        select * from unnest(${sql.val(pairs.map((p) => p.enterpriseId))}::bigint[],
          ${sql.val(pairs.map((p) => p.demandId))}::bigint[], ${sql.val(pairs.map((p) => p.productId))}::bigint[],
          ${sql.val(pairs.map((p) => p.institutionId))}::bigint[],
          ${sql.val(pairs.map((p) => p.createdAt.toISOString()))}::timestamptz[])`.execute(trx);
  });
}

/**
 * Matches every open demand against an index of products, slice by slice (each slice one transaction): with every
 * published product (`productId` null: all pairs replaced), or one product again (only its pairs replaced; a
 * withdrawn product's removed). Returns the pairs written.
 */
async function matchOpenDemands(
  db: Kysely<Database>,
  index: ProductIndex,
  productId: number | null,
  today: string,
  onProgress?: (done: number) => Promise<void> | void,
): Promise<{ demands: number; pairs: number }> {
  let after = { enterpriseId: 0, id: 0 };
  let demands = 0;
  let written = 0;
  for (;;) {
    const slice = await demandSlice(db, after);
    if (slice.length === 0) break;
    const last = slice[slice.length - 1] as { enterprise_id: number; id: number };
    after = { enterpriseId: last.enterprise_id, id: last.id };
    const facts = await loadEnterpriseFacts(db, [...new Set(slice.map((d) => d.enterprise_id))]);
    const pairs: (MatchOutcome & { enterpriseId: number; demandId: number; createdAt: Date })[] = [];
    for (const d of slice) {
      const f = facts.get(d.enterprise_id);
      if (!f) continue;
      for (const m of matchOne(index, fitDemandOf(d), f, today, { eligibleOnly: true }))
        pairs.push({ ...m, enterpriseId: d.enterprise_id, demandId: d.id, createdAt: d.created_at });
    }
    await writeSlice(db, slice, pairs, productId);
    demands += slice.length;
    written += pairs.length;
    await onProgress?.(demands);
    if (slice.length < SLICE) break;
  }
  return { demands, pairs: written };
}

/** Matches every open demand against one product again (its pairs replaced; a withdrawn product's removed). */
export async function rematchProduct(
  db: Kysely<Database>,
  productId: number,
  today: string,
): Promise<number> {
  const product = await findProduct(db, productId);
  if (!product) return 0;
  const index = indexOf(product.status === 'published' ? [product] : []);
  return (await matchOpenDemands(db, index, productId, today)).pairs;
}

/** Matches every open demand against every published product (after a bulk load; `financing-match` `{ all }`). */
export async function matchAllDemands(
  db: Kysely<Database>,
  today: string,
  onProgress?: (done: number) => Promise<void> | void,
): Promise<{ demands: number; pairs: number }> {
  return matchOpenDemands(db, indexOf(await publishedProducts(db)), null, today, onProgress);
}

/** The job's handler: `{ productId }` (one product again) or `{ all: true }` (everything). */
export function financingMatchHandler(today: () => string): JobHandler {
  return async (db, job, context) => {
    const payload = job.payload as { productId?: number; all?: boolean };
    if (payload.all) await matchAllDemands(db, today(), (done) => context.progress({ done }));
    else if (payload.productId !== undefined) await rematchProduct(db, payload.productId, today());
  };
}
