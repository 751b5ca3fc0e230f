/**
 * The registry's roll-ups, kept by what changed (ADR 0026): `enterprise_counts` (county × industry division ×
 * status) and `size_stats` (year × standard × county × industry division × size). Every write of the registry
 * appends signed deltas in its own transaction: +1 in the cell a record now counts in, -1 in the cell it left.
 * Neither table has a key, so two batches written side by side never wait on each other's counts, and a batch
 * that commits is counted, whatever happens to the rest of its import. Readers sum; a compaction folds the
 * deltas into one row per cell. A rebuild from the records stays for data loaded around the registry's writes
 * (a benchmark's COPY) and as the reference the tests compare the deltas with.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The roll-ups and the columns of their cells. */
const ROLLUPS = {
  enterprise_counts: ['region_code', 'industry_code', 'status'],
  size_stats: ['year', 'standard', 'region_code', 'industry_code', 'size'],
} as const;

type Rollup = keyof typeof ROLLUPS;

/**
 * Folds a roll-up's deltas into one row per cell (after an import, which appends many). Safe beside writers and
 * beside another compaction: it deletes only rows it can see and re-inserts their sums, so a delta committed
 * meanwhile stays, and a row another compaction deleted first is skipped.
 */
export async function compactRollup(db: Db, table: Rollup): Promise<void> {
  const cell = sql.join(ROLLUPS[table].map((column) => sql.ref(column)));
  await sql`
    with gone as (delete from ${sql.table(table)} returning *)
    insert into ${sql.table(table)} (${cell}, enterprises)
    select ${cell}, sum(enterprises)::int from gone group by ${cell} having sum(enterprises) <> 0`.execute(
    db,
  );
}

/** Folds both roll-ups' deltas (at the end of an import). */
export async function compactRollups(db: Db): Promise<void> {
  await compactRollup(db, 'enterprise_counts');
  await compactRollup(db, 'size_stats');
}

/** Where an enterprise counts in the `enterprise_counts` roll-up. */
export interface EnterpriseCell {
  regionCode: string;
  industryCode: string;
  status: string;
}

/** Moves one enterprise from one cell of the `enterprise_counts` roll-up to another, in the caller's transaction. */
export async function moveEnterpriseCount(db: Db, from: EnterpriseCell, to: EnterpriseCell): Promise<void> {
  const cells = [
    { cell: from, n: -1 },
    { cell: to, n: 1 },
  ];
  await db
    .insertInto('enterprise_counts')
    .values(
      cells.map(({ cell, n }) => ({
        region_code: cell.regionCode,
        industry_code: cell.industryCode.slice(0, 3),
        status: cell.status,
        enterprises: n,
      })),
    )
    .execute();
}

/**
 * Recomputes the `enterprise_counts` roll-up from the enterprises (after a bulk load that bypassed the registry's
 * writes, such as a benchmark's COPY).
 */
export async function rebuildEnterpriseCounts(db: Db): Promise<void> {
  await sql`delete from enterprise_counts`.execute(db);
  await sql`
    insert into enterprise_counts (region_code, industry_code, status, enterprises)
    select region_code, left(industry_code, 3), status, count(*)::int from enterprises group by 1, 2, 3`.execute(
    db,
  );
}

const SEP = '\u0001';

/** One enterprise's size class for a year as the roll-up counts it. */
export interface CountedSize {
  year: number;
  standard: string;
  size: string;
}

/**
 * Signed counts of `size_stats` cells, summed before they are written: what one transaction moved. A cell is
 * the year, standard, county, industry division and size.
 */
export class SizeCounts {
  private readonly sums = new Map<string, number>();

  /** Counts `n` (±1) of a size class of an enterprise in a county and industry (the division is taken from it). */
  add(size: CountedSize, regionCode: string, industryCode: string, n: number): void {
    const key = [size.year, size.standard, regionCode, industryCode.slice(0, 3), size.size].join(SEP);
    this.sums.set(key, (this.sums.get(key) ?? 0) + n);
  }

  /** Counts each of an enterprise's sizes `n` times in one county and industry. */
  addAll(sizes: readonly CountedSize[], regionCode: string, industryCode: string, n: number): void {
    for (const size of sizes) this.add(size, regionCode, industryCode, n);
  }

  /** Appends the non-zero sums to `size_stats`, in the caller's transaction. */
  async write(db: Db): Promise<void> {
    const year: number[] = [];
    const standard: string[] = [];
    const region: string[] = [];
    const division: string[] = [];
    const size: string[] = [];
    const n: number[] = [];
    for (const [key, sum] of this.sums) {
      if (sum === 0) continue;
      const parts = key.split(SEP);
      year.push(Number(parts[0]));
      standard.push(parts[1] as string);
      region.push(parts[2] as string);
      division.push(parts[3] as string);
      size.push(parts[4] as string);
      n.push(sum);
    }
    this.sums.clear();
    if (n.length === 0) return;
    await sql`
      insert into size_stats (year, standard, region_code, industry_code, size, enterprises)
      select * from unnest(${year}::int2[], ${standard}::text[], ${region}::text[], ${division}::text[],
        ${size}::text[], ${n}::int4[])`.execute(db);
  }
}

/** The size classes stored for some enterprises (all years and standards), by enterprise. */
export async function countedSizes(db: Db, ids: readonly number[]): Promise<Map<number, CountedSize[]>> {
  const out = new Map<number, CountedSize[]>();
  if (ids.length === 0) return out;
  const { rows } = await sql<{ enterprise_id: number; year: number; standard: string; size: string }>`
    select enterprise_id, year, standard, size from enterprise_sizes
    where enterprise_id = any(${[...ids]}::int8[])`.execute(db);
  for (const r of rows) {
    const list = out.get(r.enterprise_id) ?? [];
    list.push({ year: r.year, standard: r.standard, size: r.size });
    out.set(r.enterprise_id, list);
  }
  return out;
}

/**
 * Recomputes the `size_stats` roll-up of the given years (all standards) from the stored size classes: after a
 * bulk load that bypassed the registry's writes (a benchmark's COPY, the demo's direct inserts), or to repair.
 * In the caller's transaction, or in one of its own.
 */
export async function rebuildSizeStats(db: Db, years: Iterable<number>): Promise<void> {
  const list = [...years];
  if (list.length === 0) return;
  if (!db.isTransaction) return db.transaction().execute((trx) => rebuildSizeStats(trx, list));
  // Two rebuilds at once would each delete the rows they see and insert the same counts twice: they take turns.
  await sql`select pg_advisory_xact_lock(hashtext('size_stats'))`.execute(db);
  await sql`delete from size_stats where year = any(${list}::int2[])`.execute(db);
  await sql`
    insert into size_stats (year, standard, region_code, industry_code, size, enterprises)
    select s.year, s.standard, e.region_code, left(e.industry_code, 3), s.size, count(*)::int
    from enterprise_sizes s join enterprises e on e.id = s.enterprise_id
    where s.year = any(${list}::int2[])
    group by s.year, s.standard, e.region_code, left(e.industry_code, 3), s.size`.execute(db);
}
