/**
 * Figure: enterprise size classification (工信部联企业〔2011〕300号) ≥ 2,000,000 classifications/s in one process,
 * beside a peer from the same run: a straightforward data-interpreting implementation (loops over the standard's
 * category list for each input, regexp-matches codes, builds the reason eagerly).
 * 1,000,000 inputs shaped like a Chinese county's register are generated before timing; every implementation
 * must give the same class for every input. Median of 5 runs after a warm-up; classifications/s is wall time (the
 * target), best/s the fastest run, per CPU-s the median over this process's CPU time (less disturbed by other
 * processes on a shared machine; includes GC helper threads).
 * Usage: npx tsx bench/classify.ts [--n 1000000] [--runs 5] [--only <name part>] [--verbose]
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { normaliseIndustryCode } from '../src/reference/industries.ts';
import { type CnIndicator, type CnSizeStandard, cn2011 } from '../src/reference/size-standards/cn-2011.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import {
  type CnSizeInput,
  classifyCn,
  classifyCnSize,
  type SizeClass,
} from '../src/server/modules/registry/index.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('--n', 1_000_000);
const RUNS = arg('--runs', 5);
const TARGET = 2_000_000;

// ---- Inputs --------------------------------------------------------------------------------------------------

const random = prng(20240601);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const logNormal = (median: number, sigma: number) => median * Math.exp(sigma * normal());
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** Divisions (or fixed codes) with weights roughly like a county register: shops, workshops, farms, services. */
const MIX: ReadonlyArray<readonly [weight: number, section: string, divisions: readonly string[]]> = [
  [22, 'F', ['52']],
  [10, 'F', ['51']],
  [14, 'C', range(13, 43)],
  [1, 'B', range(6, 12)],
  [1, 'D', range(44, 46)],
  [8, 'A', ['01', '02', '03', '04', '05']],
  [6, 'E', range(47, 50)],
  [6, 'H', ['62']],
  [2, 'H', ['61']],
  [4, 'G', ['54', '55', '58']],
  [0.5, 'G', ['5910', '591']],
  [1, 'G', ['592', '5920', '5930', '5950', '599']],
  [0.5, 'G', ['60']],
  [2, 'I', ['65']],
  [1, 'I', ['63', '64']],
  [2, 'K', ['7010', '701']],
  [1.5, 'K', ['702', '7020']],
  [1, 'K', ['703', '7030', '709']],
  [0.4, 'K', ['704', '7040']],
  [7, 'L', ['71', '72']],
  [3, 'M', range(73, 75)],
  [1, 'N', range(76, 79)],
  [5, 'O', range(80, 82)],
  [0.3, 'Q', ['85']],
  [0.7, 'Q', ['84']],
  [1.5, 'R', range(86, 90)],
  [1, 'J', range(66, 69)],
  [0.7, 'P', ['83']],
  [0.3, 'S', ['95', '96']],
  [0.1, 'G', ['53']],
];
const TOTAL_WEIGHT = MIX.reduce((sum, [w]) => sum + w, 0);

function industryCode(): string {
  let r = random() * TOTAL_WEIGHT;
  let entry = MIX[0];
  for (const m of MIX) {
    r -= m[0];
    if (r < 0) {
      entry = m;
      break;
    }
  }
  const [, section, divisions] = entry ?? ['', 'C', ['13']];
  const division = pick(divisions);
  // Registers mostly carry 4-digit classes; a fresh string per row, as a parsed import would have.
  const u = random();
  if (division.length === 2 && u < 0.6)
    return `${section}${division}${1 + Math.floor(random() * 9)}${Math.floor(random() * 10)}`;
  if (u < 0.7) return ` ${division}`.slice(1); // bare digits ('52', '7010'), a copy as well
  if (u < 0.75) return ` ${section.toLowerCase()}${division}`;
  return `${section}${division}`;
}

const money = (v: number) => Math.round(v * 100) / 100;

function makeInput(): CnSizeInput {
  const u = random();
  if (u < 0.004)
    return { industryCode: pick(['F', 'G', 'K70', 'H', 'G59']), employees: 5, operatingRevenue: 50 };
  const code = industryCode();
  const employees = Math.max(0, Math.round(logNormal(8, 1.4)));
  const perHead = logNormal(40, 0.9); // 万元 per employee
  const revenue = money(Math.max(1, employees) * perHead);
  const assets = money(revenue * logNormal(0.8, 0.9));
  // Figures a category does not use are often left empty; a few required ones are missing too.
  const section = code.trim().charAt(0).toUpperCase();
  const noEmployeesNeeded = section === 'A' || section === 'E' || code.includes('701');
  const assetsNeeded = section === 'E' || section === 'L' || code.includes('701');
  const input: CnSizeInput = {
    industryCode: code,
    employees: random() < (noEmployeesNeeded ? 0.3 : 0.003) ? null : employees,
    operatingRevenue: revenue,
    mainBusinessRevenue: random() < 0.4 ? money(revenue * (0.85 + 0.15 * random())) : null,
    totalAssets: random() < (assetsNeeded ? 0.003 : 0.3) ? null : assets,
  };
  if (u < 0.007) input.operatingRevenue = -revenue;
  else if (u < 0.008) input.totalAssets = Number.NaN;
  return input;
}

