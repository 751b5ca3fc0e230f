/**
 * Figure (issue 18, measures 16–17): score 1,000,000 enterprises for all three cultivation tiers with explanations —
 * at least 500,000 a second in the process, and the job over PostgreSQL within 60 s — beside a peer measured in the
 * same run.
 *
 * - Data: the registry of `huiqi_bench_monitoring` (bench/monitoring-data.ts builds or reuses it: 1,000,000
 *   enterprises with their 2025 figures: employees, operating revenue, total assets; no other year, no R&D,
 *   main-business revenue or liabilities, no recognitions), migrated to the latest schema; once, every enterprise but
 *   one in ten gets its own facts of 2025 (`cultivation_facts`, drawn in SQL from its id: niche years, IP items, R&D
 *   institution, digital level, quality items, awards, equity, the little giants' facts), and 浙江 and 广东 a 特色化
 *   set of 2026 (two indicators their enterprises give). Scored on 2026-12-07 (data year 2025). The registry's
 *   figures are not changed here (other benchmarks share them): the years 2024 and 2023 are read and found empty,
 *   the R&D and main-business figures are unknown, and no enterprise holds a recognition, so the two upper tiers
 *   (which require the tier below) are unlikely everywhere and the innovative tier likely or incomplete.
 * - End to end, ours: the module's `scoreRegistry` over the nation — each batch of 10,000 enterprises read through the
 *   registry's index (the figures of 2025, 2024 and 2023, the recognitions valid on the day) with their own facts and
 *   stored scores, every tier assessed (status, score, dimension points, missing facts counted), the changed rows
 *   written in one upsert per batch. Run twice: first with `cultivation_scores` emptied (all 3,000,000 rows
 *   written), then again (nothing changed: read and assess only).
 * - In the process, ours: `assessTiers` (the three standards compiled once per province) over the 1,000,000
 *   enterprises' facts held in memory; an assessment keeps its status, total and dimension points and works out
 *   the rest again when read (scoring stops at a failed requirement, such as the tier below not held): measured
 *   without reading more, with each tier's `summary` read, and as the job reads them (dimension points and the
 *   missing facts counted).
 * - Peer, same run: in the process, the straightforward scorer — each standard's data interpreted per enterprise
 *   (bands searched, conditions walked, no compiling) with every text built eagerly (each indicator's figures, each
 *   condition's reason, the missing facts, the summary); its statuses and totals are checked against ours. End to
 *   end, one enterprise at a time as its page assesses it (`enterpriseFacts` + `assessAll` of cultivation.assess.ts,
 *   the rows written one by one) on a sample, extrapolated to 1,000,000.
 *
 * Usage: npx tsx bench/cultivation-scoring.ts [--peer-sample 500] [--data-only: write the data, measure nothing]
 *   [--region 46: only a region's enterprises, to check this script quickly]
 */
import os from 'node:os';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import {
  assessAll,
  assessTiers,
  band,
  type CompiledTiers,
  combineFacts,
  compileTiers,
  type EnterpriseFacts,
  enterpriseFacts,
  excl,
  factClasses,
  factName,
  incl,
  LEVEL_OPTIONS,
  MEASURES,
  type MeasureId,
  missingCounter,
  type ProvinceIndicatorSet,
  provinceIndicatorSets,
  provinceOf,
  type RegistryYearFigures,
  readOwnFacts,
  type Scale,
  scoreRegistry,
  scoreRow,
  standardsInForce,
  type Test,
  type TierAssessment,
  type TierStandard,
} from '../src/server/modules/cultivation/index.ts';
import { percentile, printFigures } from './financing-data.ts';
import { numberOption } from './lib.ts';
import { backendCpu, buildMonitoringBenchDatabase, cpuUsed } from './monitoring-data.ts';

const PEER_SAMPLE = numberOption('peer-sample', 500);
const ON = '2026-12-07';
const DATA_YEAR = 2025;

const built = await buildMonitoringBenchDatabase();
const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 6 });
const db = handle.db;
await migrateToLatest(db);

// ---- Data: the enterprises' own facts and two provinces' 特色化 sets, once

