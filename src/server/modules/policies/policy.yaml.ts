/**
 * Policies as YAML files (rules/policies/*.yaml): what the policy is (title, issuer, document number, dates,
 * regions, benefit, how to obtain it), its dated parameters, its eligibility rule, and its test cases. A file is
 * refused with the line of each problem: a wrong date, a missing document number, a rule that does not check.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isPair,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import { isRealDate } from '../../../reference/calendar.ts';
import { isRegionCode } from '../../../reference/regions.ts';
import type { Localized } from '../../../shared/errors.ts';
import {
  checkRule,
  type Eligibility,
  type EnterpriseFacts,
  evaluateRule,
  type Parameter,
  type Rule,
  type Unit,
} from './eligibility.rules.ts';

/** How an enterprise obtains the benefit: 免申即享, 快申快享, or an application with materials. */
export type PolicyMethod = 'automatic' | 'fast' | 'application';

/** A test case of a policy: facts on a date and the expected answer. */
export interface PolicyTest {
  name: string;
  date: string;
  facts: EnterpriseFacts;
  expect: Eligibility['outcome'];
  /** Expected near miss: a fragment of the missed clause's Chinese text; null: none expected. */
  nearMiss?: string | null;
}

/** A policy as written in its file. */
export interface PolicyDefinition {
  id: string;
  title: Localized;
  issuer: string;
  documentNumber: string;
  /** Date of issue, when known. */
  issuedOn: string | null;
  effectiveFrom: string;
  expiresOn: string | null;
  /** GB/T 2260 codes of the regions it applies to; empty: national. */
  regions: string[];
  method: PolicyMethod;
  benefit: Localized;
  howTo: Localized | null;
  /** Plain-language interpretation (解读). */
  interpretation: Localized | null;
  /** The policy's full text. */
  fullText: string | null;
  /** Whom to ask (department, telephone). */
  contact: string | null;
  link: string | null;
  /** Where a 需申报 policy is applied for online (issue 12); absent in definitions saved before. */
  applyUrl?: string | null;
  /** The office (window, address) where it is applied for in person. */
  applyOffice?: string | null;
  /** Topics (the library's filter): see TOPICS. */
  topics: string[];
  /** Demonstration data, not a real policy. */
  demo: boolean;
  parameters: Record<string, Parameter>;
  rule: Rule;
  tests: PolicyTest[];
}

/** A problem of a policy file: its line (1-based; 0 when it concerns the whole file), field and reason. */
export interface PolicyFileProblem {
  line: number;
  field: string;
  message: Localized;
}

export type PolicyParse =
  | { ok: true; policy: PolicyDefinition }
  | { ok: false; problems: PolicyFileProblem[] };

const UNITS: readonly Unit[] = ['万元', 'persons', 'years', 'ratio', 'none'];
const METHODS: readonly PolicyMethod[] = ['automatic', 'fast', 'application'];
const OUTCOMES = ['eligible', 'not_eligible', 'unknown'];
/** What each field is called, for messages (a file's author sees both the key and its name). */
const FIELD_NAMES: Record<string, string> = {
  id: '政策编号',
  title: '标题',
  issuer: '发文机关',
  documentNumber: '文号',
  issuedOn: '发布日期',
  effectiveFrom: '生效日期',
  expiresOn: '失效日期',
  benefit: '支持内容',
  howTo: '办理方式',
  interpretation: '政策解读',
};
const named = (key: string) => (FIELD_NAMES[key] ? `${FIELD_NAMES[key]}（${key}）` : key);

/** Topics a policy may be filed under (the seven areas of the support system, and tax). */
export const TOPICS: readonly string[] = [
  'tax',
  'fiscal',
  'financing',
  'innovation',
  'cultivation',
  'employment',
  'services',
  'procurement',
  'rights',
  'startup',
];

