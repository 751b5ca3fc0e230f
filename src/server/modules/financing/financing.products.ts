/**
 * Loan products (issue 15): a bank publishes, changes and withdraws its own (audited); an enterprise browses the
 * published ones serving its region, each with whether it qualifies and why, or what it misses by one condition.
 * The same fit decides which products an enterprise's demand is shown against (financing.matching.ts).
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { ProductBody, PutProductBody } from '../../../shared/api/financing.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { appendAudit } from '../audit/index.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import type { Rule } from '../policies/index.ts';
import { loadEnterpriseFacts } from '../registry/index.ts';
import { queueRematchOfProduct } from './financing.matching.ts';
import {
  findProduct,
  insertProduct,
  institutionsServing,
  type ProductRow,
  type ProductValues,
  productsPage,
  publishedProducts,
  updateProduct,
} from './financing.repository.ts';
import {
  checkProduct,
  type FinancingSettings,
  type FitProduct,
  feeAboveGuide,
  normalDecimal,
  productFit,
  servedPrefixes,
} from './financing.rules.ts';
import { financingSettingsOn } from './financing.settings.ts';

type Db = Kysely<Database>;

/** The institution of a bank user; FORBIDDEN for anyone else. */
export function requireInstitution(actor: Actor): number {
  if (actor.role !== 'bank' || actor.institutionId === null) throw new AppError('FORBIDDEN');
  return actor.institutionId;
}

export function productView(row: ProductRow, institutionName: string, settings: FinancingSettings) {
  return {
    id: row.id,
    institutionId: row.institution_id,
    institutionName,
    name: row.name,
    kind: row.kind as Static<typeof ProductBody>['kind'],
    description: row.description,
    amountMin: row.amount_min,
    amountMax: row.amount_max,
    termMinMonths: row.term_min_months,
    termMaxMonths: row.term_max_months,
    rateMin: row.rate_min,
    rateMax: row.rate_max,
    guaranteeFeeRate: row.guarantee_fee_rate,
    feeAboveGuide: feeAboveGuide(row.guarantee_fee_rate, settings),
    regions: row.regions,
    rule: row.rule ?? null,
    status: row.status,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}
export type ProductView = ReturnType<typeof productView>;

export async function productViews(
  db: Db | Parameters<typeof findInstitutionNames>[0],
  rows: ProductRow[],
  settings: FinancingSettings,
) {
  const names = await findInstitutionNames(
    db,
    rows.map((r) => r.institution_id),
  );
  return rows.map((r) => productView(r, names.get(r.institution_id) ?? '', settings));
}

/** A product row as the fit reads it. */
export function fitProductOf(row: ProductRow): FitProduct {
  return {
    kind: row.kind,
    amountMin: row.amount_min,
    amountMax: row.amount_max,
    termMinMonths: row.term_min_months,
    termMaxMonths: row.term_max_months,
    rateMin: row.rate_min,
    regions: row.regions,
    rule: (row.rule ?? null) as Rule | null,
  };
}

function valuesOf(body: Static<typeof ProductBody>): ProductValues {
  const problems = checkProduct(body);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  return {
    name: body.name.trim(),
    kind: body.kind,
    description: (body.description ?? '').trim(),
    amount_min: normalDecimal(body.amountMin),
    amount_max: normalDecimal(body.amountMax),
    term_min_months: body.termMinMonths,
    term_max_months: body.termMaxMonths,
    rate_min: normalDecimal(body.rateMin),
    rate_max: normalDecimal(body.rateMax),
    guarantee_fee_rate:
      body.guaranteeFeeRate === undefined || body.guaranteeFeeRate === null
        ? null
        : normalDecimal(body.guaranteeFeeRate),
    regions: [...new Set(body.regions)],
    rule: body.rule ?? null,
  };
}

async function audit(
  trx: Parameters<typeof appendAudit>[0],
  caller: Caller,
  actor: Actor,
  action: 'published' | 'changed' | 'withdrawn',
  productId: number,
  summary: Record<string, unknown>,
) {
  await appendAudit(
    trx,
    { userId: actor.userId, role: actor.role },
    {
      action: `financing.product_${action}`,
      targetType: 'loan_product',
      targetId: productId,
      requestId: caller.requestId,
      summary,
    },
  );
}

/** A bank publishes a product (checked first: ranges, regions, the rule). */
export async function createProduct(db: Db, caller: Caller, body: Static<typeof ProductBody>, today: string) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  const values = valuesOf(body);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertProduct(trx, institutionId, values, actor.userId);
    await audit(trx, caller, actor, 'published', id, {
      ...values,
      rule: values.rule === null ? null : 'set',
    });
    await queueRematchOfProduct(trx, id, caller.requestId);
    return id;
  });
  return oneProduct(db, id, today);
}

