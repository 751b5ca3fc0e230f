/**
 * The SQL of the financing module's tables (issue 15). Money and rates are read as decimal text
 * (`trim_scale(x)::text`): the API carries them as strings and nothing passes through a float.
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DemandState, ResponseState } from './financing.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

const text = (column: string) => sql<string>`trim_scale(${sql.ref(column)})::text`;
const textOrNull = (column: string) => sql<string | null>`trim_scale(${sql.ref(column)})::text`;

// ---- settings ----

export interface SettingRow {
  key: string;
  region_code: string;
  effective_from: string;
  value: string;
  unit: string;
  basis: string;
  verified: boolean;
  updated_at: Date;
}

export async function settingRows(db: Db): Promise<SettingRow[]> {
  return db
    .selectFrom('financing_settings')
    .select(['key', 'region_code', 'effective_from', 'unit', 'basis', 'verified', 'updated_at'])
    .select(text('value').as('value'))
    .orderBy('key')
    .orderBy('region_code')
    .orderBy('effective_from')
    .execute();
}

export async function upsertSetting(
  db: Db,
  row: {
    key: string;
    region_code: string;
    effective_from: string;
    value: string;
    unit: SettingRow['unit'];
    basis: string;
    verified: boolean;
    updated_by: number;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('financing_settings')
    .values({ ...row, unit: row.unit as Database['financing_settings']['unit'] })
    .onConflict((oc) =>
      oc.columns(['key', 'region_code', 'effective_from']).doUpdateSet({
        value: row.value,
        basis: row.basis,
        verified: row.verified,
        updated_by: row.updated_by,
        updated_at: sql`now()`,
      }),
    )
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

// ---- products ----

export interface ProductRow {
  id: number;
  institution_id: number;
  name: string;
  kind: string;
  description: string;
  amount_min: string;
  amount_max: string;
  term_min_months: number;
  term_max_months: number;
  rate_min: string;
  rate_max: string;
  guarantee_fee_rate: string | null;
  regions: string[];
  rule: unknown;
  status: 'published' | 'withdrawn';
  version: number;
  created_at: Date;
  updated_at: Date;
}

function productSelect(db: Db) {
  return db
    .selectFrom('loan_products')
    .select([
      'id',
      'institution_id',
      'name',
      'kind',
      'description',
      'term_min_months',
      'term_max_months',
      'regions',
      'rule',
      'status',
      'version',
      'created_at',
      'updated_at',
    ])
    .select([
      text('amount_min').as('amount_min'),
      text('amount_max').as('amount_max'),
      text('rate_min').as('rate_min'),
      text('rate_max').as('rate_max'),
      textOrNull('guarantee_fee_rate').as('guarantee_fee_rate'),
    ]);
}

export interface ProductValues {
  name: string;
  kind: string;
  description: string;
  amount_min: string;
  amount_max: string;
  term_min_months: number;
  term_max_months: number;
  rate_min: string;
  rate_max: string;
  guarantee_fee_rate: string | null;
  regions: string[];
  rule: unknown;
}

export async function insertProduct(
  db: Db,
  institutionId: number,
  values: ProductValues,
  userId: number,
): Promise<number> {
  const row = await db
    .insertInto('loan_products')
    .values({
      ...values,
      rule: values.rule === null ? null : JSON.stringify(values.rule),
      institution_id: institutionId,
      status: 'published',
      created_by: userId,
      updated_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a product if it is still at `version`; false when someone changed it first. */
