/**
 * Importing procurement results published as OCDS (issue 17; docs/reference/procurement.md "OCDS import and export").
 * A file — a release or record package in JSON, or releases in the flattened CSV form — is read whole and checked
 * first (procurement.ocds.rules.ts): any problem refuses it, naming its JSON path or CSV row and column, before
 * anything is written. Each award is then kept under the body whose USCC the release gives for its buyer, keyed by
 * body, ocid and award id, in one transaction: importing the same release again changes nothing, a later release
 * of an award updates it (or, cancelled, removes it), an older one is skipped.
 *
 * Who may import: a buyer their own body's results; a supervising official those of the bodies of their region; an
 * admin any. The scope is checked against each award as it will be (the release's buyer) and as it is stored (an
 * award a corrected release moves from one body to another needs both), and a body Huiqi has not registered is
 * refused with its own code.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Localized } from '../../../shared/errors.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { enterpriseFactsSql, findEnterprisesByUscc, latestSizeYear } from '../registry/index.ts';
import { audit } from './procurement.audit.ts';
import type { BodyRow, Db } from './procurement.bodies.ts';
import {
  MAX_PROBLEMS,
  type OcdsAward,
  type OcdsRead,
  readOcds,
  readOcdsValue,
} from './procurement.ocds.rules.ts';
import { refreshShares } from './procurement.shares.ts';
import type { OcdsSupplier } from './procurement.table.ts';

/** The prefix of the ocids Huiqi gives the results recorded in it (no prefix registered with OCDS yet). */
export const HUIQI_OCID_PREFIX = 'ocds-huiqi-';

/** The ocid of an award recorded in Huiqi: its project's (body, plan year, code), else its own. */
export function huiqiOcid(bodyUscc: string, project: { year: number; code: string } | null, awardId: number) {
  return project
    ? `${HUIQI_OCID_PREFIX}${bodyUscc}-${project.year}-${project.code}`
    : `${HUIQI_OCID_PREFIX}${bodyUscc}-award-${awardId}`;
}

/** The OCDS award id of an award recorded in Huiqi. */
export const huiqiAwardId = (id: number) => `huiqi-${id}`;

/** The file as uploaded (its text), or a package sent as the JSON body. */
export type OcdsImportInput =
  | { text: string; fileName: string | null; format?: 'json' | 'csv'; sha256: string | null }
  | { value: unknown; fileName: string | null; sha256: string | null };

/** What one body's part of an import did. */
export interface OcdsBodyCounts {
  id: number;
  name: string;
  uscc: string;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: number;
}

/** What an import did: the file read, the awards by what became of them, by body. */
export interface OcdsImportResult {
  format: 'json' | 'csv';
  releases: number;
  awards: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: number;
  bodies: OcdsBodyCounts[];
}

/** Rows written per statement. */
const CHUNK = 5000;
/** Keys looked up per statement. */
const LOOKUP = 50_000;

/** Which award is stored under an (ocid, award id), and the release it came from (ms since the epoch). */
interface Kept {
  body_id: number;
  id: number;
  year: number;
  ocds_release_id: string | null;
  released: number;
}

/** An award as stored, the fields an import compares and moves. */
interface StoredAward {
  body_id: number;
  id: number;
  ocid: string;
  ocds_award_id: string;
  year: number;
  awarded_on: string;
  kind: string;
  suited: boolean;
  title: string;
  supplier_uscc: string | null;
  supplier_name: string;
  amount: string;
  declared_size: string | null;
  role: string;
  sme_amount: string;
  small_micro_amount: string;
  ocds_scale: string | null;
  ocds_release_id: string | null;
  ocds_release_date: Date | null;
  ocds_suppliers: OcdsSupplier[] | null;
}

const keyOf = (ocid: string, awardId: string) => `${ocid}\u0000${awardId}`;

/** Whether the actor may change this body's results. */
function mayAct(actor: Actor, body: { uscc: string; region_code: string }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'buyer') return actor.organizationUscc === body.uscc;
  if (actor.role === 'official')
    return actor.regionPrefix !== null && body.region_code.startsWith(actor.regionPrefix);
  return false;
}

