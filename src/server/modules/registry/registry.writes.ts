/**
 * Set-based writes of the registry: a batch of validated enterprises becomes a handful of statements (arrays
 * passed through `unnest`, so the statement size does not grow with the batch), identical on both engines.
 * Re-submitting the same data changes nothing: updates and new figure rows happen only where values differ.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EnterpriseInput } from './registry.model.ts';
import { nameInitials, searchTerms } from './search.ts';
import { classifyCn } from './size.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What a batch changed. */
export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  figuresAdded: number;
  /** Years whose statistics must be refreshed. */
  years: Set<number>;
}

const UNIT = '\u001f';

/** Upserts a batch of enterprises with their certifications, figures and size classes. */
export async function writeEnterpriseBatch(
  db: Db,
  batch: readonly EnterpriseInput[],
  source: string,
): Promise<BatchOutcome> {
  const n = batch.length;
  const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, figuresAdded: 0, years: new Set() };
  if (n === 0) return outcome;
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
  for (let i = 0; i < n; i++) {
    const e = batch[i] as EnterpriseInput;
    uscc[i] = e.uscc;
    name[i] = e.name;
    former[i] = e.formerNames.join(UNIT);
    legal[i] = e.legalRepresentative;
    region[i] = e.regionCode;
    industry[i] = e.industryCode;
    established[i] = e.establishedOn;
    status[i] = e.status ?? 'active';
    ownership[i] = e.ownershipType;
    const ini = nameInitials(e.name);
    initials[i] = ini;
    terms[i] = searchTerms(e.name, e.formerNames, ini).join(' ');
  }
  const written = await sql<{ id: number; inserted: boolean }>`
    insert into enterprises (uscc, name, former_names, legal_representative, region_code, industry_code,
      established_on, status, ownership_type, name_initials, search_terms)
    select i.uscc, i.name,
      case when i.former = '' then '{}'::text[] else string_to_array(i.former, ${UNIT}) end,
      i.legal, i.region, i.industry, i.established::date, i.status, i.ownership, i.initials,
      case when i.terms = '' then '{}'::text[] else string_to_array(i.terms, ' ') end
    from unnest(${uscc}::text[], ${name}::text[], ${former}::text[], ${legal}::text[], ${region}::text[],
      ${industry}::text[], ${established}::text[], ${status}::text[], ${ownership}::text[], ${initials}::text[],
      ${terms}::text[]) as i(uscc, name, former, legal, region, industry, established, status, ownership, initials, terms)
    on conflict (uscc) do update set
      name = excluded.name, former_names = excluded.former_names, legal_representative = excluded.legal_representative,
      region_code = excluded.region_code, industry_code = excluded.industry_code, established_on = excluded.established_on,
      status = excluded.status, ownership_type = excluded.ownership_type, name_initials = excluded.name_initials,
      search_terms = excluded.search_terms, version = enterprises.version + 1, updated_at = now()
    where (enterprises.name, enterprises.former_names, enterprises.legal_representative, enterprises.region_code,
        enterprises.industry_code, enterprises.established_on, enterprises.status, enterprises.ownership_type)
      is distinct from (excluded.name, excluded.former_names, excluded.legal_representative, excluded.region_code,
        excluded.industry_code, excluded.established_on, excluded.status, excluded.ownership_type)
    returning id, (xmax = 0) as inserted`.execute(db);
  for (const row of written.rows) {
    if (row.inserted) outcome.inserted += 1;
    else outcome.updated += 1;
  }
  outcome.unchanged = n - written.rows.length;

  const ids = await sql<{ id: number; uscc: string }>`
    select id, uscc from enterprises where uscc = any(${uscc}::text[])`.execute(db);
  const idOf = new Map(ids.rows.map((r) => [r.uscc.trim(), r.id]));

  await writeCertifications(db, batch, idOf, source);
  outcome.figuresAdded = await writeFigures(db, batch, idOf, source, outcome.years);
  return outcome;
}

async function writeCertifications(
  db: Db,
  batch: readonly EnterpriseInput[],
  idOf: Map<string, number>,
  source: string,
) {
  const enterprise: number[] = [];
  const certName: string[] = [];
  const from: string[] = [];
  const to: (string | null)[] = [];
  for (const e of batch) {
    for (const c of e.certifications) {
      enterprise.push(idOf.get(e.uscc) as number);
      certName.push(c.name);
      from.push(c.validFrom);
      to.push(c.validTo);
    }
  }
  if (enterprise.length === 0) return;
  await sql`
    insert into enterprise_certifications (enterprise_id, name, valid_from, valid_to, source)
    select i.e, i.n, i.f::date, i.t::date, ${source}
    from unnest(${enterprise}::int8[], ${certName}::text[], ${from}::text[], ${to}::text[]) as i(e, n, f, t)
    on conflict (enterprise_id, name, valid_from) do update set valid_to = excluded.valid_to
    where enterprise_certifications.valid_to is distinct from excluded.valid_to`.execute(db);
}

