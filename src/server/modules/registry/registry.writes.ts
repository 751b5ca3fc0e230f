/**
 * Set-based writes of the registry: a batch of validated enterprises becomes a handful of statements (arrays
 * passed through `unnest`, so the statement size does not grow with the batch), identical on both engines.
 * Re-submitting the same data changes nothing: updates and new figure rows happen only where values differ.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { withoutShardLocks } from '../../db/distribute.ts';
import type { Database } from '../../db/schema.ts';
import { classifyFigures } from './registry.facts.ts';
import type { EnterpriseInput } from './registry.model.ts';
import { countedSizes, SizeCounts } from './registry.rollups.ts';
import { nameInitials, searchTerms } from './search.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What a batch changed. */
export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  figuresAdded: number;
  /** Records not written because their USCC came earlier in the same import: index in the batch, first row. */
  duplicates: { index: number; firstRow: number }[];
  /** Records not written because their enterprise is stored outside the import's scope: index in the batch. */
  outOfScope: number[];
}

/**
 * The import a batch comes from: its job and each record's row number (to find USCCs repeated in the file and to
 * list what the job changed), and the importer's region prefix.
 */
export interface ImportOrigin {
  jobId: number;
  rows: readonly number[];
  /**
   * GB/T 2260 prefix of the regions the importer may change ('' for all: an admin, the command line). An existing
   * enterprise stored outside it is left unchanged and returned in `outOfScope`; the records' own regions must
   * already be inside it (the import's row validation rejects the others).
   */
  scope: string;
}

const UNIT = '\u001f';

/** The size standard an import classifies by. */
const STANDARD = 'cn-2011';

/** A PostgreSQL array literal of texts (NULL for null), built without the driver's per-element escaping. */
function textArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else out += `"${v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, '\\$&') : v}"`;
  }
  return `${out}}`;
}

/** A PostgreSQL array literal of numbers (NULL for null). */
function numberArray(values: readonly (number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out += v === null || v === undefined ? 'NULL' : String(v);
  }
  return `${out}}`;
}

/** The figures columns of a batch (one entry per record that has figures), with their size class. */
interface FigureColumns {
  y: number[];
  emp: (number | null)[];
  orev: (number | null)[];
  mrev: (number | null)[];
  ta: (number | null)[];
  tl: (number | null)[];
  rd: (number | null)[];
  rds: (number | null)[];
  ti: (number | null)[];
  vat: (string | null)[];
  size: string[];
  category: (string | null)[];
  reasonZh: string[];
  reasonEn: string[];
}

const FIGURE_KEYS = [
  'y',
  'emp',
  'orev',
  'mrev',
  'ta',
  'tl',
  'rd',
  'rds',
  'ti',
  'vat',
  'size',
  'category',
  'reasonZh',
  'reasonEn',
] as const;
const TEXT_FIGURE_KEYS = new Set(['vat', 'size', 'category', 'reasonZh', 'reasonEn']);

function figureLiterals(col: FigureColumns): Record<(typeof FIGURE_KEYS)[number], string> {
  const out = {} as Record<(typeof FIGURE_KEYS)[number], string>;
  for (const key of FIGURE_KEYS) {
    out[key] = TEXT_FIGURE_KEYS.has(key)
      ? textArray(col[key] as (string | null)[])
      : numberArray(col[key] as (number | null)[]);
  }
  return out;
}

/**
 * A batch made ready to write: search terms, pinyin initials and size classes computed, and the statement
 * parameters encoded. Pure computation, so an importer prepares the next batch while the database writes this one.
 */
export interface PreparedBatch {
  /** Number of records. */
  n: number;
  uscc: string[];
  /** Certifications of the records: record index, name, validity. */
  certifications: { at: number[]; name: string[]; from: string[]; to: (string | null)[] };
  /** The enterprise columns as array literals, in the order of the upsert. */
  enterpriseParams: string[];
  /** Figures of the records that have them, as array literals; `figureOf[i]` is record i's index there, or -1. */
  figureParams: Record<(typeof FIGURE_KEYS)[number], string>;
  figureOf: Int32Array;
  /** The records' counties and industries, and their figures' years and size classes (for the roll-up). */
  region: string[];
  industry: string[];
  figureYear: number[];
  figureSize: string[];
  /** Number of figures rows. */
  figureCount: number;
}