function isDate(value: unknown): value is string {
  return typeof value === 'string' && isRealDate(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "rule.all[0].compare[2]" → ['rule', 'all', 0, 'compare', 2]. */
function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      keys.push(part);
      continue;
    }
    keys.push(match[1] as string);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/** Rule facts from plain data (a test case, a JSON file): what it states, the rest unknown. */
export function factsOf(value: unknown): EnterpriseFacts {
  const v = isRecord(value) ? value : {};
  const figures: EnterpriseFacts['figures'] = {};
  if (isRecord(v.figures)) {
    for (const [year, row] of Object.entries(v.figures)) if (isRecord(row)) figures[Number(year)] = row;
  }
  return {
    industryCode: typeof v.industryCode === 'string' ? v.industryCode : null,
    regionCode: typeof v.regionCode === 'string' ? v.regionCode : null,
    establishedOn: typeof v.establishedOn === 'string' ? v.establishedOn : null,
    status: (typeof v.status === 'string' ? v.status : 'active') as EnterpriseFacts['status'],
    certifications: Array.isArray(v.certifications)
      ? (v.certifications as EnterpriseFacts['certifications'])
      : [],
    sizes: Array.isArray(v.sizes) ? (v.sizes as EnterpriseFacts['sizes']) : [],
    figures,
  };
}

/**
 * Most values a policy file may hold once its aliases (`*name`) are expanded. A policy needs a few hundred; an
 * alias bomb ("billion laughs": anchors of lists of aliases of anchors…) expands a few lines to billions.
 */
const MAX_EXPANDED_VALUES = 10_000;

/**
 * The first alias (in file order) that cannot be expanded: one without an anchor before it, one inside the value
 * it refers to, or the one at which the file, every alias expanded, would exceed MAX_EXPANDED_VALUES values.
 * One pass in file order, resolving an alias as the yaml package does (the last anchor of its name before it).
 */
function findBadAlias(doc: Document): { alias: Alias; message: Localized } | null {
  const limit = MAX_EXPANDED_VALUES;
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  // Values in a node with its aliases expanded, capped just past the limit (Infinity for an alias inside its target).
  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      return target ? sizeOf(target) : 1;
    }
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) return Number.POSITIVE_INFINITY;
    open.add(node);
    let size = 1;
    for (const item of node.items) {
      size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
      if (size > limit) break;
    }
    open.delete(node);
    sizes.set(node, Math.min(size, limit + 1));
    return size;
  };
  let expanded = 0;
  let bad: { alias: Alias; message: Localized } | null = null;
  visit(doc, {
    Node(_key, node) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
        return undefined;
      }
      const target = anchors.get(node.source);
      targets.set(node, target);
      const name = `*${node.source}`;
      if (!target) {
        bad = {
          alias: node,
          message: { zh: `别名 ${name} 之前没有对应的锚点`, en: `the alias ${name} has no anchor before it` },
        };
        return visit.BREAK;
      }
      const size = sizeOf(target);
      if (size === Number.POSITIVE_INFINITY) {
        bad = {
          alias: node,
          message: {
            zh: `别名 ${name} 引用了包含它自身的值`,
            en: `the alias ${name} is inside the value it refers to`,
          },
        };
        return visit.BREAK;
      }
      expanded += size - 1;
      if (expanded > limit) {
        bad = {
          alias: node,
          message: {
            zh: `别名展开后超过 ${limit} 个值（到 ${name} 为止），疑为别名炸弹`,
            en: `aliases expand the file beyond ${limit} values (at ${name}): an alias bomb`,
          },
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return bad;
}

/** Parses and checks a policy file. */
export function parsePolicyYaml(text: string): PolicyParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problems: PolicyFileProblem[] = [];
  for (const error of doc.errors) {
    problems.push({
      line: error.linePos?.[0]?.line ?? 0,
      field: '*',
      message: { zh: `YAML 格式错误：${error.message}`, en: `Not valid YAML: ${error.message}` },
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const bad = findBadAlias(doc);
  if (bad) {
    const line = bad.alias.range ? lineCounter.linePos(bad.alias.range[0]).line : 0;
    return { ok: false, problems: [{ line, field: '*', message: bad.message }] };
  }
  // The expansion is bounded above, so the yaml package's own cruder alias count (100 uses) is not needed.
  const data: unknown = doc.toJS({ maxAliasCount: -1 });
  const lineOf = (keys: (string | number)[]): number => {
    for (let n = keys.length; n > 0; n--) {
      const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 0;
  };
  return checkPolicy(data, lineOf);
}

/**
 * Checks a policy given as plain data (a parsed file, or the JSON an official's form sends): every problem with
 * the field's path and, when `lineOf` can tell (a file), its line.
 */
export function checkPolicy(
  data: unknown,
  lineOf: (keys: (string | number)[]) => number = () => 0,
): PolicyParse {
  const problems: PolicyFileProblem[] = [];
  const add = (keys: (string | number)[], zh: string, en: string) =>
    problems.push({ line: lineOf(keys), field: keys.join('.'), message: { zh, en } });
  if (!isRecord(data)) {
    return {
      ok: false,
      problems: [{ line: 1, field: '*', message: { zh: '应为一个政策', en: 'expected a policy' } }],
    };
  }
  const text2 = (key: string, required = true): string => {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (required) add([key], `缺少${named(key)}`, `"${key}" is missing`);
    return '';
  };
  const localized = (key: string, required = true): Localized | null => {
    const value = data[key];
    if (isRecord(value) && typeof value.zh === 'string' && value.zh.trim() !== '') {
      return {
        zh: value.zh.trim(),
        en: typeof value.en === 'string' && value.en.trim() ? value.en.trim() : value.zh,
      };
    }
    if (required)
      add([key], `缺少${named(key)}（需要 zh，最好也有 en）`, `"${key}" is missing (zh needed, en welcome)`);
    return null;
  };
  const date = (key: string, required = true): string | null => {
    const value = data[key];
    if (value === undefined || value === null) {
      if (required) add([key], `缺少${named(key)}`, `the date "${key}" is missing`);
      return null;
    }
    if (!isDate(value)) {
      add(
        [key],
        `“${String(value)}”不是有效日期（YYYY-MM-DD）`,
        `"${String(value)}" is not a valid date (YYYY-MM-DD)`,
      );
      return null;
    }
    return value;
  };

  const id = text2('id');
  if (id && !/^[a-z0-9][a-z0-9-]{2,80}$/.test(id)) {
    add(
      ['id'],
      '编号只能用小写字母、数字和连字符',
      'the id may hold lower-case letters, digits and hyphens only',
    );
  }
  const title = localized('title');
  const issuer = text2('issuer');
  const documentNumber = text2('documentNumber');
  const issuedOn = date('issuedOn', false);
  const effectiveFrom = date('effectiveFrom');
  const expiresOn = date('expiresOn', false);
  if (effectiveFrom && expiresOn && expiresOn < effectiveFrom) {
    add(['expiresOn'], '失效日期早于生效日期', 'expires before it takes effect');
  }
  const regions: string[] = [];
  // 'national' (in a file), or an empty list (as the form and a stored draft say it): everywhere.
  if (data.regions !== 'national' && !(Array.isArray(data.regions) && data.regions.length === 0)) {
    if (!Array.isArray(data.regions) || data.regions.length === 0) {
      add(
        ['regions'],
        '适用地区应为 national 或行政区划代码列表',
        'regions is national or a list of region codes',
      );
    } else {
      data.regions.forEach((code, i) => {
        if (typeof code === 'string' && isRegionCode(code)) regions.push(code);
        else
          add(['regions', i], `未知的行政区划代码“${String(code)}”`, `unknown region code "${String(code)}"`);
      });
    }
  }
  const method = data.method as PolicyMethod;
  if (!METHODS.includes(method)) {
    add(['method'], `兑现方式应为 ${METHODS.join('、')}`, `method is one of ${METHODS.join(', ')}`);
  }
  const benefit = localized('benefit');
  const howTo = localized('howTo', false);
  const interpretation = localized('interpretation', false);
  const optionalText = (key: string, max: number): string | null => {
    const value = data[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') {
      add([key], `“${key}”应为文本`, `"${key}" is text`);
      return null;
    }
    if (value.length > max) add([key], `“${key}”超过 ${max} 字`, `"${key}" is longer than ${max} characters`);
    return value.trim();
  };
  const fullText = optionalText('fullText', 200_000);
  const contact = optionalText('contact', 500);
  const link = optionalText('link', 2000);
  if (link && !/^https?:\/\/\S+$/.test(link))
    add(['link'], '链接应以 http(s):// 开头', 'the link starts with http(s)://');
  const applyUrl = optionalText('applyUrl', 2000);
  if (applyUrl && !/^https?:\/\/\S+$/.test(applyUrl))
    add(['applyUrl'], '申报链接应以 http(s):// 开头', 'the application link starts with http(s)://');
  const applyOffice = optionalText('applyOffice', 500);
  const topics: string[] = [];
  if (data.topics !== undefined) {
    if (!Array.isArray(data.topics) || data.topics.some((t) => typeof t !== 'string' || !TOPICS.includes(t)))
      add(['topics'], `主题应为以下之一：${TOPICS.join('、')}`, `topics are among: ${TOPICS.join(', ')}`);
    else topics.push(...(data.topics as string[]));
  }

  const parameters: Record<string, Parameter> = {};
  if (data.parameters !== undefined) {
    if (!isRecord(data.parameters))
      add(['parameters'], '参数应为名称到定义的映射', 'parameters maps names to definitions');
    else {
      for (const [name, raw] of Object.entries(data.parameters)) {
        const at = ['parameters', name];
        if (
          !isRecord(raw) ||
          !UNITS.includes(raw.unit as Unit) ||
          !Array.isArray(raw.values) ||
          raw.values.length === 0
        ) {
          add(
            at,
            `参数“${name}”需要 unit（${UNITS.join('/')}）和 values`,
            `parameter "${name}" needs a unit (${UNITS.join('/')}) and values`,
          );
          continue;
        }
        if (typeof raw.reference !== 'string' || raw.reference.trim() === '') {
          add(
            [...at, 'reference'],
            `参数“${name}”缺少依据文号`,
            `parameter "${name}" lacks its legal reference`,
          );
        }
        const values: Parameter['values'] = [];
        raw.values.forEach((entry, i) => {
          if (!isRecord(entry) || !isDate(entry.from) || typeof entry.value !== 'number') {
            add(
              [...at, 'values', i],
              '每个取值需要 from（日期）和 value（数值）',
              'each value needs from (a date) and value (a number)',
            );
          } else values.push({ from: entry.from, value: entry.value });
        });
        parameters[name] = { unit: raw.unit as Unit, reference: String(raw.reference ?? ''), values };
      }
    }
  }

  if (data.rule === undefined) add(['rule'], '缺少资格条件 rule', 'the eligibility rule is missing');
  else
    for (const p of checkRule(data.rule, parameters)) {
      const keys = pathKeys(p.path);
      problems.push({ line: lineOf(keys), field: p.path, message: p.message });
    }

  const tests: PolicyTest[] = [];
  if (data.tests !== undefined && !Array.isArray(data.tests))
    add(['tests'], '测试用例应为列表', 'tests is a list');
  for (const [i, raw] of (Array.isArray(data.tests) ? data.tests : []).entries()) {
    const at = ['tests', i];
    if (
      !isRecord(raw) ||
      typeof raw.name !== 'string' ||
      !isDate(raw.date) ||
      !OUTCOMES.includes(String(raw.expect))
    ) {
      add(
        at,
        '测试用例需要 name、date 和 expect（eligible/not_eligible/unknown）',
        'a test needs name, date and expect (eligible/not_eligible/unknown)',
      );
      continue;
    }
    tests.push({
      name: raw.name,
      date: raw.date,
      facts: factsOf(raw.facts),
      expect: raw.expect as Eligibility['outcome'],
      ...(typeof raw.nearMiss === 'string' || raw.nearMiss === null ? { nearMiss: raw.nearMiss } : {}),
    });
  }

  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return {
    ok: true,
    policy: {
      id,
      title: title as Localized,
      issuer,
      documentNumber,
      issuedOn,
      effectiveFrom: effectiveFrom as string,
      expiresOn,
      regions,
      method,
      benefit: benefit as Localized,
      howTo,
      interpretation,
      fullText,
      contact,
      link,
      applyUrl,
      applyOffice,
      topics,
      demo: data.demo === true,
      parameters,
      rule: data.rule as Rule,
      tests,
    },
  };
}

/** The result of one test case. */
export interface PolicyTestResult {
  test: PolicyTest;
  answer: Eligibility;
  passed: boolean;
  reason: string | null;
}

/** Runs a policy's test cases. */
export function runPolicyTests(policy: PolicyDefinition): PolicyTestResult[] {
  return policy.tests.map((test) => {
    const answer = evaluateRule(policy.rule, test.facts, test.date, policy.parameters);
    let reason: string | null = null;
    if (answer.outcome !== test.expect) reason = `expected ${test.expect}, got ${answer.outcome}`;
    else if (test.nearMiss === null && answer.nearMiss)
      reason = `expected no near miss, got "${answer.nearMiss.text.zh}"`;
    else if (
      test.nearMiss !== undefined &&
      test.nearMiss !== null &&
      !answer.nearMiss?.text.zh.includes(test.nearMiss)
    ) {
      reason = `expected the near miss "${test.nearMiss}", got ${answer.nearMiss ? `"${answer.nearMiss.text.zh}"` : 'none'}`;
    }
    return { test, answer, passed: reason === null, reason };
  });
}