// ---- Peer: straightforward data interpretation ---------------------------------------------------------------

interface NaiveResult {
  size: SizeClass;
  category: { code: string; nameZh: string; nameEn: string } | null;
  deciding: { indicator: CnIndicator; value: number; bound: number; comparison: '≥' | '<' }[];
  reason: { zh: string; en: string };
  field?: string;
}

const SIZES = ['large', 'medium', 'small', 'micro'] as const;
const SIZES_ZH = ['大型', '中型', '小型', '微型'] as const;

/** The standard's scope codes as anchored regexps (built once per standard; the peer is naive, not careless). */
const PATTERNS = new Map<CnSizeStandard, { code: string; target: string; pattern: RegExp }[]>();
function scopePatterns(standard: CnSizeStandard) {
  let list = PATTERNS.get(standard);
  if (!list) {
    list = [
      ...standard.notCovered.map((n) => ({
        code: n.code,
        target: `nc:${n.code}`,
        pattern: new RegExp(`^${n.code}`),
      })),
      ...standard.categories.flatMap((c) =>
        c.scope.map((code) => ({ code, target: c.code, pattern: new RegExp(`^${code}`) })),
      ),
    ];
    PATTERNS.set(standard, list);
  }
  return list;
}

/** Classify by walking the standard's lists for each input, as one would without thinking about speed. */
function naiveClassify(input: CnSizeInput, standard: CnSizeStandard = cn2011): NaiveResult {
  const invalid = (field: string, zh: string): NaiveResult => ({
    size: 'invalid',
    category: null,
    deciding: [],
    reason: { zh, en: zh },
    field,
  });
  const code = normaliseIndustryCode(String(input.industryCode));
  if (code === null) return invalid('industryCode', `行业代码无效：${input.industryCode}`);
  // Every scope entry as a regexp; the longest match wins, and a code containing entries of other targets is too coarse.
  let best: { length: number; target: string } | null = null;
  const inside = new Set<string>();
  for (const entry of scopePatterns(standard)) {
    if (entry.pattern.test(code)) {
      if (!best || entry.code.length > best.length)
        best = { length: entry.code.length, target: entry.target };
    } else if (entry.code.startsWith(code)) inside.add(entry.target);
  }
  if (best) inside.add(best.target);
  if (inside.size !== 1) return invalid('industryCode', `行业代码 ${code} 无法对应到唯一行业`);
  const target = [...inside][0] ?? '';
  if (target.startsWith('nc:')) {
    const nc = standard.notCovered.find((n) => `nc:${n.code}` === target);
    return {
      size: 'not_covered',
      category: null,
      deciding: [],
      reason: { zh: nc?.reasonZh ?? '', en: nc?.reasonEn ?? '' },
    };
  }
  const category = standard.categories.find((c) => c.code === target);
  if (!category) return invalid('industryCode', '未知行业');
  const values: Record<string, number | null | undefined> = {
    employees: input.employees,
    mainBusinessRevenue: input.mainBusinessRevenue,
    operatingRevenue: input.operatingRevenue,
    totalAssets: input.totalAssets,
  };
  for (const [field, v] of Object.entries(values)) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return invalid(field, `${field} 无效`);
    if (field === 'employees' && !Number.isInteger(v)) return invalid(field, `${field} 须为整数`);
  }
  const figure: Record<CnIndicator, number | null | undefined> = {
    employees: input.employees,
    revenue: input.mainBusinessRevenue ?? input.operatingRevenue,
    totalAssets: input.totalAssets,
  };
  for (const indicator of category.indicators) {
    if (figure[indicator] === null || figure[indicator] === undefined) {
      return invalid(indicator === 'revenue' ? 'operatingRevenue' : indicator, `缺少 ${indicator}`);
    }
  }
  const levels = [category.large, category.medium, category.small];
  let level = 3;
  for (let i = 0; i < levels.length; i++) {
    const bounds = levels[i] ?? {};
    if (category.indicators.every((ind) => (figure[ind] ?? 0) >= (bounds[ind] ?? 0))) {
      level = i;
      break;
    }
  }
  const deciding: NaiveResult['deciding'] = [];
  const above = level > 0 ? levels[level - 1] : undefined;
  if (above) {
    for (const ind of category.indicators) {
      if ((figure[ind] ?? 0) < (above[ind] ?? 0)) {
        deciding.push({ indicator: ind, value: figure[ind] ?? 0, bound: above[ind] ?? 0, comparison: '<' });
      }
    }
  }
  const reached = levels[level];
  if (reached) {
    for (const ind of category.indicators) {
      deciding.push({ indicator: ind, value: figure[ind] ?? 0, bound: reached[ind] ?? 0, comparison: '≥' });
    }
  }
  const main = input.mainBusinessRevenue !== null && input.mainBusinessRevenue !== undefined;
  const zhTerm = (d: NaiveResult['deciding'][number]) =>
    d.indicator === 'employees'
      ? `从业人员 ${d.value} 人 ${d.comparison} ${d.bound} 人`
      : `${d.indicator === 'revenue' ? (main ? '主营业务收入' : '营业收入') : '资产总额'} ${d.value} 万元 ${d.comparison} ${d.bound} 万元`;
  const enTerm = (d: NaiveResult['deciding'][number]) =>
    d.indicator === 'employees'
      ? `${d.value} ${d.value === 1 ? 'employee' : 'employees'} ${d.comparison} ${d.bound}`
      : `${d.indicator === 'revenue' ? (main ? 'main-business revenue' : 'revenue') : 'total assets'} ${d.value} ${d.comparison} ${d.bound}`;
  const failed = deciding.filter((d) => d.comparison === '<');
  const met = deciding.filter((d) => d.comparison === '≥');
  const unit = deciding.some((d) => d.indicator !== 'employees') ? ' (amounts in 10,000 CNY)' : '';
  const several = category.indicators.length > 1;
  const size = SIZES[level] ?? 'micro';
  const allZh = `${several ? '均' : ''}达到${SIZES_ZH[level]}下限`;
  const allEn = `${several ? `all ${size} bounds` : `${size} bound`} met`;
  const boundZh = (d: NaiveResult['deciding'][number]) =>
    d.indicator === 'employees'
      ? `从业人员 ≥ ${d.bound} 人`
      : `${d.indicator === 'revenue' ? (main ? '主营业务收入' : '营业收入') : '资产总额'} ≥ ${d.bound} 万元`;
  const boundEn = (d: NaiveResult['deciding'][number]) =>
    d.indicator === 'employees'
      ? `employees ≥ ${d.bound}`
      : `${d.indicator === 'revenue' ? (main ? 'main-business revenue' : 'revenue') : 'total assets'} ≥ ${d.bound}`;
  let reason: { zh: string; en: string };
  if (level === 3) {
    reason = {
      zh: `${category.nameZh}：${failed.map(zhTerm).join('，')} → 微型`,
      en: `${category.nameEn}: ${failed.map(enTerm).join(', ')} → micro${unit}`,
    };
  } else if (level === 0) {
    reason = {
      zh: `${category.nameZh}：${met.map(zhTerm).join('，')}，${allZh} → 大型`,
      en: `${category.nameEn}: ${met.map(enTerm).join(', ')}: ${allEn} → large${unit}`,
    };
  } else {
    reason = {
      zh: `${category.nameZh}：${failed.map(zhTerm).join('，')}，未达${SIZES_ZH[level - 1]}下限；${allZh}（${met.map(boundZh).join('，')}）→ ${SIZES_ZH[level]}`,
      en: `${category.nameEn}: ${failed.map(enTerm).join(', ')}, not ${SIZES[level - 1]}; ${allEn} (${met.map(boundEn).join(', ')}) → ${size}${unit}`,
    };
  }
  return {
    size,
    category: { code: category.code, nameZh: category.nameZh, nameEn: category.nameEn },
    deciding,
    reason,
  };
}