/** Computes what a batch's write needs (see `PreparedBatch`). */
export function prepareEnterpriseBatch(batch: readonly EnterpriseInput[]): PreparedBatch {
  const n = batch.length;
  const uscc: string[] = new Array(n);
  const name: string[] = new Array(n);
  const former: string[] = new Array(n);
  const legal: (string | null)[] = new Array(n);
  const region: string[] = new Array(n);
  const industry: string[] = new Array(n);
  const established: (string | null)[] = new Array(n);
  const status: string[] = new Array(n);
  const ownership: (string | null)[] = new Array(n);
  const initials: string[] = new Array(n);
  const terms: string[] = new Array(n);
  const figures: FigureColumns = {
    y: [],
    emp: [],
    orev: [],
    mrev: [],
    ta: [],
    tl: [],
    rd: [],
    rds: [],
    ti: [],
    vat: [],
    size: [],
    category: [],
    reasonZh: [],
    reasonEn: [],
  };
  const figureOf = new Int32Array(n).fill(-1);
  const certifications: PreparedBatch['certifications'] = { at: [], name: [], from: [], to: [] };
  for (let i = 0; i < n; i++) {
    const e = batch[i] as EnterpriseInput;
    for (const c of e.certifications) {
      certifications.at.push(i);
      certifications.name.push(c.name);
      certifications.from.push(c.validFrom);
      certifications.to.push(c.validTo);
    }
    uscc[i] = e.uscc;
    name[i] = e.name;
    former[i] = e.formerNames.join(UNIT);
    legal[i] = e.legalRepresentative;
    region[i] = e.regionCode;
    industry[i] = e.industryCode;
    established[i] = e.establishedOn;
    status[i] = e.status ?? 'active';
    ownership[i] = e.ownershipType;
    initials[i] = nameInitials(e.name);
    terms[i] = searchTerms(e.name, e.formerNames).join(' ');
    const f = e.figures;
    if (f === null) continue;
    figureOf[i] = figures.y.length;
    figures.y.push(f.year);
    figures.emp.push(f.employees);
    figures.orev.push(f.operatingRevenue);
    figures.mrev.push(f.mainBusinessRevenue);
    figures.ta.push(f.totalAssets);
    figures.tl.push(f.totalLiabilities);
    figures.rd.push(f.rdExpense);
    figures.rds.push(f.rdStaff);
    figures.ti.push(f.taxableIncome);
    figures.vat.push(f.vatTaxpayerType);
    const result = classifyFigures(e.industryCode, f);
    figures.size.push(result.size);
    figures.category.push(result.category?.code ?? null);
    figures.reasonZh.push(result.reason.zh);
    figures.reasonEn.push(result.reason.en);
  }
  return {
    n,
    uscc,
    certifications,
    enterpriseParams: [
      textArray(uscc),
      textArray(name),
      textArray(former),
      textArray(legal),
      textArray(region),
      textArray(industry),
      textArray(established),
      textArray(status),
      textArray(ownership),
      textArray(initials),
      textArray(terms),
    ],
    figureParams: figureLiterals(figures),
    figureOf,
    region,
    industry,
    figureYear: figures.y,
    figureSize: figures.size as string[],
    figureCount: figures.y.length,
  };
}

/**
 * The elements at the given positions of an array literal made by `textArray` or `numberArray` (elements are
 * NULL, numbers, or double-quoted with backslash escapes), as a new literal. For the few records of a batch that
 * take the slower path, without sending the batch's columns twice.
 */