function outOfScope(actor: Actor, body: { uscc: string; name: string; region_code: string }): Localized {
  return actor.role === 'buyer'
    ? {
        zh: `采购人为 ${body.name}（${body.uscc}），不是您的单位：采购人只能导入本单位的成交结果`,
        en: `the buyer is ${body.name} (${body.uscc}), not your body: a buyer imports their own body's results only`,
      }
    : {
        zh: `采购人 ${body.name}（${body.uscc}）不在您的管辖区域内（${body.region_code}）`,
        en: `the buyer ${body.name} (${body.uscc}) is outside your region (${body.region_code})`,
      };
}

/** The registry's enterprise and latest size class (cn-2011) of each USCC it knows. */
export async function registrySizes(
  db: Db,
  usccs: readonly string[],
): Promise<Map<string, { id: number; size: string | null }>> {
  const out = new Map<string, { id: number; size: string | null }>();
  const found = new Map<string, { id: number; regionCode: string }>();
  const codes = [...new Set(usccs)];
  // A statement's parameters are limited (65,535): the codes go in parts.
  for (let i = 0; i < codes.length; i += 10_000)
    for (const [uscc, e] of await findEnterprisesByUscc(db, codes.slice(i, i + 10_000))) found.set(uscc, e);
  if (found.size === 0) return out;
  const ids = [...found.values()].map((e) => Number(e.id));
  const latest = await latestSizeYear(db as Kysely<Database>);
  const sizes = new Map<number, string>();
  if (latest !== null) {
    // The latest year's class, else the year before's (figures reach the registry late).
    for (const year of [latest - 1, latest]) {
      const { rows } = await sql<{ enterprise_id: number; size: string }>`
        select enterprise_id, size
        from ${enterpriseFactsSql.sizes('cn-2011', year, (id) => sql<boolean>`${id} = any(${ids}::bigint[])`)} s`.execute(
        db,
      );
      for (const r of rows) sizes.set(Number(r.enterprise_id), r.size);
    }
  }
  for (const [uscc, e] of found) out.set(uscc, { id: Number(e.id), size: sizes.get(Number(e.id)) ?? null });
  return out;
}

const sameSuppliers = (a: readonly OcdsSupplier[] | null, b: readonly OcdsSupplier[]) =>
  a !== null &&
  a.length === b.length &&
  a.every((s, i) => s.name === b[i]?.name && s.uscc === b[i]?.uscc && s.scale === b[i]?.scale);

/** Whether a stored award already holds what an award of a release says. */
function holds(stored: StoredAward, award: OcdsAward, suppliers: OcdsSupplier[], name: string): boolean {
  return (
    stored.awarded_on === award.awardedOn &&
    stored.kind === award.kind &&
    stored.suited === award.suited &&
    stored.title === award.title &&
    stored.supplier_uscc === (award.suppliers[0]?.uscc ?? null) &&
    stored.supplier_name === name &&
    stored.amount === award.amount &&
    stored.declared_size === award.declaredSize &&
    stored.role === award.role &&
    stored.sme_amount === award.smeAmount &&
    stored.small_micro_amount === award.smallMicroAmount &&
    stored.ocds_scale === award.scale &&
    sameSuppliers(stored.ocds_suppliers, suppliers)
  );
}

/** The supplier name an award keeps: its supplier's, or a consortium's members' joined (cut to 200). */
function supplierNameOf(award: OcdsAward): string {
  const joined = award.suppliers.map((s) => s.name).join('、');
  return joined.length <= 200 ? joined : `${joined.slice(0, 199)}…`;
}

function invalidFile(read: OcdsRead, bodies: readonly FieldError[] = []): AppError {
  const shown = [...read.problems, ...bodies].slice(0, MAX_PROBLEMS);
  const more = shown.length >= MAX_PROBLEMS;
  const form = read.format === 'csv' ? { zh: '扁平化 CSV', en: 'flattened CSV' } : { zh: 'JSON', en: 'JSON' };
  return new AppError(
    'OCDS_INVALID',
    shown.map((p) => ({ field: p.field, message: p.message })),
    {
      zh: `文件不是有效的 OCDS ${form.zh}，未导入任何内容：${more ? `列出前 ${MAX_PROBLEMS} 处问题` : `${shown.length} 处问题`}`,
      en: `The file is not valid OCDS ${form.en}; nothing was imported: ${more ? `the first ${MAX_PROBLEMS} problems` : `${shown.length} problem${shown.length === 1 ? '' : 's'}`}`,
    },
  );
}