async function ownProduct(db: Db | Parameters<typeof findProduct>[0], institutionId: number, id: number) {
  const row = await findProduct(db, id);
  // Another bank's product is "not found", as its consents are.
  if (!row || row.institution_id !== institutionId) throw new AppError('NOT_FOUND');
  return row;
}

/** A bank changes its product at the version it read; the demands it fits are matched again. */
export async function changeProduct(
  db: Db,
  caller: Caller,
  id: number,
  body: Static<typeof PutProductBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  const { version, ...rest } = body;
  const values = valuesOf(rest);
  await db.transaction().execute(async (trx) => {
    const row = await ownProduct(trx, institutionId, id);
    if (row.status !== 'published')
      throw new AppError('CONFLICT', [], {
        zh: '已下架的产品不能修改',
        en: 'A withdrawn product cannot be changed',
      });
    if (!(await updateProduct(trx, id, version, values, actor.userId))) throw new AppError('CONFLICT');
    await audit(trx, caller, actor, 'changed', id, { ...values, rule: values.rule === null ? null : 'set' });
    await queueRematchOfProduct(trx, id, caller.requestId);
  });
  return oneProduct(db, id, today);
}

/** A bank withdraws its product: no longer offered; demands already made to it stay with the bank. */
export async function withdrawProduct(db: Db, caller: Caller, id: number, version: number, today: string) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  await db.transaction().execute(async (trx) => {
    const row = await ownProduct(trx, institutionId, id);
    if (row.status !== 'published')
      throw new AppError('CONFLICT', [], { zh: '该产品已下架', en: 'The product is already withdrawn' });
    if (!(await updateProduct(trx, id, version, { status: 'withdrawn' }, actor.userId)))
      throw new AppError('CONFLICT');
    await audit(trx, caller, actor, 'withdrawn', id, { name: row.name });
    await queueRematchOfProduct(trx, id, caller.requestId);
  });
  return oneProduct(db, id, today);
}

export async function oneProduct(db: Db, id: number, today: string) {
  const row = await findProduct(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const settings = await financingSettingsOn(db, '', today);
  const [view] = await productViews(db, [row], settings);
  return view as ProductView;
}

/** A bank's own product (any status). */
export async function bankProduct(db: Db, caller: Caller, id: number, today: string) {
  const institutionId = requireInstitution(requireActor(caller));
  await ownProduct(db, institutionId, id);
  return oneProduct(db, id, today);
}

/** A page of the bank's own products. */
export async function bankProducts(
  db: Db,
  caller: Caller,
  query: { page?: number; pageSize?: number; status?: 'published' | 'withdrawn'; kind?: string; q?: string },
  today: string,
) {
  const institutionId = requireInstitution(requireActor(caller));
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await productsPage(db, { ...query, institutionId }, page, pageSize);
  const settings = await financingSettingsOn(db, '', today);
  return { items: await productViews(db, rows, settings), total, page, pageSize };
}

/**
 * The published products serving the enterprise's region, each with its fit to the enterprise (no demand yet):
 * eligible first, then near misses, then the rest; `outcome` narrows to eligible or near misses.
 */
export async function myProducts(
  db: Db,
  caller: Caller,
  query: { page?: number; pageSize?: number; kind?: string; outcome?: 'eligible' | 'near' | 'all' },
  today: string,
) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!facts) throw new AppError('NOT_FOUND');
  const region = facts.regionCode ?? '';
  const products = (await publishedProducts(db)).filter(
    (p) =>
      (!query.kind || p.kind === query.kind) && servedPrefixes(p.regions).some((x) => region.startsWith(x)),
  );
  const rank = (fit: ReturnType<typeof productFit>) =>
    fit.outcome === 'eligible' ? 0 : fit.nearMiss ? 1 : fit.outcome === 'unknown' ? 2 : 3;
  let fitted = products
    .map((row) => ({ row, fit: productFit(fitProductOf(row), facts, null, today) }))
    .sort((a, b) => rank(a.fit) - rank(b.fit) || a.row.id - b.row.id);
  if (query.outcome === 'eligible') fitted = fitted.filter((f) => f.fit.outcome === 'eligible');
  if (query.outcome === 'near') fitted = fitted.filter((f) => f.fit.nearMiss !== null);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const slice = fitted.slice((page - 1) * pageSize, page * pageSize);
  const settings = await financingSettingsOn(db, region, today);
  const views = await productViews(
    db,
    slice.map((s) => s.row),
    settings,
  );
  return {
    items: slice.map((s, i) => ({ product: views[i] as ProductView, fit: s.fit })),
    total: fitted.length,
    page,
    pageSize,
  };
}

/** The banks whose published products serve a region within the official's, with their names. */
export async function banksServing(db: Db, caller: Caller, region: string) {
  const scope = resolveRegionScope(requireActor(caller), region);
  const rows = await institutionsServing(db, scope.code ?? region);
  const names = await findInstitutionNames(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => ({ id: r.id, name: names.get(r.id) ?? '', products: r.products })) };
}