export function subsetLiteral(literal: string, at: readonly number[]): string {
  const elements: string[] = [];
  let i = 1;
  const end = literal.length - 1;
  while (i < end) {
    const start = i;
    if (literal.charCodeAt(i) === 34) {
      i++;
      while (i < end && literal.charCodeAt(i) !== 34) i += literal.charCodeAt(i) === 92 ? 2 : 1;
      i++;
    } else {
      while (i < end && literal.charCodeAt(i) !== 44) i++;
    }
    elements.push(literal.slice(start, i));
    i++; // the comma
  }
  return `{${at.map((k) => elements[k]).join(',')}}`;
}

/**
 * The enterprise id of each USCC, claiming the codes not yet held (with a new id from the enterprises' sequence,
 * in the batch's order) in `enterprise_usccs`. A code claimed by a concurrent transaction is waited for by the insert and read after it.
 */
async function claimUsccs(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const read = async (wanted: readonly string[]) => {
    const found = await sql<{ uscc: string; id: string | number }>`
      select uscc, enterprise_id as id from enterprise_usccs where uscc = any(${wanted as string[]}::text[])`.execute(
      db,
    );
    for (const row of found.rows) ids.set(row.uscc.trim(), Number(row.id));
  };
  // Three plain statements rather than one with a correlated NOT EXISTS, which Citus cannot plan over a list.
  await read(codes);
  const missing = [...new Set(codes.filter((code) => !ids.has(code)))];
  if (missing.length > 0) {
    const claimed = await sql<{ uscc: string; id: string | number }>`
      insert into enterprise_usccs (uscc, enterprise_id)
      select u, nextval(pg_get_serial_sequence('enterprises', 'id'))
      from unnest(${missing}::text[]) with ordinality as x(u, o) order by o
      on conflict (uscc) do nothing
      returning uscc, enterprise_id as id`.execute(db);
    for (const row of claimed.rows) ids.set(row.uscc.trim(), Number(row.id));
    // Claimed by a transaction that committed while this one's insert waited: visible to a new statement.
    const late = missing.filter((code) => !ids.has(code));
    if (late.length > 0) await read(late);
  }
  for (const code of codes) if (!ids.has(code)) throw new Error(`USCC ${code} was neither claimed nor found`);
  return ids;
}

/**
 * Readies a transaction that writes one of several batches side by side (an import's lanes, import.service.ts).
 * Such batches never write the same rows (a batch repeating a USCC of one still open waits for it first) and
 * commit in file order: a later batch, once written, waits in this process for the earlier ones to commit.
 *
 * On Citus a statement that writes several shards at once takes a lock on each shard that conflicts with the same
 * lock of any other such statement, held to the end of its transaction (its "deadlock prevention",
 * distributed_execution_locks.c). When the later batch's statement takes those locks first, the earlier batch
 * waits for it in the database while it waits for the earlier one here: a wait that neither PostgreSQL's nor
 * Citus's deadlock detection can see, and the import hangs. The batches' row locks are all they need, as on one
 * PostgreSQL, so the shard locks are left out in this transaction. On a database without Citus this does nothing.
 */
export async function allowBatchesSideBySide(trx: Transaction<Database>): Promise<void> {
  await withoutShardLocks(trx);
}

/**
 * Upserts a batch of enterprises with their certifications, figures and size classes. The batch must not repeat
 * a USCC. With an import origin, a record whose USCC an earlier batch of the same import wrote (or found
 * unchanged) is not written and is returned in `duplicates`; a record whose enterprise is stored outside the
 * import's scope is not written and is returned in `outOfScope`; each enterprise created or updated is listed in
 * `import_job_enterprises` (ADR 0015).
 *
 * New enterprises take the short path (plain inserts: they cannot have figures or sizes yet); existing ones
 * retire figures that differ and upsert their sizes.
 */
