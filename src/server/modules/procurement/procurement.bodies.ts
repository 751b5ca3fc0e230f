/**
 * Buying bodies (采购人) and who may act for them (issue 17, ADR 0031): a supervising official (finance or SME
 * bureau) registers the bodies of their region; a buyer acts for the one body whose USCC their account carries; an
 * official reads the bodies of their region and below; an admin everything.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import { validateUscc } from '../../../reference/uscc.ts';
import type { BodyBody, BodyListQuery, BodyUpdateBody } from '../../../shared/api/procurement.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { activeAccountsByOrganization } from '../accounts/index.ts';
import { audit } from './procurement.audit.ts';
import type { BodyKind } from './procurement.table.ts';

export type Db = Kysely<Database> | Transaction<Database>;

export interface BodyRow {
  id: number;
  uscc: string;
  name: string;
  region_code: string;
  kind: BodyKind;
  version: number;
}

/** The body a buyer acts for; FORBIDDEN for anyone else, a clear error when the body is not registered. */
export async function buyerBody(db: Db, actor: Actor): Promise<BodyRow> {
  if (actor.role !== 'buyer' || !actor.organizationUscc) throw new AppError('FORBIDDEN');
  const body = await db
    .selectFrom('procurement_bodies')
    .select(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
    .where('uscc', '=', actor.organizationUscc)
    .executeTakeFirst();
  // Not found (404): the buyer has nothing to act on until the body is registered.
  if (!body)
    throw new AppError('NOT_FOUND', [], {
      zh: `您的采购单位（${actor.organizationUscc}）尚未登记，请联系本地区财政或中小企业主管部门登记`,
      en: `your buying body (${actor.organizationUscc}) is not registered yet: ask the region's finance or SME bureau to register it`,
    });
  return body;
}

/** Reads a body; the actor must be its buyer, an official of its region or above, or an admin. */
export async function readableBody(db: Db, actor: Actor, bodyId: number): Promise<BodyRow> {
  const body = await db
    .selectFrom('procurement_bodies')
    .select(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
    .where('id', '=', bodyId)
    .executeTakeFirst();
  if (!body) throw new AppError('NOT_FOUND');
  if (actor.role === 'buyer') {
    if (actor.organizationUscc !== body.uscc) throw new AppError('OUT_OF_SCOPE');
  } else assertInRegion(actor, body.region_code);
  return body;
}

/** Bodies of the actor's region (an admin: all), searched by name or USCC. */
export async function listBodies(db: Db, caller: Caller, query: Static<typeof BodyListQuery>) {
  const actor = requireActor(caller);
  if (query.regionCode) assertInRegion(actor, query.regionCode);
  const prefix = query.regionCode ? regionPrefixOf(query.regionCode) : (actor.regionPrefix ?? '');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const q = query.q?.trim() ?? '';
  const { rows } = await sql<BodyRow & { total: number }>`
    select b.id, b.uscc, b.name, b.region_code, b.kind, b.version, count(*) over ()::int as total
    from procurement_bodies b
    where b.region_code like ${`${prefix}%`}
      and (${q} = '' or b.name like ${`%${q}%`} or b.uscc = ${q.toUpperCase()})
    order by b.region_code, b.name, b.id
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  const buyers = await activeAccountsByOrganization(
    db,
    'buyer',
    rows.map((r) => r.uscc),
  );
  return {
    items: rows.map((r) => bodyView({ ...r, buyers: buyers.get(r.uscc) ?? 0 })),
    total: rows[0]?.total ?? 0,
    page,
    pageSize,
  };
}

/** A region code's prefix: 320000 → '32', 320500 → '3205', a county its whole code. */
export function regionPrefixOf(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

function bodyView(r: BodyRow & { buyers?: number }) {
  return {
    id: Number(r.id),
    uscc: r.uscc,
    name: r.name,
    regionCode: r.region_code,
    kind: r.kind,
    buyers: r.buyers ?? 0,
    version: r.version,
  };
}

const DUPLICATE = {
  zh: '该统一社会信用代码的采购单位已登记',
  en: 'a buying body with this USCC is registered already',
};

/** Registers a buying body in the actor's region. */
export async function createBody(db: Kysely<Database>, caller: Caller, body: Static<typeof BodyBody>) {
  const actor = requireActor(caller);
  assertInRegion(actor, body.regionCode);
  const checked = validateUscc(body.uscc);
  if (!checked.ok) throw AppError.field('uscc', checked.message);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('procurement_bodies')
      .select('id')
      .where('uscc', '=', body.uscc)
      .executeTakeFirst();
    if (taken) throw AppError.field('uscc', DUPLICATE);
    const row = await trx
      .insertInto('procurement_bodies')
      .values({
        uscc: body.uscc,
        name: body.name.trim(),
        region_code: body.regionCode,
        kind: body.kind,
        created_by: actor.userId,
      })
      .returning(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
      .executeTakeFirstOrThrow();
    await audit(trx, caller, actor, 'body_created', { type: 'procurement_body', id: row.id }, { ...body });
    return bodyView(row);
  });
}

/** Changes a body (its region must stay in the actor's, as it is and as it will be). */
export async function updateBody(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: Static<typeof BodyUpdateBody>,
) {
  const actor = requireActor(caller);
  return db.transaction().execute(async (trx) => {
    await sql`select id from procurement_bodies where id = ${id} for update`.execute(trx);
    const current = await readableBody(trx, actor, id);
    if (actor.role === 'buyer') throw new AppError('FORBIDDEN');
    assertInRegion(actor, body.regionCode);
    if (current.version !== body.version) throw new AppError('CONFLICT');
    if (body.uscc !== current.uscc) {
      const checked = validateUscc(body.uscc);
      if (!checked.ok) throw AppError.field('uscc', checked.message);
      const taken = await trx
        .selectFrom('procurement_bodies')
        .select('id')
        .where('uscc', '=', body.uscc)
        .executeTakeFirst();
      if (taken) throw AppError.field('uscc', DUPLICATE);
    }
    const row = await trx
      .updateTable('procurement_bodies')
      .set((eb) => ({
        uscc: body.uscc,
        name: body.name.trim(),
        region_code: body.regionCode,
        kind: body.kind,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .returning(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
      .executeTakeFirstOrThrow();
    // The roll-up carries the body's region: it moves with the body.
    await trx
      .updateTable('procurement_shares')
      .set({ region_code: body.regionCode })
      .where('body_id', '=', id)
      .execute();
    await audit(
      trx,
      caller,
      actor,
      'body_changed',
      { type: 'procurement_body', id },
      { from: { uscc: current.uscc, name: current.name, regionCode: current.region_code }, to: body },
    );
    return bodyView(row);
  });
}