/** 特色化 of a province: the export share (10 points) and a cluster (5). */
const provinceSet = (): Omit<ProvinceIndicatorSet, 'province'> => ({
  standardId: '2022-specialised',
  indicators: [
    {
      id: 'export_share',
      zh: '出口额占比',
      en: 'Export share',
      unit: { zh: '%', en: '%' },
      max: 10,
      bands: [band(10, incl(20), null), band(5, incl(10), excl(20)), band(0, null, excl(10))],
    },
    {
      id: 'cluster',
      zh: '属于本省特色产业集群',
      en: 'In a provincial cluster',
      unit: { zh: '', en: '' },
      max: 5,
      bands: [band(5, incl(1), null), band(0, null, excl(1))],
    },
  ],
});
await sql`
  insert into cultivation_settings (province_code, tier, year, indicators, updated_at)
  select p, 'specialised', 2026, ${JSON.stringify([provinceSet()])}::jsonb, now()
  from unnest(array['330000', '440000']) p
  on conflict do nothing`.execute(db);

const { rows: have } = await sql<{ n: number }>`
  select count(*)::int as n from cultivation_facts where year = ${DATA_YEAR}`.execute(db);
if ((have[0]?.n ?? 0) < 800_000) {
  console.log('Writing the own facts of 2025 of nine enterprises in ten…');
  const started = performance.now();
  await sql`delete from cultivation_facts where year = ${DATA_YEAR}`.execute(db);
  // h: a number from the id that spreads neighbours apart; each fact reads its own digits of it.
  await sql`
    insert into cultivation_facts (enterprise_id, year, facts, updated_at)
    select e.id, ${DATA_YEAR}, jsonb_strip_nulls(jsonb_build_object(
        'netProfit', round(coalesce(f.operating_revenue, 100) * ((h % 23) - 4) / 100.0, 2),
        'nicheYears', (h / 3) % 12,
        'ipClassIHighValue', case when h % 50 = 0 then 1 else 0 end,
        'ipClassISelfDeveloped', (h / 7) % 3,
        'ipClassIOther', (h / 11) % 3,
        'ipClassII', (h / 13) % 4,
        'ipClassIInUse', least((h / 7) % 3, (h / 17) % 3),
        'rdInstitution', (array['none', 'none', 'none', 'below_city', 'city', 'city', 'provincial',
          'none', 'below_city', 'national'])[1 + (h / 19) % 10],
        'digitalLevel', (h / 23) % 5,
        'qualityItems', (array['[]', '["own_brand"]', '["own_brand", "quality_system_certification"]',
          '["standard_setting"]'])[1 + (h / 29) % 4]::jsonb,
        'productField', (array['other', 'other', 'base_brand_or_leader_supplier', 'gap_or_key_chain'])[1 + (h / 31) % 4],
        'inStrategicCatalogue', (h / 37) % 3 = 0,
        'nationalAwardRank', case when h % 997 = 0 then to_jsonb(3) else to_jsonb('none'::text) end,
        'provincialAwardRank', case when h % 211 = 0 then to_jsonb(2) else to_jsonb('none'::text) end,
        'makerChinaTop500', h % 307 = 0,
        'newEquity2y', case when h % 41 = 0 then 800 else 0 end,
        'newEquity3y', case when h % 41 = 0 then 1200 else 0 end,
        'informationSystems', (h / 43) % 2 = 0,
        'certifiedManagement', (h / 47) % 2 = 0,
        'nationalMarketShare', (h / 53) % 15,
        'keyChainLink', (h / 59) % 4 = 0,
        'priorityField', (h / 61) % 3 = 0,
        'provinceIndicators', case when e.region_code like '33%' or e.region_code like '44%'
          then jsonb_build_object('export_share', (h / 67) % 30, 'cluster', (h / 71) % 2) end)), now()
    from enterprises e
    cross join lateral (select (e.id * 2654435761) % 1000003 as h) x
    left join enterprise_figures f on f.enterprise_id = e.id and f.year = ${DATA_YEAR} and f.is_current
    where h % 10 <> 0`.execute(db);
  await sql`vacuum analyze cultivation_facts`.execute(db);
  console.log(`  written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
if (process.argv.includes('--data-only')) {
  await handle.close();
  process.exit(0);
}
// `--region 46`: only the enterprises of a region (a quick check of this script, not the figure).
const REGION = (() => {
  const i = process.argv.indexOf('--region');
  return i >= 0 ? (process.argv[i + 1] ?? '') : '';
})();
const inRegion = sql.raw(REGION === '' ? 'true' : `e.region_code like '${REGION.replace(/[^0-9]/g, '')}%'`);
const { rows: counted } = await sql<{ n: number }>`
  select count(*)::int as n from enterprises e where ${inRegion}`.execute(db);
const total = counted[0]?.n ?? 0;

// ---- End to end, ours: every row written, then a run that changes nothing

const loadBefore = os.loadavg() as [number, number, number];
await sql`truncate cultivation_scores`.execute(db);
await sql`vacuum analyze cultivation_scores`.execute(db);
// The registry's rows into the cache, for ours and the peer alike.
await sql`select count(*) from enterprise_figures`.execute(db);
await sql`select count(*) from cultivation_facts`.execute(db);
const endToEnd = async () => {
  const cpuBefore = await backendCpu(db);
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  const result = await scoreRegistry(db, { onDate: ON, regionPrefix: REGION });
  const seconds = (performance.now() - started) / 1000;
  const node = process.cpuUsage(nodeBefore);
  return {
    seconds,
    result,
    dbCpu: cpuUsed(cpuBefore, await backendCpu(db)),
    nodeCpu: (node.user + node.system) / 1e6,
  };
};
const first = await endToEnd();
await sql`vacuum analyze cultivation_scores`.execute(db);
const second = await endToEnd();

// ---- In the process: every enterprise's facts loaded, then assessed

console.log('Loading 1,000,000 enterprises’ facts…');
const facts: EnterpriseFacts[] = [];
const provinces: (string | null)[] = [];
{
  const CHUNK = 100_000;
  const { rows: highest } = await sql<{ id: number | null }>`select max(id) as id from enterprises`.execute(
    db,
  );
  const last = Number(highest[0]?.id ?? 0);
  for (let from = 0; from < last; from += CHUNK) {
    const { rows } = await sql<{
      id: number;
      region_code: string | null;
      y0: RegistryYearFigures | null;
      y1: RegistryYearFigures | null;
      y2: RegistryYearFigures | null;
      own: Record<string, unknown> | null;
    }>`
      select e.id, e.region_code, to_jsonb(f0) as y0, to_jsonb(f1) as y1, to_jsonb(f2) as y2, c.facts as own
      from enterprises e
      left join enterprise_figures f0 on f0.enterprise_id = e.id and f0.year = ${DATA_YEAR} and f0.is_current
      left join enterprise_figures f1 on f1.enterprise_id = e.id and f1.year = ${DATA_YEAR - 1} and f1.is_current
      left join enterprise_figures f2 on f2.enterprise_id = e.id and f2.year = ${DATA_YEAR - 2} and f2.is_current
      left join cultivation_facts c on c.enterprise_id = e.id and c.year = ${DATA_YEAR}
      where e.id > ${from} and e.id <= ${from + CHUNK} and ${inRegion}
      order by e.id`.execute(db);
    for (const r of rows) {
      // numeric columns come as JSON numbers from to_jsonb
      const years = [r.y0, r.y1, r.y2];
      facts.push(
        combineFacts(
          (year) => years[DATA_YEAR - year] ?? undefined,
          [],
          r.own === null ? {} : readOwnFacts(r.own).facts,
          DATA_YEAR,
          ON,
        ),
      );
      provinces.push(provinceOf(r.region_code));
    }
  }
}
const sets = await provinceIndicatorSets(db, 2026);
const standards = standardsInForce(ON);
const compiledByProvince = new Map<string | null, CompiledTiers>();
const compiledOf = (province: string | null) => {
  let c = compiledByProvince.get(province);
  if (!c) {
    c = compileTiers(
      standards,
      sets.filter((s) => s.province === province),
    );
    compiledByProvince.set(province, c);
  }
  return c;
};
const compiledList = provinces.map(compiledOf);

const inProcess = (label: string, passes: number, score: (i: number) => number) => {
  const runs: number[] = [];
  let sum = 0;
  for (let run = 0; run < passes; run++) {
    sum = 0;
    const started = performance.now();
    for (let i = 0; i < facts.length; i++) sum += score(i);
    runs.push(facts.length / ((performance.now() - started) / 1000));
  }
  const sorted = [...runs].sort((a, b) => a - b);
  console.log(`  ${label}: ${runs.map((r) => Math.round(r).toLocaleString('en-US')).join(', ')} /s`);
  return { rate: percentile(sorted, 50), best: Math.max(...runs), sum };
};
const likelyOf = (results: TierAssessment[]) => {
  let n = 0;
  for (const a of results) if (a.status === 'likely') n++;
  return n;
};
console.log(`In the process over ${facts.length.toLocaleString('en-US')} enterprises (3 passes each):`);
const ours = inProcess('ours, texts not read', 3, (i) =>
  likelyOf(assessTiers(compiledList[i] as CompiledTiers, facts[i] as EnterpriseFacts)),
);
const oursSummary = inProcess('ours, each summary read', 3, (i) => {
  const results = assessTiers(compiledList[i] as CompiledTiers, facts[i] as EnterpriseFacts);
  let n = 0;
  for (const a of results) n += a.summary.zh.length > 0 ? 1 : 0;
  return n - 3 + likelyOf(results);
});
const missingOf = missingCounter();
const oursAsJob = inProcess('ours, as the job reads it (dimension points, missing counted)', 3, (i) => {
  const compiled = compiledList[i] as CompiledTiers;
  const f = facts[i] as EnterpriseFacts;
  const results = assessTiers(compiled, f);
  const classes = factClasses(f);
  let n = 0;
  for (let t = 0; t < results.length; t++) {
    const standard = compiled.tiers[t] as CompiledTiers['tiers'][number];
    const assessment = results[t] as TierAssessment;
    const row = scoreRow(i, standard, assessment, DATA_YEAR, missingOf(standard, f, classes, assessment));
    if (row.status === 'likely') n++;
  }
  return n;
});

// ---- The peer: each standard's data interpreted per enterprise, every text built eagerly

type Tri = 1 | 0 | -1;
interface Localized {
  zh: string;
  en: string;
}
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));

function measureOf(measure: MeasureId, f: EnterpriseFacts): number {
  return MEASURES[measure].get(f);
}

function scalePoints(scale: Scale, v: number): number | null {
  if (Number.isNaN(v)) return null;
  if ('bands' in scale) {
    for (const b of scale.bands) {
      const aboveLower = b.lower === null || v > b.lower.value || (v === b.lower.value && b.lower.included);
      const belowUpper = b.upper === null || v < b.upper.value || (v === b.upper.value && b.upper.included);
      if (aboveLower && belowUpper) return b.points;
    }
    return null;
  }
  if ('options' in scale) {
    const option = (LEVEL_OPTIONS[scale.measure] as readonly string[])[v];
    return scale.options.find((o) => o.option === option)?.points ?? null;
  }
  return v === 1 ? scale.yes : scale.no;
}

function testOf(test: Test, f: EnterpriseFacts): Tri {
  switch (test.op) {
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt': {
      const v = measureOf(test.measure, f);
      if (Number.isNaN(v)) return -1;
      const holds =
        test.op === 'gte'
          ? v >= test.value
          : test.op === 'gt'
            ? v > test.value
            : test.op === 'lte'
              ? v <= test.value
              : v < test.value;
      return holds ? 1 : 0;
    }
    case 'at_least': {
      const v = measureOf(test.measure, f);
      if (Number.isNaN(v)) return -1;
      return v >= (LEVEL_OPTIONS[test.measure] as readonly string[]).indexOf(test.option) ? 1 : 0;
    }
    case 'yes': {
      const v = measureOf(test.measure, f);
      return Number.isNaN(v) ? -1 : v === 1 ? 1 : 0;
    }
    case 'holds': {
      if (f.certifications == null) return -1;
      return test.recognitions.some((r) => f.certifications?.includes(r)) ? 1 : 0;
    }
    case 'all':
    case 'any': {
      let unknown = false;
      for (const part of test.of) {
        const r = testOf(part, f);
        if (r === (test.op === 'all' ? 0 : 1)) return r;
        if (r === -1) unknown = true;
      }
      return unknown ? -1 : test.op === 'all' ? 1 : 0;
    }
  }
}

const and = (a: Tri, b: Tri): Tri => (a === 0 || b === 0 ? 0 : a === 1 && b === 1 ? 1 : -1);
const or = (a: Tri, b: Tri): Tri => (a === 1 || b === 1 ? 1 : a === 0 && b === 0 ? 0 : -1);
const STATE: Record<Tri, Localized> = {
  1: { zh: '满足', en: 'met' },
  0: { zh: '不满足', en: 'not met' },
  [-1]: { zh: '缺少数据', en: 'facts missing' },
};

/** One tier interpreted from its data, every text written. */
function interpret(standard: TierStandard, set: ProvinceIndicatorSet | undefined, f: EnterpriseFacts) {
  const indicatorTexts: Localized[] = [];
  const dimensionTexts: Localized[] = [];
  const missing = new Map<string, Localized>();
  let total = 0;
  let known: Tri = 1;
  let possible = true;
  let upperTotal = 0;
  for (const dimension of standard.score?.dimensions ?? []) {
    const unset = dimension.provinceSet !== undefined && set === undefined;
    let points = 0;
    let upper = unset ? dimension.max : 0;
    const indicators: { id: string; zh: string; en: string; max: number; values: [Localized, number][] }[] =
      [];
    if (dimension.provinceSet !== undefined) {
      for (const p of set?.indicators ?? []) {
        const raw = f.provinceIndicators?.[p.id];
        const v = raw == null ? Number.NaN : raw;
        const got = scalePoints({ measure: 'operating_revenue', bands: p.bands }, v);
        indicators.push({ id: p.id, zh: p.zh, en: p.en, max: p.max, values: [[{ zh: p.zh, en: p.en }, v]] });
        if (got === null) missing.set(`provinceIndicators.${p.id}`, { zh: p.zh, en: p.en });
        const best = got ?? 0;
        points += best;
        upper += got === null && best < p.max ? p.max : best;
        indicatorTexts.push({
          zh: `${p.zh}：${Number.isNaN(v) ? '缺少数据' : fmt(v)}${p.unit?.zh ?? ''}，得${best}分（满分${p.max}）`,
          en: `${p.en}: ${Number.isNaN(v) ? 'unknown' : fmt(v)}${p.unit?.en ?? ''}, ${best} of ${p.max}`,
        });
      }
      if (unset) missing.set('provinceIndicators', factName('provinceIndicators'));
    } else {
      for (const indicator of dimension.indicators) {
        let best = 0;
        let unknown = false;
        const parts: string[] = [];
        const partsEn: string[] = [];
        for (const scale of indicator.scales) {
          const definition = MEASURES[scale.measure];
          const v = definition.get(f);
          const got = scalePoints(scale, v);
          if (got === null) {
            unknown = true;
            for (const fact of definition.facts) if (f[fact] == null) missing.set(fact, factName(fact));
          } else if (got > best) best = got;
          const unit = definition.unit ?? { zh: '', en: '' };
          parts.push(`${definition.zh}${Number.isNaN(v) ? '缺少数据' : `${fmt(v)}${unit.zh}`}`);
          partsEn.push(`${definition.en} ${Number.isNaN(v) ? 'unknown' : `${fmt(v)}${unit.en}`}`);
        }
        points += best;
        upper += unknown && best < indicator.max ? indicator.max : best;
        indicatorTexts.push({
          zh: `${indicator.zh}：${parts.join('，')}，得${best}分（满分${indicator.max}）`,
          en: `${indicator.en}: ${partsEn.join(', ')}, ${best} of ${indicator.max}`,
        });
      }
    }
    total += points;
    upperTotal += upper;
    const minimum = dimension.minimum?.points ?? null;
    if (minimum !== null) {
      if (points < minimum) known = 0;
      if (upper < minimum) possible = false;
    }
    dimensionTexts.push({
      zh: `${dimension.zh}${unset ? '未设' : points}${minimum === null ? '' : `（最低${minimum}）`}`,
      en: `${dimension.en} ${unset ? 'not set' : points}${minimum === null ? '' : ` (minimum ${minimum})`}`,
    });
  }
  let scoreState: Tri = 0;
  if (standard.score !== null) {
    if (total < standard.score.passTotal) known = 0;
    scoreState = known === 1 ? 1 : possible && upperTotal >= standard.score.passTotal ? -1 : 0;
  }
  let required: Tri = 1;
  let alternative: Tri = 0;
  const conditionTexts: Localized[] = [];
  const conditions: { group: string; zh: string; en: string; test: Test }[] = [
    ...(standard.prerequisite
      ? [
          {
            group: 'prerequisite',
            zh: `已认定为${standard.prerequisite.recognition}`,
            en: `Holds ${standard.prerequisite.recognition}`,
            test: { op: 'holds', recognitions: [standard.prerequisite.recognition] } as Test,
          },
        ]
      : []),
    ...standard.required.map((c) => ({ group: 'required', zh: c.zh, en: c.en, test: c.test })),
    ...standard.alternatives.map((c) => ({ group: 'alternative', zh: c.zh, en: c.en, test: c.test })),
  ];
  for (const c of conditions) {
    const state = testOf(c.test, f);
    if (c.group === 'alternative') alternative = or(alternative, state);
    else required = and(required, state);
    conditionTexts.push({ zh: `${c.zh}：${STATE[state].zh}`, en: `${c.en}: ${STATE[state].en}` });
  }
  const path: Tri =
    standard.score === null && standard.alternatives.length === 0 ? 1 : or(alternative, scoreState);
  const overall = and(required, path);
  const status = overall === 1 ? 'likely' : overall === 0 ? 'unlikely' : 'incomplete';
  const summary: Localized = {
    zh: `${standard.documentNumber}（${standard.id}）：${status}；总分${total}（${dimensionTexts.map((d) => d.zh).join('，')}）`,
    en: `${standard.documentNumber} (${standard.id}): ${status}; total ${total} (${dimensionTexts.map((d) => d.en).join(', ')})`,
  };
  return {
    status,
    total,
    summary,
    indicators: indicatorTexts,
    conditions: conditionTexts,
    missing: [...missing].map(([fact, name]) => ({ fact, name })),
  };
}

const setOf = new Map<string | null, (ProvinceIndicatorSet | undefined)[]>();
const peerSets = (province: string | null) => {
  let list = setOf.get(province);
  if (!list) {
    list = standards.map((s) => sets.find((p) => p.province === province && p.standardId === s.id));
    setOf.set(province, list);
  }
  return list;
};
let disagreements = 0;
// The peer's outcomes against ours, every enterprise and tier.
for (let i = 0; i < facts.length; i++) {
  const ourResults = assessTiers(compiledList[i] as CompiledTiers, facts[i] as EnterpriseFacts);
  const list = peerSets(provinces[i] ?? null);
  standards.forEach((standard, t) => {
    const p = interpret(standard, list[t], facts[i] as EnterpriseFacts);
    const o = ourResults[t] as TierAssessment;
    if (p.status !== o.status || p.total !== o.total) disagreements++;
  });
}
const peer = inProcess('peer, interpreted, every text built', 3, (i) => {
  const list = peerSets(provinces[i] ?? null);
  let n = 0;
  for (let t = 0; t < standards.length; t++) {
    const p = interpret(standards[t] as TierStandard, list[t], facts[i] as EnterpriseFacts);
    if (p.status === 'likely') n++;
  }
  return n;
});

// ---- Peer end to end: one enterprise at a time, as its page assesses it, on a sample

const { rows: sample } = await sql<{ id: number }>`
  select id from enterprises e where ${inRegion} order by md5(id::text) limit ${PEER_SAMPLE}`.execute(db);
const peerStarted = performance.now();
for (const { id } of sample) {
  const enterprise = Number(id);
  const { facts: f, provinceCode } = await enterpriseFacts(db, enterprise, ON);
  for (const { tier, standard, assessment } of await assessAll(db, f, provinceCode, ON)) {
    if (!standard || !assessment) continue;
    const dimensions = Object.fromEntries(assessment.dimensions.map((d) => [d.id, d.points]));
    await sql`
      insert into cultivation_scores (enterprise_id, tier, standard_version, data_year, status, score, dimensions,
        missing, computed_at)
      values (${enterprise}, ${tier.code}, ${standard.id}, ${DATA_YEAR}, ${assessment.status},
        ${standard.score === null ? null : assessment.total}, ${JSON.stringify(dimensions)}::jsonb,
        ${assessment.missing.length}, now())
      on conflict (enterprise_id, tier) do update set standard_version = excluded.standard_version,
        data_year = excluded.data_year, status = excluded.status, score = excluded.score,
        dimensions = excluded.dimensions, missing = excluded.missing, computed_at = excluded.computed_at`.execute(
      db,
    );
  }
}
const peerSeconds = ((performance.now() - peerStarted) / 1000) * (total / Math.max(1, sample.length));
const loadAfter = os.loadavg() as [number, number, number];

// ---- Report

const { rows: statuses } = await sql<{ tier: string; status: string; n: number }>`
  select tier, status, count(*)::int as n from cultivation_scores group by 1, 2 order by 1, 2`.execute(db);
const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
console.log(
  `\n${total.toLocaleString('en-US')} enterprises × ${standards.length} tiers, scored on ${ON} (PostgreSQL)\n`,
);
console.log(
  'run                                                 seconds  db CPU s node CPU s  enterprises    changed',
);
for (const [name, r] of [
  ['ours: scoreRegistry, every row written', first],
  ['ours: scoreRegistry again, nothing changed', second],
] as const)
  console.log(
    `${name.padEnd(51)} ${r.seconds.toFixed(2).padStart(7)} ${(r.dbCpu?.toFixed(2) ?? '—').padStart(9)} ${r.nodeCpu.toFixed(2).padStart(10)} ${String(r.result.enterprises).padStart(12)} ${String(r.result.changed).padStart(10)}`,
  );
console.log(
  `peer: one at a time as the page does, ${sample.length.toLocaleString('en-US')} done, extrapolated ${peerSeconds.toFixed(1).padStart(7)}`,
);
console.log(
  `\nStored: ${statuses.map((s) => `${s.tier} ${s.status} ${s.n.toLocaleString('en-US')}`).join('; ')}`,
);
console.log(
  `In the process: ours ${rate(ours.rate)} (best ${rate(ours.best)}); with each summary read ${rate(oursSummary.rate)}; as the job reads it ${rate(oursAsJob.rate)}; peer ${rate(peer.rate)} (best ${rate(peer.best)}); the peer's status and total differ from ours in ${disagreements} of ${(facts.length * standards.length).toLocaleString('en-US')}`,
);
console.log(
  `Load average (1, 5 min) on ${os.cpus().length} cores: ${loadBefore[0].toFixed(1)}, ${loadBefore[1].toFixed(1)} before; ${loadAfter[0].toFixed(1)}, ${loadAfter[1].toFixed(1)} after (other work on this machine).\n`,
);
printFigures([
  {
    figure: 'score 1,000,000 enterprises × 3 tiers in the process (median of 3)',
    ours: rate(ours.rate),
    peer: rate(peer.rate),
    target: '≥ 500,000/s',
    met: ours.rate >= 500_000 && facts.length >= 1_000_000,
  },
  {
    figure: '  the same, each tier’s summary read',
    ours: rate(oursSummary.rate),
    peer: rate(peer.rate),
    target: '≥ 500,000/s',
    met: oursSummary.rate >= 500_000 && facts.length >= 1_000_000,
  },
  {
    figure: 'the job over PostgreSQL, every row written',
    ours: `${first.seconds.toFixed(1)} s`,
    peer: `${peerSeconds.toFixed(0)} s (extrapolated)`,
    target: '≤ 60 s',
    met: first.seconds <= 60 && first.result.enterprises >= 1_000_000,
  },
  {
    figure: 'the job over PostgreSQL again, nothing changed',
    ours: `${second.seconds.toFixed(1)} s`,
    peer: '—',
    target: '≤ 60 s',
    met: second.seconds <= 60 && second.result.changed === 0,
  },
]);
await handle.close();