export async function writeEnterpriseBatch(
  db: Db,
  batch: readonly EnterpriseInput[] | PreparedBatch,
  source: string,
  origin?: ImportOrigin,
): Promise<BatchOutcome> {
  const prepared = 'enterpriseParams' in batch ? batch : prepareEnterpriseBatch(batch);
  const { uscc, n } = prepared;
  const outcome: BatchOutcome = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    figuresAdded: 0,
    duplicates: [],
    outOfScope: [],
  };
  if (n === 0) return outcome;
  const jobId = origin?.jobId ?? null;
  const scope = origin?.scope ?? '';
  const rowNumbers = origin ? [...origin.rows] : new Array<null>(n).fill(null);
  const [
    pUscc,
    pName,
    pFormer,
    pLegal,
    pRegion,
    pIndustry,
    pEstablished,
    pStatus,
    pOwnership,
    pInitials,
    pTerms,
  ] = prepared.enterpriseParams;
  // Each USCC is claimed in `enterprise_usccs` first: the lookup that holds the code's uniqueness (on Citus a
  // unique constraint on the distributed enterprises table must include its distribution column; ADR 0025). A new
  // code takes its enterprise's id there; a code a concurrent batch claims at the same moment is waited for and
  // then read like any existing one.
  const ids = await claimUsccs(db, uscc);
  // The time of the change, as a literal: Citus runs no volatile function (now()) in an upsert's DO UPDATE, and
  // cannot type a parameter there.
  const writtenAt = new Date().toISOString();
  const pId = numberArray(uscc.map((code) => ids.get(code) as number));
  // An existing enterprise is updated only where a value differs, and never twice by one import: a second row
  // with its USCC is a duplicate (found below), whether the first one changed it (its last_import_job) or found
  // it unchanged (import_job_seen: such a row is not written at all; the seen list is read in the statement's
  // source, not in its conflict clause, which Citus runs on the shards where the local list is not).
  // It is updated only when stored inside the import's scope: the condition is evaluated on the row as stored
  // when it is written, locked (PostgreSQL locks the conflicting row even when the condition fails, and a
  // concurrent change is waited for and the condition evaluated again on its result), so no earlier read can
  // be outdated by a concurrent change.
  // The `enterprise_counts` roll-up moves in the same statement: +1 in each written enterprise's cell, -1 in the
  // cell an updated one leaves (read from the rows as they were when the statement began: `before` is
  // materialized, as Citus would otherwise inline it into `counted` and read the rows after the upsert). Appended as deltas:
  // two batches written side by side never wait on each other's counts.
  const written = await sql<{
    id: number;
    uscc: string;
    inserted: boolean;
    region: string;
    division: string;
    fromRegion: string | null;
    fromDivision: string | null;
  }>`
    with before as materialized (
      select e.id, e.region_code, left(e.industry_code, 3) as division, e.status
      from enterprises e where e.id = any(${pId}::int8[])
    ), written as (
    insert into enterprises (id, uscc, name, former_names, legal_representative, region_code, industry_code,
      established_on, status, ownership_type, name_initials, search_terms, last_import_job, last_import_row)
    overriding system value
    select i.id, i.uscc, i.name,
      case when i.former = '' then '{}'::text[] else string_to_array(i.former, ${UNIT}) end,
      i.legal, i.region, i.industry, i.established::date, i.status, i.ownership, i.initials,
      case when i.terms = '' then '{}'::text[] else string_to_array(i.terms, ' ') end, ${jobId}::int8, i.row
    from unnest(${pId}::int8[], ${pUscc}::text[], ${pName}::text[], ${pFormer}::text[], ${pLegal}::text[],
      ${pRegion}::text[], ${pIndustry}::text[], ${pEstablished}::text[], ${pStatus}::text[], ${pOwnership}::text[],
      ${pInitials}::text[], ${pTerms}::text[], ${numberArray(rowNumbers)}::int4[])
      as i(id, uscc, name, former, legal, region, industry, established, status, ownership, initials, terms, row)
    left join import_job_seen s on s.job_id = ${jobId}::int8 and s.uscc = i.uscc
    where s.uscc is null
    on conflict (id) do update set
      name = excluded.name, former_names = excluded.former_names, legal_representative = excluded.legal_representative,
      region_code = excluded.region_code, industry_code = excluded.industry_code, established_on = excluded.established_on,
      status = excluded.status, ownership_type = excluded.ownership_type, name_initials = excluded.name_initials,
      status_changed_on = case when enterprises.status is distinct from excluded.status
        then (${sql.lit(writtenAt)}::timestamptz at time zone 'Asia/Shanghai')::date else enterprises.status_changed_on end,
      search_terms = excluded.search_terms, version = enterprises.version + 1, updated_at = ${sql.lit(writtenAt)}::timestamptz,
      last_import_job = excluded.last_import_job, last_import_row = excluded.last_import_row
    where (enterprises.name, enterprises.former_names, enterprises.legal_representative, enterprises.region_code,
        enterprises.industry_code, enterprises.established_on, enterprises.status, enterprises.ownership_type)
      is distinct from (excluded.name, excluded.former_names, excluded.legal_representative, excluded.region_code,
        excluded.industry_code, excluded.established_on, excluded.status, excluded.ownership_type)
      and left(enterprises.region_code, length(${scope}::text)) = ${scope}::text
      and (excluded.last_import_job is null or enterprises.last_import_job is distinct from excluded.last_import_job)
    returning id, uscc, (xmax = 0) as inserted, region_code, left(industry_code, 3) as division, status
    ), counted as (
      insert into enterprise_counts (region_code, industry_code, status, enterprises)
      select region_code, division, status, sum(n)::int from (
        select region_code, division, status, 1 as n from written
        union all
        select b.region_code, b.division, b.status, -1 from written w join before b on b.id = w.id
        where not w.inserted
      ) moves group by region_code, division, status having sum(n) <> 0
    )
    select w.id, w.uscc, w.inserted, w.region_code as region, w.division,
      b.region_code as "fromRegion", b.division as "fromDivision"
    from written w left join before b on b.id = w.id and not w.inserted`.execute(db);

  const idOf = new Map<string, number>();
  const fresh = new Set<string>();
  for (const row of written.rows) {
    const code = row.uscc.trim();
    idOf.set(code, row.id);
    if (row.inserted) {
      outcome.inserted += 1;
      fresh.add(code);
    }
  }
  // The `size_stats` roll-up moves in this transaction too (ADR 0026): an updated enterprise that changed county
  // or industry division takes its size classes of every year to its new cell, before its figures are written.
  const counts = new SizeCounts();
  const movers = written.rows.filter(
    (r) => r.fromRegion !== null && (r.fromRegion !== r.region || r.fromDivision !== r.division),
  );
  if (movers.length > 0) {
    const sizes = await countedSizes(
      db,
      movers.map((r) => r.id),
    );
    for (const m of movers) {
      const list = sizes.get(m.id) ?? [];
      counts.addAll(list, m.fromRegion as string, m.fromDivision as string, -1);
      counts.addAll(list, m.region, m.division, 1);
    }
  }
  const skipped: number[] = [];
  for (let i = 0; i < n; i++) if (!idOf.has(uscc[i] as string)) skipped.push(i);
  // Records whose certifications and figures are not written: repeats, and enterprises outside the scope.
  const duplicate = new Set<number>();
  const unchanged: number[] = [];
  if (skipped.length > 0) {
    // Not written: outside the scope, unchanged, or already written by this import (a duplicate row). The upsert
    // locked these rows: what is read here is what it saw.
    const found = await sql<{
      id: number;
      uscc: string;
      job: number | null;
      row: number | null;
      seen: number | null;
      inScope: boolean;
    }>`
      select e.id, e.uscc, e.last_import_job as job, e.last_import_row as row, s.row_number as seen,
        left(e.region_code, length(${scope}::text)) = ${scope}::text as "inScope"
      from enterprises e left join import_job_seen s on s.job_id = ${jobId}::int8 and s.uscc = e.uscc
      where e.id = any(${skipped.map((i) => ids.get(uscc[i] as string) as number)}::int8[])`.execute(db);
    const byCode = new Map(found.rows.map((r) => [r.uscc.trim(), r]));
    for (const i of skipped) {
      const r = byCode.get(uscc[i] as string);
      if (!r) throw new Error(`enterprise ${uscc[i]} was neither written nor found`);
      if (!r.inScope) {
        outcome.outOfScope.push(i);
        duplicate.add(i);
        continue;
      }
      const ownRow = rowNumbers[i];
      const firstRow = jobId === null ? null : r.job === jobId ? r.row : r.seen;
      if (firstRow !== null && firstRow !== ownRow) {
        outcome.duplicates.push({ index: i, firstRow });
        duplicate.add(i);
        continue;
      }
      idOf.set(uscc[i] as string, r.id);
      unchanged.push(i);
    }
    outcome.unchanged = unchanged.length;
    if (jobId !== null && unchanged.length > 0) {
      await sql`
        insert into import_job_seen (job_id, uscc, row_number)
        select ${jobId}::int8, u, r from unnest(${unchanged.map((i) => uscc[i])}::text[],
          ${unchanged.map((i) => rowNumbers[i])}::int4[]) as i(u, r)
        on conflict do nothing`.execute(db);
    }
  }

  // An enterprise whose profile is unchanged but whose certifications or figures changed counts as updated.
  const touched = new Set<number>();
  await writeCertifications(db, prepared, duplicate, idOf, source, touched);
  outcome.figuresAdded = await writeFigures(db, prepared, duplicate, idOf, fresh, source, touched, counts);
  await counts.write(db);
  const changedUnchanged: number[] = [];
  for (const i of unchanged) {
    if (touched.has(idOf.get(uscc[i] as string) as number)) {
      outcome.unchanged -= 1;
      changedUnchanged.push(i);
    }
  }
  outcome.updated =
    n - outcome.duplicates.length - outcome.outOfScope.length - outcome.inserted - outcome.unchanged;
  if (jobId !== null)
    await listChanges(db, jobId, written.rows, changedUnchanged, prepared, rowNumbers, idOf);
  return outcome;
}