/** Imports a file's awards (see the file's comment): all of them or, on any problem, none. */
export async function importOcds(
  db: Kysely<Database>,
  caller: Caller,
  input: OcdsImportInput,
): Promise<OcdsImportResult> {
  const actor = requireActor(caller);
  if (!['buyer', 'official', 'admin'].includes(actor.role)) throw new AppError('FORBIDDEN');
  const read = 'value' in input ? readOcdsValue(input.value) : readOcds(input.text, input.format);

  // The bodies the releases name, registered and in the actor's scope (as the awards will be).
  // (A file with problems: the bodies of the awards read all the same, so their problems come in the same answer.)
  const usccs = [...new Set(read.awards.map((a) => a.buyerUscc).filter((uscc) => uscc !== ''))];
  const bodies =
    usccs.length === 0
      ? []
      : await db
          .selectFrom('procurement_bodies')
          .select(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
          .where('uscc', 'in', usccs)
          .execute();
  const bodyByUscc = new Map<string, BodyRow>(bodies.map((b) => [b.uscc, { ...b, id: Number(b.id) }]));
  const unregistered: FieldError[] = [];
  const refused: FieldError[] = [];
  const named = new Set<string>();
  for (const award of read.awards) {
    if (award.buyerUscc === '' || named.has(award.buyerUscc)) continue;
    named.add(award.buyerUscc);
    const body = bodyByUscc.get(award.buyerUscc);
    if (!body)
      unregistered.push({
        field: read.place(award, 'buyer'),
        message: {
          zh: `统一社会信用代码为 ${award.buyerUscc} 的采购单位尚未在惠企登记：请本地区财政或中小企业主管部门先登记`,
          en: `no buying body with the USCC ${award.buyerUscc} is registered in Huiqi: the region's finance or SME bureau registers it first`,
        },
      });
    else if (!mayAct(actor, body))
      refused.push({ field: read.place(award, 'buyer'), message: outOfScope(actor, body) });
  }
  // Every problem at once: the file's, then its bodies' (not registered, or not the actor's).
  if (read.problems.length > 0) throw invalidFile(read, [...unregistered, ...refused]);
  if (unregistered.length > 0)
    throw new AppError(
      'PROCUREMENT_BODY_NOT_REGISTERED',
      [...unregistered, ...refused].slice(0, MAX_PROBLEMS),
    );
  if (refused.length > 0) throw new AppError('OUT_OF_SCOPE', refused.slice(0, MAX_PROBLEMS));

  return db.transaction().execute((trx) => write(trx, caller, actor, read, bodyByUscc, input));
}

async function lockBodies(trx: Transaction<Database>, ids: Iterable<number>) {
  // The lock refreshShares takes (per body): an import and a buyer's change of the same body take turns. One
  // statement, in id order.
  const list = [...new Set(ids)].sort((a, b) => a - b);
  if (list.length === 0) return;
  await sql`select count(pg_advisory_xact_lock(hashtext('procurement_shares'), id::int))
    from (select id from unnest(${list}::bigint[]) id order by id) ids`.execute(trx);
}

async function write(
  trx: Transaction<Database>,
  caller: Caller,
  actor: Actor,
  read: OcdsRead,
  bodyByUscc: Map<string, BodyRow>,
  input: OcdsImportInput,
): Promise<OcdsImportResult> {
  await lockBodies(
    trx,
    [...bodyByUscc.values()].map((b) => b.id),
  );

  // What is stored under each (ocid, award id), in whichever body: first which award and release (all), then the
  // fields compared for those a different release may change (few, unless a file is all corrections).
  const stored = new Map<string, StoredAward>();
  const kept = new Map<string, Kept>();
  for (let i = 0; i < read.awards.length; i += LOOKUP) {
    const part = read.awards.slice(i, i + LOOKUP);
    const { rows } = await sql<{
      body_id: number;
      id: number;
      ocid: string;
      ocds_award_id: string;
      year: number;
      ocds_release_id: string | null;
      released: number | null;
    }>`
      select a.body_id, a.id, a.ocid, a.ocds_award_id, a.year, a.ocds_release_id,
        -- to the millisecond, as JavaScript reads the release's date (its microseconds would make it look newer)
        floor(extract(epoch from a.ocds_release_date) * 1000)::float8 as released
      from procurement_awards a
      join unnest(${part.map((a) => a.ocid)}::text[], ${part.map((a) => a.awardId)}::text[]) k(ocid, award_id)
        on a.ocid = k.ocid and a.ocds_award_id = k.award_id
      where a.ocid is not null`.execute(trx);
    for (const r of rows)
      kept.set(keyOf(r.ocid, r.ocds_award_id), {
        body_id: Number(r.body_id),
        id: Number(r.id),
        year: r.year,
        ocds_release_id: r.ocds_release_id,
        released: r.released === null ? Number.NEGATIVE_INFINITY : Number(r.released),
      });
  }
  const compared = read.awards.filter((a) => {
    const k = kept.get(keyOf(a.ocid, a.awardId));
    // The same release again is compared too: a file edited under the same release id is told as what it changes.
    return k !== undefined && Date.parse(a.releaseDate) >= k.released;
  });
  for (let i = 0; i < compared.length; i += LOOKUP) {
    const part = compared.map((a) => kept.get(keyOf(a.ocid, a.awardId)) as Kept);
    const { rows } = await sql<StoredAward>`
      select a.body_id, a.id, a.ocid, a.ocds_award_id, a.year, to_char(a.awarded_on, 'YYYY-MM-DD') as awarded_on,
        a.kind, a.suited, a.title, a.supplier_uscc, a.supplier_name, trim_scale(a.amount)::text as amount,
        a.declared_size, a.role, trim_scale(a.sme_amount)::text as sme_amount,
        trim_scale(a.small_micro_amount)::text as small_micro_amount, a.ocds_scale, a.ocds_release_id,
        a.ocds_release_date, a.ocds_suppliers
      from procurement_awards a
      join unnest(${part.slice(i, i + LOOKUP).map((k) => k.body_id)}::bigint[],
        ${part.slice(i, i + LOOKUP).map((k) => k.id)}::bigint[]) k(body_id, id)
        on a.body_id = k.body_id and a.id = k.id`.execute(trx);
    for (const r of rows)
      stored.set(keyOf(r.ocid, r.ocds_award_id), { ...r, body_id: Number(r.body_id), id: Number(r.id) });
  }

  // Awards of Huiqi's own export: recorded here, never rewritten by an import.
  const own = await ownAwards(trx, read.awards, bodyByUscc);

  // The stored awards' bodies that are not the releases' (a corrected buyer moves an award): in scope too.
  const targetIds = new Set([...bodyByUscc.values()].map((b) => b.id));
  const otherIds = [...kept.values()].map((k) => k.body_id).filter((id) => !targetIds.has(id));
  const others =
    otherIds.length === 0
      ? new Map<number, BodyRow>()
      : new Map(
          (
            await trx
              .selectFrom('procurement_bodies')
              .select(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
              .where('id', 'in', [...new Set(otherIds)])
              .execute()
          ).map((b) => [Number(b.id), { ...b, id: Number(b.id) }]),
        );
  const refused: FieldError[] = [];
  for (const award of read.awards) {
    const k = kept.get(keyOf(award.ocid, award.awardId));
    const body = k ? others.get(k.body_id) : undefined;
    if (body && !mayAct(actor, body))
      refused.push({
        field: read.place(award, 'award'),
        message: {
          zh: `该成交结果记录在采购单位 ${body.name}（${body.uscc}）名下，您无权修改`,
          en: `this award is recorded for ${body.name} (${body.uscc}), which you may not change`,
        },
      });
  }
  if (refused.length > 0) throw new AppError('OUT_OF_SCOPE', refused.slice(0, MAX_PROBLEMS));
  await lockBodies(trx, others.keys());

  // What becomes of each award.
  const counts = new Map<number, OcdsBodyCounts>();
  const countOf = (body: BodyRow) => {
    let c = counts.get(body.id);
    if (!c) {
      c = {
        id: body.id,
        name: body.name,
        uscc: body.uscc,
        created: 0,
        updated: 0,
        unchanged: 0,
        removed: 0,
        skipped: 0,
      };
      counts.set(body.id, c);
    }
    return c;
  };
  const years = new Map<number, Set<number>>();
  const touch = (bodyId: number, year: number) => {
    const set = years.get(bodyId) ?? new Set<number>();
    set.add(year);
    years.set(bodyId, set);
  };
  const inserts: { bodyId: number; award: OcdsAward }[] = [];
  const updates: { stored: StoredAward; award: OcdsAward }[] = [];
  const removals: Kept[] = [];
  const restamps: { stored: StoredAward; award: OcdsAward }[] = [];
  for (const award of read.awards) {
    const body = bodyByUscc.get(award.buyerUscc) as BodyRow;
    const count = countOf(body);
    if (own.has(keyOf(award.ocid, award.awardId))) {
      count.unchanged++;
      continue;
    }
    const key = keyOf(award.ocid, award.awardId);
    const k = kept.get(key);
    if (k && Date.parse(award.releaseDate) < k.released) {
      count.skipped++;
      continue;
    }
    if (award.status !== 'active') {
      if (k) {
        removals.push(k);
        touch(k.body_id, k.year);
        count.removed++;
      } else count.skipped++;
      continue;
    }
    if (!k) {
      inserts.push({ bodyId: body.id, award });
      touch(body.id, Number(award.awardedOn.slice(0, 4)));
      count.created++;
      continue;
    }
    const s = stored.get(key);
    if (k.body_id === body.id && s) {
      const suppliers = award.suppliers.map((x) => ({ name: x.name, uscc: x.uscc, scale: x.scale }));
      if (holds(s, award, suppliers, supplierNameOf(award))) {
        // The same award in a later release: it now comes from that release (no change to count).
        if (k.ocds_release_id !== award.releaseId) restamps.push({ stored: s, award });
        count.unchanged++;
        continue;
      }
      updates.push({ stored: s, award });
    } else {
      // Moved to another body: out of the old one, into the new.
      removals.push(k);
      inserts.push({ bodyId: body.id, award });
    }
    touch(k.body_id, k.year);
    touch(body.id, Number(award.awardedOn.slice(0, 4)));
    count.updated++;
  }

  // The registry's match of each written award's (lead) supplier.
  const registry = await registrySizes(
    trx,
    [...inserts.map((i) => i.award), ...updates.map((u) => u.award)]
      .map((a) => a.suppliers[0]?.uscc)
      .filter((u): u is string => Boolean(u)),
  );
  const columns = (award: OcdsAward) => {
    const lead = award.suppliers[0]?.uscc ?? null;
    const match = lead ? registry.get(lead) : undefined;
    return {
      year: Number(award.awardedOn.slice(0, 4)),
      supplierUscc: lead,
      supplierName: supplierNameOf(award),
      enterpriseId: match?.id ?? null,
      registrySize: match?.size ?? null,
      suppliers: JSON.stringify(award.suppliers.map((x) => ({ name: x.name, uscc: x.uscc, scale: x.scale }))),
    };
  };

  for (let i = 0; i < removals.length; i += CHUNK) {
    const part = removals.slice(i, i + CHUNK);
    await sql`delete from procurement_awards a
      using unnest(${part.map((s) => s.body_id)}::bigint[], ${part.map((s) => s.id)}::bigint[]) k(body_id, id)
      where a.body_id = k.body_id and a.id = k.id and a.source = 'ocds'`.execute(trx);
  }
  // In body order: each body's index entries are written together rather than scattered over the indexes.
  inserts.sort((a, b) => a.bodyId - b.bodyId);
  for (let i = 0; i < inserts.length; i += CHUNK) {
    const part = inserts.slice(i, i + CHUNK);
    const cols = part.map((p) => columns(p.award));
    await sql`
      insert into procurement_awards (body_id, year, awarded_on, kind, suited, reserved, title, supplier_uscc,
        supplier_name, enterprise_id, amount, declared_size, registry_size, role, sme_amount, small_micro_amount,
        source, ocds_scale, ocid, ocds_award_id, ocds_release_id, ocds_release_date, ocds_suppliers, created_by)
      select body_id, year, awarded_on, kind, suited, false, title, supplier_uscc, supplier_name, enterprise_id, amount,
        declared_size, registry_size, role, sme_amount, small_micro_amount, 'ocds', ocds_scale, ocid, award_id,
        release_id, release_date, suppliers::jsonb, ${actor.userId}
      from unnest(${part.map((p) => p.bodyId)}::bigint[], ${cols.map((c) => c.year)}::int2[],
        ${part.map((p) => p.award.awardedOn)}::date[], ${part.map((p) => p.award.kind)}::text[],
        ${part.map((p) => p.award.suited)}::boolean[], ${part.map((p) => p.award.title)}::text[],
        ${cols.map((c) => c.supplierUscc)}::text[], ${cols.map((c) => c.supplierName)}::text[],
        ${cols.map((c) => c.enterpriseId)}::bigint[], ${part.map((p) => p.award.amount)}::numeric[],
        ${part.map((p) => p.award.declaredSize)}::text[], ${cols.map((c) => c.registrySize)}::text[],
        ${part.map((p) => p.award.role)}::text[], ${part.map((p) => p.award.smeAmount)}::numeric[],
        ${part.map((p) => p.award.smallMicroAmount)}::numeric[], ${part.map((p) => p.award.scale)}::text[],
        ${part.map((p) => p.award.ocid)}::text[], ${part.map((p) => p.award.awardId)}::text[],
        ${part.map((p) => p.award.releaseId)}::text[], ${part.map((p) => p.award.releaseDate)}::timestamptz[],
        ${cols.map((c) => c.suppliers)}::text[])
        as u(body_id, year, awarded_on, kind, suited, title, supplier_uscc, supplier_name, enterprise_id, amount,
          declared_size, registry_size, role, sme_amount, small_micro_amount, ocds_scale, ocid, award_id, release_id,
          release_date, suppliers)`.execute(trx);
  }
  for (let i = 0; i < updates.length; i += CHUNK) {
    const part = updates.slice(i, i + CHUNK);
    const cols = part.map((p) => columns(p.award));
    await sql`
      update procurement_awards a set year = u.year, awarded_on = u.awarded_on, kind = u.kind, suited = u.suited,
        title = u.title, supplier_uscc = u.supplier_uscc, supplier_name = u.supplier_name,
        enterprise_id = u.enterprise_id, amount = u.amount, declared_size = u.declared_size,
        registry_size = u.registry_size, role = u.role, sme_amount = u.sme_amount,
        small_micro_amount = u.small_micro_amount, ocds_scale = u.ocds_scale, ocds_release_id = u.release_id,
        ocds_release_date = u.release_date, ocds_suppliers = u.suppliers::jsonb, version = a.version + 1
      from unnest(${part.map((p) => p.stored.body_id)}::bigint[], ${part.map((p) => p.stored.id)}::bigint[],
        ${cols.map((c) => c.year)}::int2[], ${part.map((p) => p.award.awardedOn)}::date[],
        ${part.map((p) => p.award.kind)}::text[], ${part.map((p) => p.award.suited)}::boolean[],
        ${part.map((p) => p.award.title)}::text[], ${cols.map((c) => c.supplierUscc)}::text[],
        ${cols.map((c) => c.supplierName)}::text[], ${cols.map((c) => c.enterpriseId)}::bigint[],
        ${part.map((p) => p.award.amount)}::numeric[], ${part.map((p) => p.award.declaredSize)}::text[],
        ${cols.map((c) => c.registrySize)}::text[], ${part.map((p) => p.award.role)}::text[],
        ${part.map((p) => p.award.smeAmount)}::numeric[], ${part.map((p) => p.award.smallMicroAmount)}::numeric[],
        ${part.map((p) => p.award.scale)}::text[], ${part.map((p) => p.award.releaseId)}::text[],
        ${part.map((p) => p.award.releaseDate)}::timestamptz[], ${cols.map((c) => c.suppliers)}::text[])
        as u(body_id, id, year, awarded_on, kind, suited, title, supplier_uscc, supplier_name, enterprise_id, amount,
          declared_size, registry_size, role, sme_amount, small_micro_amount, ocds_scale, release_id, release_date,
          suppliers)
      where a.body_id = u.body_id and a.id = u.id`.execute(trx);
  }

  for (let i = 0; i < restamps.length; i += CHUNK) {
    const part = restamps.slice(i, i + CHUNK);
    await sql`
      update procurement_awards a set ocds_release_id = u.release_id, ocds_release_date = u.release_date
      from unnest(${part.map((p) => p.stored.body_id)}::bigint[], ${part.map((p) => p.stored.id)}::bigint[],
        ${part.map((p) => p.award.releaseId)}::text[], ${part.map((p) => p.award.releaseDate)}::timestamptz[])
        as u(body_id, id, release_id, release_date)
      where a.body_id = u.body_id and a.id = u.id`.execute(trx);
  }
  for (const [bodyId, set] of years) await refreshShares(trx, bodyId, set);
  const total = { created: 0, updated: 0, unchanged: 0, removed: 0, skipped: 0 };
  for (const c of counts.values()) {
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
    await audit(
      trx,
      caller,
      actor,
      'ocds_imported',
      { type: 'procurement_body', id: c.id },
      {
        fileName: input.fileName,
        sha256: input.sha256,
        format: read.format,
        created: c.created,
        updated: c.updated,
        unchanged: c.unchanged,
        removed: c.removed,
        skipped: c.skipped,
      },
    );
  }
  return {
    format: read.format,
    releases: read.releases,
    awards: read.awards.length,
    ...total,
    bodies: [...counts.values()],
  };
}

/** The awards of a file that are Huiqi's own (its export read back): their ocid is the one Huiqi gives them. */
async function ownAwards(
  trx: Transaction<Database>,
  awards: readonly OcdsAward[],
  bodyByUscc: Map<string, BodyRow>,
): Promise<Set<string>> {
  const candidates = awards
    .map((a) => ({ a, id: /^huiqi-(\d{1,15})$/.exec(a.awardId)?.[1] }))
    .filter((c) => c.id !== undefined && c.a.ocid.startsWith(HUIQI_OCID_PREFIX));
  const out = new Set<string>();
  if (candidates.length === 0) return out;
  const { rows } = await sql<{
    body_id: number;
    id: number;
    uscc: string;
    plan_year: number | null;
    code: string | null;
  }>`
    select a.body_id, a.id, b.uscc, p.plan_year, p.code
    from procurement_awards a join procurement_bodies b on b.id = a.body_id
    left join procurement_projects p on p.body_id = a.body_id and p.id = a.project_id
    join unnest(${candidates.map((c) => (bodyByUscc.get(c.a.buyerUscc) as BodyRow).id)}::bigint[],
      ${candidates.map((c) => Number(c.id))}::bigint[]) k(body_id, id) on a.body_id = k.body_id and a.id = k.id
    where a.source = 'huiqi'`.execute(trx);
  const ocidOf = new Map(
    rows.map((r) => [
      `${Number(r.body_id)}:${Number(r.id)}`,
      huiqiOcid(
        r.uscc,
        r.plan_year === null || r.code === null ? null : { year: r.plan_year, code: r.code },
        Number(r.id),
      ),
    ]),
  );
  for (const { a, id } of candidates) {
    const body = bodyByUscc.get(a.buyerUscc) as BodyRow;
    if (ocidOf.get(`${body.id}:${Number(id)}`) === a.ocid) out.add(keyOf(a.ocid, a.awardId));
  }
  return out;
}
