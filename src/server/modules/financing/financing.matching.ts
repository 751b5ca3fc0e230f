/**
 * Which products a demand fits (issue 15). A demand is matched in process when it is posted (every published
 * product's fit: region, amount, term, rate, collateral, the product's rule on the enterprise's facts); a product
 * published, changed or withdrawn queues the `financing-match` job, which matches every open demand against it
 * again. A bank's board shows a demand to the banks with a product it fits, until the demand is widened.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enqueueJobs, JOB_KINDS, type JobHandler } from '../jobs/index.ts';
import type { EnterpriseFacts } from '../policies/index.ts';
import { loadEnterpriseFacts } from '../registry/index.ts';
import { fitProductOf } from './financing.products.ts';
import {
  type DemandRow,
  findProduct,
  type ProductRow,
  publishedProducts,
  replaceMatches,
} from './financing.repository.ts';
import { type FitDemand, productFit } from './financing.rules.ts';

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

/** The products a demand fits (eligible) or misses by one condition (near), of those given. */
export function matchesOf(
  demand: FitDemand,
  facts: EnterpriseFacts,
  products: readonly ProductRow[],
  today: string,
): { productId: number; institutionId: number; outcome: 'eligible' | 'near' }[] {
  const out: { productId: number; institutionId: number; outcome: 'eligible' | 'near' }[] = [];
  for (const product of products) {
    const fit = productFit(fitProductOf(product), facts, demand, today);
    if (fit.outcome === 'eligible')
      out.push({ productId: product.id, institutionId: product.institution_id, outcome: 'eligible' });
    else if (fit.nearMiss)
      out.push({ productId: product.id, institutionId: product.institution_id, outcome: 'near' });
  }
  return out;
}

/** Matches one demand against every published product and stores the answer (in the caller's transaction). */
export async function matchDemand(
  trx: Db,
  demand: DemandRow,
  facts: EnterpriseFacts,
  today: string,
): Promise<{ eligible: number; near: number }> {
  const matches = matchesOf(fitDemandOf(demand), facts, await publishedProducts(trx), today);
  await replaceMatches(trx, demand.enterprise_id, demand.id, matches);
  return {
    eligible: matches.filter((m) => m.outcome === 'eligible').length,
    near: matches.filter((m) => m.outcome === 'near').length,
  };
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

const SLICE = 2000;

/**
 * Matches every open demand against one product again: pairs of the product are replaced slice by slice of
 * demands (each slice one transaction); a withdrawn product's pairs are removed.
 */
export async function rematchProduct(
  db: Kysely<Database>,
  productId: number,
  today: string,
): Promise<number> {
  const product = await findProduct(db, productId);
  if (!product) return 0;
  let after = { enterpriseId: 0, id: 0 };
  let written = 0;
  for (;;) {
    const full = await db
      .selectFrom('financing_demands as d')
      .select(['d.enterprise_id', 'd.id', 'd.term_months', 'd.collateral'])
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
    if (full.length === 0) break;
    const last = full[full.length - 1] as { enterprise_id: number; id: number };
    after = { enterpriseId: last.enterprise_id, id: last.id };
    const facts = await loadEnterpriseFacts(
      db,
      full.map((d) => d.enterprise_id),
    );
    const rows: Database['financing_matches'][] = [];
    if (product.status === 'published')
      for (const d of full) {
        const f = facts.get(d.enterprise_id);
        if (!f) continue;
        const fit = productFit(fitProductOf(product), f, fitDemandOf(d), today);
        const outcome = fit.outcome === 'eligible' ? 'eligible' : fit.nearMiss ? 'near' : null;
        if (outcome)
          rows.push({
            enterprise_id: d.enterprise_id,
            demand_id: d.id,
            product_id: productId,
            institution_id: product.institution_id,
            outcome,
          });
      }
    await db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('financing_matches')
        .where('product_id', '=', productId)
        .where('enterprise_id', 'in', [...new Set(full.map((d) => d.enterprise_id))])
        .where(
          'demand_id',
          'in',
          full.map((d) => d.id),
        )
        .execute();
      if (rows.length > 0) await trx.insertInto('financing_matches').values(rows).execute();
    });
    written += rows.length;
  }
  return written;
}

/** The job's handler. */
export function financingMatchHandler(today: () => string): JobHandler {
  return async (db, job) => {
    const { productId } = job.payload as { productId: number };
    await rematchProduct(db, productId, today());
  };
}