/**
 * Lists in `import_job_enterprises` the enterprises a job's batch created or updated (profile, certifications or
 * figures), with their rows, in the batch's transaction: the job's audit entry points to this list (ADR 0015).
 */
async function listChanges(
  db: Db,
  jobId: number,
  upserted: readonly { id: number; uscc: string; inserted: boolean }[],
  changedOtherwise: readonly number[],
  prepared: PreparedBatch,
  rowNumbers: readonly (number | null)[],
  idOf: Map<string, number>,
): Promise<void> {
  if (upserted.length === 0 && changedOtherwise.length === 0) return;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < prepared.n; i++) indexOf.set(prepared.uscc[i] as string, i);
  const ids: number[] = [];
  const rows: (number | null)[] = [];
  const changes: string[] = [];
  for (const r of upserted) {
    ids.push(r.id);
    rows.push(rowNumbers[indexOf.get(r.uscc.trim()) as number] ?? null);
    changes.push(r.inserted ? 'created' : 'updated');
  }
  for (const i of changedOtherwise) {
    ids.push(idOf.get(prepared.uscc[i] as string) as number);
    rows.push(rowNumbers[i] ?? null);
    changes.push('updated');
  }
  await sql`
    insert into import_job_enterprises (job_id, enterprise_id, row_number, change)
    select ${jobId}::int8, i.e, i.r, i.c
    from unnest(${numberArray(ids)}::int8[], ${numberArray(rows)}::int4[], ${textArray(changes)}::text[]) as i(e, r, c)
    on conflict do nothing`.execute(db);
}