export async function updateProduct(
  db: Db,
  id: number,
  version: number,
  values: Partial<ProductValues> & { status?: 'published' | 'withdrawn' },
  userId: number,
): Promise<boolean> {
  const { rule, ...rest } = values;
  const result = await db
    .updateTable('loan_products')
    .set({
      ...rest,
      ...(rule !== undefined ? { rule: rule === null ? null : JSON.stringify(rule) } : {}),
      version: sql`version + 1`,
      updated_by: userId,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findProduct(db: Db, id: number): Promise<ProductRow | undefined> {
  return productSelect(db).where('id', '=', id).executeTakeFirst() as Promise<ProductRow | undefined>;
}

export async function findProducts(db: Db, ids: readonly number[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return productSelect(db)
    .where('id', 'in', [...new Set(ids)])
    .execute() as Promise<ProductRow[]>;
}

/** A page of products: an institution's own (every status), or the published ones (optionally of a kind). */
export async function productsPage(
  db: Db,
  filter: { institutionId?: number; status?: 'published' | 'withdrawn'; kind?: string; q?: string },
  page: number,
  pageSize: number,
): Promise<{ rows: ProductRow[]; total: number }> {
  let query = db.selectFrom('loan_products');
  if (filter.institutionId !== undefined) query = query.where('institution_id', '=', filter.institutionId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.q) query = query.where('name', 'ilike', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const ids = query.select('id');
  const [rows, count] = await Promise.all([
    productSelect(db)
      .where('id', 'in', ids)
      .orderBy('status', 'asc')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ProductRow[], total: Number(count.n) };
}

/** Every published product (the in-process matcher's input; products are few, a reference table). */
export async function publishedProducts(db: Db): Promise<ProductRow[]> {
  return productSelect(db).where('status', '=', 'published').orderBy('id').execute() as Promise<ProductRow[]>;
}

/** The institutions whose published products serve a region, with how many products do. */
export async function institutionsServing(
  db: Db,
  regionCode: string,
): Promise<{ id: number; products: number }[]> {
  const prefixes = [regionCode.slice(0, 2), regionCode.slice(0, 4), regionCode];
  const { rows } = await sql<{ id: number; products: number }>`
    select institution_id as id, count(*)::int as products from loan_products
    where status = 'published' and exists (select 1 from unnest(regions) r
      where r in (${sql.join(prefixes.map((p) => sql`${p.padEnd(6, '0')}`))}) or r = ${regionCode})
    group by institution_id order by institution_id`.execute(db);
  return rows;
}

/** The region codes an institution's published products serve. */
export async function servedRegions(db: Db, institutionId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('loan_products')
    .select(sql<string>`unnest(regions)`.as('code'))
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'published')
    .execute();
  return [...new Set(rows.map((r) => r.code))].sort();
}

// ---- demands ----

export interface DemandRow {
  enterprise_id: number;
  id: number;
  amount: string;
  term_months: number;
  purposes: string[];
  description: string;
  collateral: string[];
  max_rate: string | null;
  show_profile: boolean;
  exclusive: boolean;
  product_id: number | null;
  state: DemandState;
  region_code: string;
  industry_code: string | null;
  size_class: string | null;
  established_on: string | null;
  grade: string | null;
  posted_on: string;
  pickup_due: string;
  widened: boolean;
  escalated_at: Date | null;
  referred: boolean;
  created_at: Date;
  closed_at: Date | null;
  version: number;
  receivable_id: number | null;
}

const DEMAND_COLUMNS = [
  'd.enterprise_id',
  'd.id',
  'd.term_months',
  'd.purposes',
  'd.description',
  'd.collateral',
  'd.show_profile',
  'd.exclusive',
  'd.product_id',
  'd.state',
  'd.region_code',
  'd.industry_code',
  'd.size_class',
  'd.established_on',
  'd.grade',
  'd.posted_on',
  'd.pickup_due',
  'd.widened',
  'd.escalated_at',
  'd.referred',
  'd.created_at',
  'd.closed_at',
  'd.version',
  'd.receivable_id',
] as const;

function demandSelect(db: Db) {
  return db
    .selectFrom('financing_demands as d')
    .select(DEMAND_COLUMNS)
    .select([text('d.amount').as('amount'), textOrNull('d.max_rate').as('max_rate')]);
}

/** A new demand's columns: the row without what the database or later changes fill in. */
export type NewDemand = Omit<
  DemandRow,
  'id' | 'escalated_at' | 'referred' | 'created_at' | 'closed_at' | 'version' | 'receivable_id'
> & { created_by: number; receivable_id?: number | null };

export async function insertDemand(db: Db, values: NewDemand): Promise<number> {
  const row = await db
    .insertInto('financing_demands')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One demand; `lock` takes its row for the transaction (a pickup, a withdrawal, a decision). */
export async function findDemand(
  db: Db,
  enterpriseId: number,
  id: number,
  lock = false,
): Promise<DemandRow | undefined> {
  let query = demandSelect(db).where('d.enterprise_id', '=', enterpriseId).where('d.id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst() as Promise<DemandRow | undefined>;
}

export async function updateDemand(
  db: Db,
  enterpriseId: number,
  id: number,
  set: Partial<{
    state: DemandState;
    widened: boolean;
    escalated_at: Date | null;
    referred: boolean;
    closed_at: Date | null;
    pickup_due: string;
  }>,
): Promise<void> {
  await db
    .updateTable('financing_demands')
    .set({ ...set, version: sql`version + 1` })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

/** A page of an enterprise's demands, newest first. */
export async function demandsOfEnterprise(
  db: Db,
  enterpriseId: number,
  filter: { state?: DemandState },
  page: number,
  pageSize: number,
): Promise<{ rows: DemandRow[]; total: number }> {
  let base = db.selectFrom('financing_demands as d').where('d.enterprise_id', '=', enterpriseId);
  if (filter.state) base = base.where('d.state', '=', filter.state);
  const [rows, count] = await Promise.all([
    demandSelect(db)
      .where('d.enterprise_id', '=', enterpriseId)
      .$if(filter.state !== undefined, (q) => q.where('d.state', '=', filter.state as DemandState))
      .orderBy('d.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as DemandRow[], total: Number(count.n) };
}

/** Region prefixes as one condition on a column (`col like any(array['44%', …])`). */
export function regionPrefixCondition(column: string, prefixes: readonly string[]): RawBuilder<boolean> {
  if (prefixes.length === 0) return sql<boolean>`false`;
  const patterns = prefixes.map((p) => `${p}%`);
  return sql<boolean>`${sql.ref(column)} like any(${sql.val(patterns)}::text[])`;
}

export type BoardView = 'available' | 'mine';

/** A board's row: the demand, the bank's response (mine), and where the next page starts (mine: the pickup). */
type BoardRow = DemandRow & {
  response_id: number | null;
  response_state: ResponseState | null;
  cursor_at?: Date;
  cursor_id?: number;
};

/** Whether a row of a board's source comes before a keyset position (newest first: created_at, then id). */
const beforeKey = (row: { created_at: Date; id: number }, key: { createdAt: string; id: number }) =>
  row.created_at.getTime() < Date.parse(key.createdAt) ||
  (row.created_at.getTime() === Date.parse(key.createdAt) && row.id < key.id);

/**
 * What keeps an available demand on a bank's board: open, or in progress with room (not exclusive, fewer than three
 * banks on it); not yet answered by the bank; made to no product, or widened, or made to one of the bank's.
 */
function availableTo(institutionId: number) {
  return sql<boolean>`(d.state = 'open' or (d.state = 'in_progress' and not d.exclusive
      and (select count(*) from financing_responses r where r.enterprise_id = d.enterprise_id and r.demand_id = d.id
        and r.state in ('picked_up', 'contacted', 'visited')) < 3))
    and not exists (select 1 from financing_responses r where r.enterprise_id = d.enterprise_id
      and r.demand_id = d.id and r.institution_id = ${institutionId})
    and (d.product_id is null or d.widened
      or exists (select 1 from loan_products p where p.id = d.product_id and p.institution_id = ${institutionId}))`;
}

/**
 * A bank's demand board. `available`: the demands shown to it, newest first — read from three sources, each in the
 * order of an index and stopped at a page: its matches (a product of its fits the demand), the widened demands of the
 * regions it serves, and the demands made to its products; merged, deduplicated and filtered (`availableTo`).
 * `mine`: the demands it picked up, by response state. Keyset pages.
 */
export async function boardPage(
  db: Db,
  institutionId: number,
  prefixes: readonly string[],
  filter: {
    view: BoardView;
    responseState?: ResponseState;
    regionPrefix?: string;
    before?: { createdAt: string; id: number };
  },
  pageSize: number,
): Promise<BoardRow[]> {
  const keysetAt = (column: string, idColumn: string, key: { createdAt: string; id: number } | undefined) =>
    key
      ? sql<boolean>`(${sql.ref(column)}, ${sql.ref(idColumn)}) < (${key.createdAt}::timestamptz, ${key.id}::bigint)`
      : sql<boolean>`true`;
  const keyset = (column: string, idColumn: string) => keysetAt(column, idColumn, filter.before);
  const region = filter.regionPrefix
    ? sql<boolean>`d.region_code like ${`${filter.regionPrefix}%`}`
    : sql<boolean>`true`;
  if (filter.view === 'mine') {
    // Its answers, latest pickup first (the responses' index by institution), keyset on the pickup.
    return demandSelect(db)
      .innerJoin('financing_responses as r', (join) =>
        join.onRef('r.enterprise_id', '=', 'd.enterprise_id').onRef('r.demand_id', '=', 'd.id'),
      )
      .select([
        'r.id as response_id',
        'r.state as response_state',
        'r.picked_up_at as cursor_at',
        'r.id as cursor_id',
      ])
      .where('r.institution_id', '=', institutionId)
      .$if(filter.responseState !== undefined, (q) =>
        q.where('r.state', '=', filter.responseState as ResponseState),
      )
      .where(region)
      .where(keyset('r.picked_up_at', 'r.id'))
      .orderBy('r.picked_up_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(pageSize)
      .execute() as Promise<BoardRow[]>;
  }
  const nothing = sql<null>`null`;
  const limit = pageSize * 4;
  // Its matches, in the board index's order; several of its products may fit one demand, so it reads on until it
  // has a page of distinct demands or runs out.
  const fromMatches = async (): Promise<BoardRow[]> => {
    const rows: BoardRow[] = [];
    const distinct = new Set<number>();
    let key = filter.before;
    for (;;) {
      const batch = (await demandSelect(db)
        .select([nothing.as('response_id'), nothing.as('response_state')])
        .innerJoin('financing_matches as m', (join) =>
          join.onRef('m.enterprise_id', '=', 'd.enterprise_id').onRef('m.demand_id', '=', 'd.id'),
        )
        .where('m.institution_id', '=', institutionId)
        .where(keysetAt('m.demand_created_at', 'm.demand_id', key))
        .where(availableTo(institutionId))
        .where(region)
        .orderBy('m.demand_created_at', 'desc')
        .orderBy('m.demand_id', 'desc')
        .limit(limit)
        .execute()) as BoardRow[];
      for (const row of batch) {
        distinct.add(row.id);
        rows.push(row);
      }
      const last = batch[batch.length - 1];
      if (distinct.size >= pageSize || batch.length < limit || !last) return rows;
      key = { createdAt: last.created_at.toISOString(), id: last.id };
    }
  };
  const others = [
    // Widened demands of its regions.
    demandSelect(db)
      .where('d.widened', '=', true)
      .where('d.state', 'in', ['open', 'in_progress'])
      .where(regionPrefixCondition('d.region_code', prefixes))
      .where(keyset('d.created_at', 'd.id'))
      .where(availableTo(institutionId))
      .where(region)
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc'),
    // Demands made to its products.
    demandSelect(db)
      .where(
        'd.product_id',
        'in',
        db.selectFrom('loan_products').select('id').where('institution_id', '=', institutionId),
      )
      .where('d.state', 'in', ['open', 'in_progress'])
      .where(keyset('d.created_at', 'd.id'))
      .where(availableTo(institutionId))
      .where(region)
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc'),
  ];
  const batches = await Promise.all([
    fromMatches(),
    ...others.map((q) =>
      q
        .select([nothing.as('response_id'), nothing.as('response_state')])
        .limit(pageSize)
        .execute(),
    ),
  ]);
  const seen = new Set<string>();
  const merged: BoardRow[] = [];
  for (const row of (batches.flat() as BoardRow[]).sort(
    (a, b) => b.created_at.getTime() - a.created_at.getTime() || b.id - a.id,
  )) {
    const key = `${row.enterprise_id}/${row.id}`;
    if (seen.has(key)) continue;
    if (filter.before && !beforeKey(row, filter.before)) continue;
    seen.add(key);
    merged.push(row);
    if (merged.length === pageSize) break;
  }
  return merged;
}

// ---- responses ----

export interface ResponseRow {
  enterprise_id: number;
  id: number;
  demand_id: number;
  institution_id: number;
  state: ResponseState;
  region_code: string;
  product_kind: string | null;
  picked_up_at: Date;
  picked_up_on: string;
  contact_due: string;
  decision_due: string;
  contacted_at: Date | null;
  visited_at: Date | null;
  decided_at: Date | null;
  granted_amount: string | null;
  granted_rate: string | null;
  granted_term_months: number | null;
  security: 'credit' | 'secured' | null;
  first_loan: boolean | null;
  decline_reason: string | null;
  decline_text: string | null;
  disbursed_at: Date | null;
  disbursed_amount: string | null;
  closed_at: Date | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
  profile_shown: boolean;
  version: number;
}

function responseSelect(db: Db) {
  return db
    .selectFrom('financing_responses as r')
    .select([
      'r.enterprise_id',
      'r.id',
      'r.demand_id',
      'r.institution_id',
      'r.state',
      'r.region_code',
      'r.product_kind',
      'r.picked_up_at',
      'r.picked_up_on',
      'r.contact_due',
      'r.decision_due',
      'r.contacted_at',
      'r.visited_at',
      'r.decided_at',
      'r.granted_term_months',
      'r.security',
      'r.first_loan',
      'r.decline_reason',
      'r.decline_text',
      'r.disbursed_at',
      'r.closed_at',
      'r.rating',
      'r.rating_comment',
      'r.rated_at',
      'r.profile_shown',
      'r.version',
    ])
    .select([
      textOrNull('r.granted_amount').as('granted_amount'),
      textOrNull('r.granted_rate').as('granted_rate'),
      textOrNull('r.disbursed_amount').as('disbursed_amount'),
    ]);
}

export async function responsesOfDemand(
  db: Db,
  enterpriseId: number,
  demandId: number,
): Promise<ResponseRow[]> {
  return responseSelect(db)
    .where('r.enterprise_id', '=', enterpriseId)
    .where('r.demand_id', '=', demandId)
    .orderBy('r.id')
    .execute() as Promise<ResponseRow[]>;
}

/** The responses of several demands, in one read. */
export async function responsesOfDemands(
  db: Db,
  demands: readonly { enterprise_id: number; id: number }[],
): Promise<ResponseRow[]> {
  if (demands.length === 0) return [];
  return responseSelect(db)
    .where(
      sql<boolean>`(r.enterprise_id, r.demand_id) in (select * from unnest(${sql.val(demands.map((d) => d.enterprise_id))}::bigint[],
        ${sql.val(demands.map((d) => d.id))}::bigint[]))`,
    )
    .orderBy('r.id')
    .execute() as Promise<ResponseRow[]>;
}

/** The largest amount a published product lends (null: none published). */
export async function largestProductAmount(db: Db): Promise<string | null> {
  const { rows } = await sql<{ max: string | null }>`
    select trim_scale(max(amount_max))::text as max from loan_products where status = 'published'`.execute(
    db,
  );
  return rows[0]?.max ?? null;
}

export async function findResponse(
  db: Db,
  enterpriseId: number,
  id: number,
  lock = false,
): Promise<ResponseRow | undefined> {
  let query = responseSelect(db).where('r.enterprise_id', '=', enterpriseId).where('r.id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst() as Promise<ResponseRow | undefined>;
}

export async function insertResponse(
  db: Db,
  values: {
    enterprise_id: number;
    demand_id: number;
    institution_id: number;
    region_code: string;
    product_kind: string | null;
    picked_up_by: number;
    picked_up_at: Date;
    picked_up_on: string;
    contact_due: string;
    decision_due: string;
    profile_shown: boolean;
  },
): Promise<number> {
  const row = await db
    .insertInto('financing_responses')
    .values({ ...values, state: 'picked_up' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateResponse(
  db: Db,
  enterpriseId: number,
  id: number,
  set: Partial<{
    state: ResponseState;
    contacted_at: Date;
    visited_at: Date;
    decided_at: Date;
    granted_amount: string;
    granted_rate: string;
    granted_term_months: number;
    security: 'credit' | 'secured';
    first_loan: boolean;
    decline_reason: string;
    decline_text: string;
    disbursed_at: Date;
    disbursed_amount: string;
    closed_at: Date;
    rating: number;
    rating_comment: string | null;
    rated_at: Date;
    profile_shown: boolean;
  }>,
): Promise<void> {
  await db
    .updateTable('financing_responses')
    .set({ ...set, version: sql`version + 1` })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

// ---- events ----

export async function insertEvent(
  db: Db,
  event: {
    enterprise_id: number;
    demand_id: number;
    response_id?: number | null;
    institution_id?: number | null;
    kind: string;
    actor_role: string;
    actor_id: number | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('financing_events')
    .values({
      ...event,
      response_id: event.response_id ?? null,
      institution_id: event.institution_id ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

export async function eventsOfDemand(db: Db, enterpriseId: number, demandId: number) {
  return db
    .selectFrom('financing_events')
    .select(['id', 'response_id', 'institution_id', 'kind', 'actor_role', 'detail', 'at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('demand_id', '=', demandId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

// ---- matches ----

/** Replaces a demand's matches with the products it fits. */
export async function replaceMatches(
  db: Db,
  demand: { enterprise_id: number; id: number; created_at: Date },
  matches: readonly { productId: number; institutionId: number }[],
): Promise<void> {
  await db
    .deleteFrom('financing_matches')
    .where('enterprise_id', '=', demand.enterprise_id)
    .where('demand_id', '=', demand.id)
    .execute();
  if (matches.length === 0) return;
  await db
    .insertInto('financing_matches')
    .values(
      matches.map((m) => ({
        enterprise_id: demand.enterprise_id,
        demand_id: demand.id,
        product_id: m.productId,
        institution_id: m.institutionId,
        demand_created_at: demand.created_at,
      })),
    )
    .execute();
}

// ---- the officials' desk ----

/** Open demands in a region: waiting for pickup (escalated first, then by due day). */
export async function waitingDemands(
  db: Db,
  prefix: string,
  filter: { escalated?: boolean },
  page: number,
  pageSize: number,
): Promise<{ rows: DemandRow[]; total: number }> {
  const where = (q: ReturnType<typeof demandSelect>) =>
    q
      .where('d.state', '=', 'open')
      .where('d.region_code', 'like', `${prefix}%`)
      .$if(filter.escalated !== undefined, (x) =>
        x.where('d.escalated_at', filter.escalated ? 'is not' : 'is', null),
      );
  const [rows, count] = await Promise.all([
    where(demandSelect(db))
      .orderBy(sql`d.escalated_at is null`)
      .orderBy('d.pickup_due')
      .orderBy('d.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('financing_demands as d')
      .where('d.state', '=', 'open')
      .where('d.region_code', 'like', `${prefix}%`)
      .$if(filter.escalated !== undefined, (x) =>
        x.where('d.escalated_at', filter.escalated ? 'is not' : 'is', null),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as DemandRow[], total: Number(count.n) };
}

/** Responses in a region past a deadline on a day: not contacted by the contact day, or undecided past 30 days. */
export async function lateResponses(
  db: Db,
  prefix: string,
  today: string,
  page: number,
  pageSize: number,
): Promise<{ rows: ResponseRow[]; total: number }> {
  const late = sql<boolean>`((r.state = 'picked_up' and r.contact_due < ${today}::date)
    or (r.state in ('picked_up', 'contacted', 'visited') and r.decision_due < ${today}::date))`;
  const [rows, count] = await Promise.all([
    responseSelect(db)
      .where('r.region_code', 'like', `${prefix}%`)
      .where(late)
      .orderBy('r.contact_due')
      .orderBy('r.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('financing_responses as r')
      .where('r.region_code', 'like', `${prefix}%`)
      .where(late)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ResponseRow[], total: Number(count.n) };
}

/**
 * Open responses past a deadline whose bank has not been told of that deadline yet (the daily run's work): not
 * contacted by the contact day, or undecided past the decision day, told on a day not after that deadline.
 */
export async function responsesToTellLate(db: Db, today: string, limit: number) {
  const { rows } = await sql<{
    enterprise_id: number;
    id: number;
    demand_id: number;
    institution_id: number;
    missed: 'contact' | 'decision';
    due: string;
  }>`
    select enterprise_id, id, demand_id, institution_id,
      case when decision_due < ${today}::date then 'decision' else 'contact' end as missed,
      (case when decision_due < ${today}::date then decision_due else contact_due end)::text as due
    from financing_responses
    where state in ('picked_up', 'contacted', 'visited')
      and ((state = 'picked_up' and contact_due < ${today}::date
          and (late_notified_on is null or late_notified_on <= contact_due))
        or (decision_due < ${today}::date and (late_notified_on is null or late_notified_on <= decision_due)))
    order by enterprise_id, id
    limit ${limit}`.execute(db);
  return rows;
}

/** Marks the day a bank was told a response is late, leaving its version (the bank's open form stays valid). */
export async function markResponseLateTold(
  db: Db,
  enterpriseId: number,
  id: number,
  day: string,
): Promise<void> {
  await db
    .updateTable('financing_responses')
    .set({ late_notified_on: day })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

/** Open demands nobody picked up by their due day, not yet escalated (the daily run's work), oldest first. */
export async function demandsToEscalate(db: Db, today: string, limit: number): Promise<DemandRow[]> {
  return demandSelect(db)
    .where('d.state', '=', 'open')
    .where('d.escalated_at', 'is', null)
    .where('d.pickup_due', '<', today)
    .orderBy('d.pickup_due')
    .orderBy('d.id')
    .limit(limit)
    .execute() as Promise<DemandRow[]>;
}

/** A bank's own figures: its responses by state, contacts on time, ratings. */
export async function bankPerformance(db: Db, institutionId: number, today: string) {
  const { rows } = await sql<{
    picked_up: number;
    active: number;
    granted: number;
    declined: number;
    released: number;
    disbursed: number;
    contacted_on_time: number;
    contacted: number;
    late_now: number;
    granted_amount: string | null;
    rated: number;
    rating_avg: string | null;
    first_loans: number;
    credit_loans: number;
  }>`
    select count(*)::int as picked_up,
      count(*) filter (where state in ('picked_up', 'contacted', 'visited'))::int as active,
      count(*) filter (where state in ('granted', 'disbursed'))::int as granted,
      count(*) filter (where state = 'declined')::int as declined,
      count(*) filter (where state = 'released')::int as released,
      count(*) filter (where state = 'disbursed')::int as disbursed,
      count(*) filter (where contacted_at is not null
        and (contacted_at at time zone 'Asia/Shanghai')::date <= contact_due)::int as contacted_on_time,
      count(*) filter (where contacted_at is not null)::int as contacted,
      count(*) filter (where (state = 'picked_up' and contact_due < ${today}::date)
        or (state in ('picked_up', 'contacted', 'visited') and decision_due < ${today}::date))::int as late_now,
      trim_scale(sum(granted_amount) filter (where state in ('granted', 'disbursed')))::text as granted_amount,
      count(rating)::int as rated,
      trim_scale(round(avg(rating), 2))::text as rating_avg,
      count(*) filter (where first_loan and state in ('granted', 'disbursed'))::int as first_loans,
      count(*) filter (where security = 'credit' and state in ('granted', 'disbursed'))::int as credit_loans
    from financing_responses where institution_id = ${institutionId}`.execute(db);
  return rows[0];
}