// ---- Timing ----------------------------------------------------------------------------------------------------

console.log(`Generating ${N.toLocaleString('en-US')} inputs…`);
const inputs: CnSizeInput[] = Array.from({ length: N }, makeInput);

// Agreement: the class of every input from all three; the full reason text of the engine against the peer's.
const counts = new Map<string, number>();
let classMismatches = 0;
let reasonMismatches = 0;
for (const input of inputs) {
  const full = classifyCn(input);
  const size = classifyCnSize(input);
  const peer = naiveClassify(input);
  counts.set(full.size, (counts.get(full.size) ?? 0) + 1);
  if (full.size !== size || full.size !== peer.size) {
    if (classMismatches++ < 5) console.log('class mismatch', input, full.size, size, peer.size);
  } else if (
    full.size !== 'invalid' &&
    full.category !== null &&
    (full.reason.zh !== peer.reason.zh || full.reason.en !== peer.reason.en)
  ) {
    if (reasonMismatches++ < 5) console.log('reason mismatch', input, full.reason, peer.reason);
  }
}
console.log(
  `Classes: ${[...counts].map(([k, v]) => `${k} ${((100 * v) / N).toFixed(1)}%`).join(', ')}; ` +
    `class mismatches ${classMismatches}, reason mismatches ${reasonMismatches}`,
);