async function writeCertifications(
  db: Db,
  prepared: PreparedBatch,
  duplicate: Set<number>,
  idOf: Map<string, number>,
  source: string,
  touched: Set<number>,
) {
  const enterprise: number[] = [];
  const certName: string[] = [];
  const from: string[] = [];
  const to: (string | null)[] = [];
  const { certifications: c, uscc } = prepared;
  for (let k = 0; k < c.at.length; k++) {
    const i = c.at[k] as number;
    if (duplicate.has(i)) continue;
    enterprise.push(idOf.get(uscc[i] as string) as number);
    certName.push(c.name[k] as string);
    from.push(c.from[k] as string);
    to.push(c.to[k] ?? null);
  }
  if (enterprise.length === 0) return;
  const changed = await sql<{ enterprise_id: number }>`
    insert into enterprise_certifications (enterprise_id, name, valid_from, valid_to, source)
    select i.e, i.n, i.f::date, i.t::date, ${source}
    from unnest(${enterprise}::int8[], ${certName}::text[], ${from}::text[], ${to}::text[]) as i(e, n, f, t)
    on conflict (enterprise_id, name, valid_from) do update set valid_to = excluded.valid_to
    where enterprise_certifications.valid_to is distinct from excluded.valid_to
      -- one an official ended stays ended whatever a file says (a new period is a new row)
      and enterprise_certifications.ended_at is null
    returning enterprise_id`.execute(db);
  for (const r of changed.rows) touched.add(r.enterprise_id);
}