async function writeFigures(
  db: Db,
  batch: readonly EnterpriseInput[],
  idOf: Map<string, number>,
  source: string,
  years: Set<number>,
): Promise<number> {
  const rows = batch.filter((e) => e.figures !== null);
  if (rows.length === 0) return 0;
  const col = {
    e: [] as number[],
    y: [] as number[],
    emp: [] as (number | null)[],
    orev: [] as (number | null)[],
    mrev: [] as (number | null)[],
    ta: [] as (number | null)[],
    tl: [] as (number | null)[],
    rd: [] as (number | null)[],
    rds: [] as (number | null)[],
    ti: [] as (number | null)[],
    vat: [] as (string | null)[],
  };
  const size: string[] = [];
  const category: (string | null)[] = [];
  const reasonZh: string[] = [];
  const reasonEn: string[] = [];
  for (const e of rows) {
    const f = e.figures as NonNullable<EnterpriseInput['figures']>;
    col.e.push(idOf.get(e.uscc) as number);
    col.y.push(f.year);
    col.emp.push(f.employees);
    col.orev.push(f.operatingRevenue);
    col.mrev.push(f.mainBusinessRevenue);
    col.ta.push(f.totalAssets);
    col.tl.push(f.totalLiabilities);
    col.rd.push(f.rdExpense);
    col.rds.push(f.rdStaff);
    col.ti.push(f.taxableIncome);
    col.vat.push(f.vatTaxpayerType);
    years.add(f.year);
    const result = classifyCn({
      industryCode: e.industryCode,
      employees: f.employees,
      operatingRevenue: f.operatingRevenue,
      mainBusinessRevenue: f.mainBusinessRevenue,
      totalAssets: f.totalAssets,
    });
    size.push(result.size);
    category.push(result.category?.code ?? null);
    reasonZh.push(result.reason.zh);
    reasonEn.push(result.reason.en);
  }
  const input = sql`unnest(${col.e}::int8[], ${col.y}::int2[], ${col.emp}::int4[], ${col.orev}::numeric[],
      ${col.mrev}::numeric[], ${col.ta}::numeric[], ${col.tl}::numeric[], ${col.rd}::numeric[], ${col.rds}::int4[],
      ${col.ti}::numeric[], ${col.vat}::text[]) as i(e, y, emp, orev, mrev, ta, tl, rd, rds, ti, vat)`;
  // Retire the current figures that differ, then add a row wherever no current one remains.
  await sql`
    update enterprise_figures f set is_current = false
    from ${input}
    where f.enterprise_id = i.e and f.year = i.y and f.is_current
      and (f.employees, f.operating_revenue, f.main_business_revenue, f.total_assets, f.total_liabilities,
           f.rd_expense, f.rd_staff, f.taxable_income, f.vat_taxpayer_type)
        is distinct from (i.emp, i.orev, i.mrev, i.ta, i.tl, i.rd, i.rds, i.ti, i.vat)`.execute(db);
  const added = await sql`
    insert into enterprise_figures (enterprise_id, year, employees, operating_revenue, main_business_revenue,
      total_assets, total_liabilities, rd_expense, rd_staff, taxable_income, vat_taxpayer_type, source)
    select i.e, i.y, i.emp, i.orev, i.mrev, i.ta, i.tl, i.rd, i.rds, i.ti, i.vat, ${source}
    from ${input}
    where not exists (select 1 from enterprise_figures f where f.enterprise_id = i.e and f.year = i.y and f.is_current)`.execute(
    db,
  );
  await sql`
    insert into enterprise_sizes (enterprise_id, year, standard, size, category, reason_zh, reason_en)
    select i.e, i.y, 'cn-2011', i.size, i.category, i.zh, i.en
    from unnest(${col.e}::int8[], ${col.y}::int2[], ${size}::text[], ${category}::text[], ${reasonZh}::text[],
      ${reasonEn}::text[]) as i(e, y, size, category, zh, en)
    on conflict (enterprise_id, year, standard) do update set
      size = excluded.size, category = excluded.category, reason_zh = excluded.reason_zh,
      reason_en = excluded.reason_en, computed_at = now()
    where (enterprise_sizes.size, enterprise_sizes.category, enterprise_sizes.reason_zh)
      is distinct from (excluded.size, excluded.category, excluded.reason_zh)`.execute(db);
  return Number(added.numAffectedRows ?? 0);
}

/**
 * Refreshes the planner's statistics of the registry tables. A bulk load grows them from nothing within one job;
 * without fresh statistics the planner keeps treating them as tiny and picks whole-table scans for the
 * per-batch look-ups, which makes a long import quadratic. Called after batches 1, 2, 4, 8, … of a job.
 */
export async function analyzeRegistryTables(db: Db): Promise<void> {
  await sql`analyze enterprises, enterprise_figures, enterprise_sizes, enterprise_certifications, import_job_seen`.execute(
    db,
  );
}

/**
 * Recomputes the statistics roll-up for the given years (all standards) from the stored size classes: all of it,
 * or only one county × industry division cell (after one enterprise's change).
 */
export async function refreshSizeStats(
  db: Db,
  years: Iterable<number>,
  cell?: { regionCode: string; industryCode: string },
): Promise<void> {
  const list = [...years];
  if (list.length === 0) return;
  const division = cell?.industryCode.slice(0, 3);
  const onlyRollup = cell ? sql`and region_code = ${cell.regionCode} and industry_code = ${division}` : sql``;
  const onlySource = cell
    ? sql`and e.region_code = ${cell.regionCode} and left(e.industry_code, 3) = ${division}`
    : sql``;
  await sql`delete from size_stats where year = any(${list}::int2[]) ${onlyRollup}`.execute(db);
  await sql`
    insert into size_stats (year, standard, region_code, industry_code, size, enterprises)
    select s.year, s.standard, e.region_code, left(e.industry_code, 3), s.size, count(*)::int
    from enterprise_sizes s join enterprises e on e.id = s.enterprise_id
    where s.year = any(${list}::int2[]) ${onlySource}
    group by s.year, s.standard, e.region_code, left(e.industry_code, 3), s.size`.execute(db);
}