interface Case {
  name: string;
  run: () => number;
}

let sink = 0;
const cases: Case[] = [
  {
    name: 'engine classifyCn: full result, reason read',
    run: () => {
      let n = 0;
      for (let i = 0; i < inputs.length; i++) {
        const r = classifyCn(inputs[i] as CnSizeInput);
        n += r.reason.zh.length + r.reason.en.length;
      }
      return n;
    },
  },
  {
    name: 'engine classifyCn: full result, reason unread',
    run: () => {
      let n = 0;
      for (let i = 0; i < inputs.length; i++) n += classifyCn(inputs[i] as CnSizeInput).size.length;
      return n;
    },
  },
  {
    name: 'engine classifyCnSize: size only',
    run: () => {
      let n = 0;
      for (let i = 0; i < inputs.length; i++) n += classifyCnSize(inputs[i] as CnSizeInput).length;
      return n;
    },
  },
  {
    name: 'peer: loops + regexps, eager reason',
    run: () => {
      let n = 0;
      for (let i = 0; i < inputs.length; i++) {
        const r = naiveClassify(inputs[i] as CnSizeInput);
        n += r.reason.zh.length + r.reason.en.length;
      }
      return n;
    },
  },
];

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined) cases.splice(0, cases.length, ...cases.filter((c) => c.name.includes(only)));

// A full collection before each timed run (garbage of one case must not be charged to the next).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

console.log('Warming up…');
for (const c of cases) sink += c.run();
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
// CPU time of this process as well: on a shared machine, wall time also counts the time other processes had the CPU.
const cpuTimes = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let run = 0; run < RUNS; run++) {
  // Interleaved, so drift (thermal, GC) spreads over all cases alike.
  for (const c of cases) {
    collectGarbage(); // each run starts from a clean heap, not with another case's garbage
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    sink += c.run();
    times.get(c.name)?.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuTimes.get(c.name)?.push((used.user + used.system) / 1e3);
  }
}

console.log(`\nMedian of ${RUNS} runs over ${N.toLocaleString('en-US')} inputs (Node ${process.version})`);
console.log(
  `${'implementation'.padEnd(50)} ${'classifications/s'.padStart(18)} ${'ns each'.padStart(8)} ${'best/s'.padStart(12)} ${'per CPU-s'.padStart(12)}  target`,
);
let failed = classMismatches > 0 || reasonMismatches > 0;
const perSecondOf = (name: string) => Math.round((N / median(times.get(name) ?? [])) * 1000);
for (const c of cases) {
  const list = times.get(c.name) ?? [];
  const perSecond = perSecondOf(c.name);
  const best = Math.round((N / Math.min(...list)) * 1000);
  const perCpuSecond = Math.round((N / median(cpuTimes.get(c.name) ?? [])) * 1000);
  const peer = c.name.startsWith('peer');
  const met = perSecond >= TARGET;
  if (!peer && !met) failed = true;
  console.log(
    `${c.name.padEnd(50)} ${perSecond.toLocaleString('en-US').padStart(18)} ${(1e9 / perSecond).toFixed(0).padStart(8)} ${best.toLocaleString('en-US').padStart(12)} ${perCpuSecond.toLocaleString('en-US').padStart(12)}  ${peer ? '' : met ? 'MET' : 'NOT MET'}`,
  );
}
if (process.argv.includes('--verbose')) {
  for (const [name, list] of times) {
    const cpu = cpuTimes.get(name) ?? [];
    console.log(
      `${name}: wall ${list.map((ms) => ms.toFixed(0)).join(', ')} ms; CPU ${cpu.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
  }
}
const full = cases.find((c) => c.name.includes('reason read'));
const peer = cases.find((c) => c.name.startsWith('peer'));
if (full && peer) {
  console.log(
    `\nengine (full result, reason read) ÷ peer: ${(perSecondOf(full.name) / perSecondOf(peer.name)).toFixed(1)}×`,
  );
}
const engines = cases.filter((c) => !c.name.startsWith('peer'));
const slowest = Math.min(...engines.map((c) => perSecondOf(c.name)));
console.log(
  `target ≥ ${TARGET.toLocaleString('en-US')}/s: ${slowest >= TARGET ? 'MET' : 'NOT MET'} (every engine path, including full result with the reason text read)`,
);
if (sink === 0) console.log('(sink)');
process.exitCode = failed ? 1 : 0;