/** Writes the figures and size classes: plain inserts for new enterprises, corrections for existing ones. */
async function writeFigures(
  db: Db,
  prepared: PreparedBatch,
  duplicate: Set<number>,
  idOf: Map<string, number>,
  fresh: Set<string>,
  source: string,
  touched: Set<number>,
  counts: SizeCounts,
): Promise<number> {
  const { figureOf, figureParams, uscc, region, industry, figureYear, figureSize } = prepared;
  const createdIds: number[] = [];
  const createdAt: number[] = [];
  const existingIds: number[] = [];
  const existingAt: number[] = [];
  const recordOf = new Map<number, number>();
  for (let i = 0; i < uscc.length; i++) {
    const at = figureOf[i] as number;
    if (at < 0 || duplicate.has(i)) continue;
    const code = uscc[i] as string;
    const id = idOf.get(code) as number;
    if (fresh.has(code)) {
      createdIds.push(id);
      createdAt.push(at);
      // A new enterprise counts once in its cell (its profile as written: this batch created it).
      const size = { year: figureYear[at] as number, standard: STANDARD, size: figureSize[at] as string };
      counts.add(size, region[i] as string, industry[i] as string, 1);
    } else {
      existingIds.push(id);
      existingAt.push(at);
      recordOf.set(id, i);
    }
  }
  let added = 0;
  if (createdIds.length > 0) {
    const params =
      createdIds.length === prepared.figureCount ? figureParams : subsetLiterals(figureParams, createdAt);
    added += await insertFigures(db, numberArray(createdIds), params, source, null);
  }
  if (existingIds.length > 0) {
    // An existing enterprise's profile is as this batch has it (written, or found unchanged), and its row is
    // locked by the batch's upsert: the sizes read here are the ones the upsert below replaces.
    const before = await countedSizes(db, existingIds);
    const params = subsetLiterals(figureParams, existingAt);
    const sized: SizeRow[] = [];
    added += await insertFigures(db, numberArray(existingIds), params, source, touched, sized);
    for (const r of sized) {
      const i = recordOf.get(r.enterprise_id) as number;
      const old = before.get(r.enterprise_id)?.find((s) => s.year === r.year && s.standard === STANDARD);
      if (old) counts.add(old, region[i] as string, industry[i] as string, -1);
      counts.add(
        { year: r.year, standard: STANDARD, size: r.size },
        region[i] as string,
        industry[i] as string,
        1,
      );
    }
  }
  return added;
}

function subsetLiterals(
  params: Record<(typeof FIGURE_KEYS)[number], string>,
  at: readonly number[],
): Record<(typeof FIGURE_KEYS)[number], string> {
  const out = {} as Record<(typeof FIGURE_KEYS)[number], string>;
  for (const key of FIGURE_KEYS) out[key] = subsetLiteral(params[key], at);
  return out;
}

/** A size class an upsert wrote. */
interface SizeRow {
  enterprise_id: number;
  year: number;
  size: string;
}

/**
 * Inserts figures and sizes: of new enterprises (`touched` null), or of existing ones, noting which changed and
 * adding the size classes written (inserted or changed) to `sized`.
 */
async function insertFigures(
  db: Db,
  ids: string,
  p: Record<(typeof FIGURE_KEYS)[number], string>,
  source: string,
  touched: Set<number> | null,
  sized?: SizeRow[],
): Promise<number> {
  const existing = touched !== null;
  const input = sql`unnest(${ids}::int8[], ${p.y}::int2[], ${p.emp}::int4[], ${p.orev}::numeric[],
      ${p.mrev}::numeric[], ${p.ta}::numeric[], ${p.tl}::numeric[], ${p.rd}::numeric[], ${p.rds}::int4[],
      ${p.ti}::numeric[], ${p.vat}::text[]) as i(e, y, emp, orev, mrev, ta, tl, rd, rds, ti, vat)`;
  if (existing) {
    // Retire the current figures that differ; a row is added below wherever no current one remains.
    await sql`
      update enterprise_figures f set is_current = false
      from ${input}
      where f.enterprise_id = i.e and f.year = i.y and f.is_current
        and (f.employees, f.operating_revenue, f.main_business_revenue, f.total_assets, f.total_liabilities,
             f.rd_expense, f.rd_staff, f.taxable_income, f.vat_taxpayer_type)
          is distinct from (i.emp, i.orev, i.mrev, i.ta, i.tl, i.rd, i.rds, i.ti, i.vat)`.execute(db);
  }
  const added = await sql<{ enterprise_id: number }>`
    insert into enterprise_figures (enterprise_id, year, employees, operating_revenue, main_business_revenue,
      total_assets, total_liabilities, rd_expense, rd_staff, taxable_income, vat_taxpayer_type, source)
    select i.e, i.y, i.emp, i.orev, i.mrev, i.ta, i.tl, i.rd, i.rds, i.ti, i.vat, ${source}
    from ${input}
    ${
      existing
        ? // Where no current row remains (the partial unique index of current figures; not a NOT EXISTS,
          // which Citus cannot plan over a list)
          sql`on conflict (enterprise_id, year) where is_current do nothing
      returning enterprise_id`
        : sql``
    }`.execute(db);
  if (touched) for (const r of added.rows) touched.add(r.enterprise_id);
  const sizes = await sql<SizeRow>`
    insert into enterprise_sizes (enterprise_id, year, standard, size, category, reason_zh, reason_en)
    select i.e, i.y, ${sql.lit(STANDARD)}, i.size, i.category, i.zh, i.en
    from unnest(${ids}::int8[], ${p.y}::int2[], ${p.size}::text[], ${p.category}::text[], ${p.reasonZh}::text[],
      ${p.reasonEn}::text[]) as i(e, y, size, category, zh, en)
    ${
      existing
        ? sql`on conflict (enterprise_id, year, standard) do update set
      size = excluded.size, category = excluded.category, reason_zh = excluded.reason_zh,
      reason_en = excluded.reason_en, computed_at = ${sql.lit(new Date().toISOString())}::timestamptz
    where (enterprise_sizes.size, enterprise_sizes.category, enterprise_sizes.reason_zh)
      is distinct from (excluded.size, excluded.category, excluded.reason_zh)
    returning enterprise_id, year, size`
        : sql``
    }`.execute(db);
  if (sized) sized.push(...sizes.rows);
  return existing ? added.rows.length : Number(added.numAffectedRows ?? 0);
}

/**
 * Refreshes the planner's statistics of the registry tables. A bulk load grows them from nothing within one job;
 * without fresh statistics the planner keeps treating them as tiny and picks whole-table scans for the
 * per-batch look-ups, which makes a long import quadratic. Called after batches 1, 2, 4, 8 and 16 of a job:
 * from then on the planner scales the row count it knows by the table's current size, so the statistics stay
 * good while the tables grow, and later passes would only cost time (about 0.2 s each).
 */
export async function analyzeRegistryTables(db: Db): Promise<void> {
  await sql`analyze enterprises, enterprise_figures, enterprise_sizes, import_job_seen`.execute(db);
}
