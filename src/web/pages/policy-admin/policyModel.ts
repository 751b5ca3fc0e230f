/**
 * The policy editor's model and its conversions (pure): a saved definition → the forms' values (texts never
 * null, parameters as a list, test facts as JSON text), and back → the definition the server checks, with the
 * problems only the browser can see (facts that are not JSON, parameters without or with the same name).
 * Also where each server problem (`definition.title`, `definition.rule.all[0]…`, `tests.0`) is shown.
 */
import type { PolicyDefinition, Rule } from '../../api/client.ts';
import type { Problem, UnitName } from './ruleTree.ts';

export type Method = 'automatic' | 'fast' | 'application';
export const METHODS: readonly Method[] = ['automatic', 'fast', 'application'];
export type Outcome = 'eligible' | 'not_eligible' | 'unknown';
export const OUTCOMES: readonly Outcome[] = ['eligible', 'not_eligible', 'unknown'];
export const UNITS: readonly UnitName[] = ['万元', 'persons', 'years', 'ratio', 'none'];

export interface Texts {
  zh: string;
  en: string;
}

/** The 基本信息 form's values. */
export interface InfoValues {
  id: string;
  title: Texts;
  issuer: string;
  documentNumber: string;
  issuedOn: string | null;
  effectiveFrom: string | null;
  expiresOn: string | null;
  /** Region codes; empty: national. */
  regions: string[];
  method: Method;
  topics: string[];
  benefit: Texts;
  howTo: Texts;
  interpretation: Texts;
  contact: string;
  link: string;
  /** Where a policy applied for is applied for: online, and in person. */
  applyUrl: string;
  applyOffice: string;
  fullText: string;
}

/** A parameter as the form edits it. */
export interface ParamRow {
  name: string;
  unit: UnitName;
  reference: string;
  values: { from: string | null; value: number | null }[];
}

/** A test case as the form edits it (facts as JSON text). */
export interface TestRow {
  name: string;
  date: string | null;
  expect: Outcome;
  facts: string;
  nearMiss: string;
  /** No near miss expected (the answer must not name one). */
  noNearMiss: boolean;
}

export interface EditorModel {
  info: InfoValues;
  rule: Rule;
  parameters: ParamRow[];
  tests: TestRow[];
  demo: boolean;
}

/** A problem found in the browser: its field (as the server would name it) and a message key. */
export interface LocalProblem {
  field: string;
  code: 'factsJson' | 'paramName' | 'paramDuplicate';
  params: Record<string, string | number>;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function texts(value: unknown): Texts {
  const v = value as Partial<Texts> | null | undefined;
  return { zh: str(v?.zh), en: str(v?.en) };
}

function date(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Test facts without what says nothing (nulls, empty lists, the default status). */
export function compactFacts(facts: unknown): Record<string, unknown> {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (key === 'status' && value === 'active') continue;
    if (key === 'figures' && typeof value === 'object' && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out;
}

/** Facts as the text area shows them. */
export function factsText(facts: unknown): string {
  const compact = compactFacts(facts);
  return Object.keys(compact).length === 0 ? '{}' : JSON.stringify(compact, null, 2);
}

/** The editor's model of a saved definition (tolerant of missing fields). */
export function modelOf(def: PolicyDefinition): EditorModel {
  const d = def as Partial<PolicyDefinition>;
  return {
    info: {
      id: str(d.id),
      title: texts(d.title),
      issuer: str(d.issuer),
      documentNumber: str(d.documentNumber),
      issuedOn: date(d.issuedOn),
      effectiveFrom: date(d.effectiveFrom),
      expiresOn: date(d.expiresOn),
      regions: Array.isArray(d.regions) ? [...d.regions] : [],
      method: METHODS.includes(d.method as Method) ? (d.method as Method) : 'application',
      topics: Array.isArray(d.topics) ? [...d.topics] : [],
      benefit: texts(d.benefit),
      howTo: texts(d.howTo),
      interpretation: texts(d.interpretation),
      contact: str(d.contact),
      link: str(d.link),
      applyUrl: str(d.applyUrl),
      applyOffice: str(d.applyOffice),
      fullText: str(d.fullText),
    },
    rule: d.rule ?? { all: [] },
    parameters: Object.entries(d.parameters ?? {}).map(([name, p]) => ({
      name,
      unit: p.unit,
      reference: str(p.reference),
      values: (p.values ?? []).map((v) => ({ from: date(v.from), value: v.value })),
    })),
    tests: (d.tests ?? []).map((test) => ({
      name: str(test.name),
      date: date(test.date),
      expect: OUTCOMES.includes(test.expect) ? test.expect : 'eligible',
      facts: factsText(test.facts),
      nearMiss: str(test.nearMiss),
      noNearMiss: test.nearMiss === null,
    })),
    demo: d.demo === true,
  };
}

/** The model of a new policy: in force from today, for the official's region (national for national staff). */
export function newModel(today: string, regionCode: string | null): EditorModel {
  return {
    info: {
      id: '',
      title: { zh: '', en: '' },
      issuer: '',
      documentNumber: '',
      issuedOn: today,
      effectiveFrom: today,
      expiresOn: null,
      regions: regionCode ? [regionCode] : [],
      method: 'application',
      topics: [],
      benefit: { zh: '', en: '' },
      howTo: { zh: '', en: '' },
      interpretation: { zh: '', en: '' },
      contact: '',
      link: '',
      applyUrl: '',
      applyOffice: '',
      fullText: '',
    },
    rule: { all: [] },
    parameters: [],
    tests: [],
    demo: false,
  };
}

/** A new, empty test case. */
export function newTest(today: string): TestRow {
  return { name: '', date: today, expect: 'eligible', facts: '{}', nearMiss: '', noNearMiss: false };
}

/** A new parameter. */
export function newParameter(today: string): ParamRow {
  return { name: '', unit: '万元', reference: '', values: [{ from: today, value: null }] };
}

function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function optionalTexts(value: Texts): Texts | null {
  return value.zh.trim() === '' && value.en.trim() === ''
    ? null
    : { zh: value.zh.trim(), en: value.en.trim() };
}

/** The definition the server checks, and what the browser already knows is wrong. */
export function definitionOf(model: EditorModel): {
  definition: Record<string, unknown>;
  problems: LocalProblem[];
} {
  const { info } = model;
  const problems: LocalProblem[] = [];
  const parameters: Record<string, unknown> = {};
  model.parameters.forEach((row, i) => {
    const name = row.name.trim();
    if (name === '') {
      problems.push({ field: `parameters.#${i + 1}`, code: 'paramName', params: { n: i + 1 } });
      return;
    }
    if (Object.hasOwn(parameters, name)) {
      problems.push({ field: `parameters.${name}`, code: 'paramDuplicate', params: { name } });
      return;
    }
    parameters[name] = {
      unit: row.unit,
      reference: row.reference.trim(),
      values: row.values.map((v) => ({ from: v.from, value: v.value })),
    };
  });
  const tests = model.tests.map((test, i) => {
    let facts: unknown = {};
    try {
      facts = test.facts.trim() === '' ? {} : JSON.parse(test.facts);
    } catch (error) {
      problems.push({
        field: `tests.${i}`,
        code: 'factsJson',
        params: { n: i + 1, reason: error instanceof Error ? error.message : String(error) },
      });
    }
    return {
      name: test.name.trim(),
      date: test.date,
      expect: test.expect,
      facts,
      ...(test.noNearMiss
        ? { nearMiss: null }
        : test.nearMiss.trim()
          ? { nearMiss: test.nearMiss.trim() }
          : {}),
    };
  });
  const definition: Record<string, unknown> = {
    id: info.id.trim(),
    title: { zh: info.title.zh.trim(), en: info.title.en.trim() },
    issuer: info.issuer.trim(),
    documentNumber: info.documentNumber.trim(),
    issuedOn: info.issuedOn ?? null,
    effectiveFrom: info.effectiveFrom ?? null,
    expiresOn: info.expiresOn ?? null,
    regions: info.regions.length === 0 ? 'national' : [...info.regions],
    method: info.method,
    topics: [...info.topics],
    benefit: { zh: info.benefit.zh.trim(), en: info.benefit.en.trim() },
    howTo: optionalTexts(info.howTo),
    interpretation: optionalTexts(info.interpretation),
    fullText: optional(info.fullText),
    contact: optional(info.contact),
    link: optional(info.link),
    applyUrl: optional(info.applyUrl),
    applyOffice: optional(info.applyOffice),
    demo: model.demo,
    parameters,
    rule: model.rule,
    tests,
  };
  return { definition, problems };
}

/** A fingerprint of what would be saved (to tell unsaved edits). */
export function fingerprint(model: EditorModel): string {
  const { definition } = definitionOf(model);
  return JSON.stringify({ ...definition, tests: model.tests });
}

// ---- where problems are shown ------------------------------------------------------------------------

/** A server field without the request part it came in (`definition.`, `draft.`, `yaml.`, `body.`). */
export function normalizeField(field: string): string {
  let out = field;
  for (;;) {
    const next = out.replace(/^(body|definition|draft|yaml)(\.|$)/, '');
    if (next === out) return out || 'definition';
    out = next;
  }
}

/** The editor area a problem belongs to. */
export type Area = 'info' | 'rule' | 'parameters' | 'tests' | 'publish' | 'other';

export function areaOf(field: string): Area {
  const head = field.split(/[.[]/)[0] ?? '';
  if (head === 'rule') return 'rule';
  if (head === 'parameters') return 'parameters';
  if (head === 'tests') return 'tests';
  if (head === 'changeNote' || head === 'version' || head === 'reason') return 'publish';
  if (INFO_FIELDS.has(head)) return 'info';
  return 'other';
}

const LOCALIZED_FIELDS = new Set(['title', 'benefit', 'howTo', 'interpretation']);
const INFO_FIELDS = new Set([
  'id',
  'title',
  'issuer',
  'documentNumber',
  'issuedOn',
  'effectiveFrom',
  'expiresOn',
  'regions',
  'method',
  'topics',
  'benefit',
  'howTo',
  'interpretation',
  'contact',
  'link',
  'applyUrl',
  'applyOffice',
  'fullText',
  'demo',
]);

/** The 基本信息 form item of a problem (`title` → ['title', 'zh'], `regions.0` → ['regions']), or null. */
export function infoFieldOf(field: string): (string | number)[] | null {
  const parts = field.split('.');
  const head = parts[0] ?? '';
  if (!INFO_FIELDS.has(head) || head === 'demo') return null;
  if (LOCALIZED_FIELDS.has(head)) return [head, parts[1] === 'en' ? 'en' : 'zh'];
  return [head];
}

/** Problems grouped by 基本信息 form item, for `form.setFields`. */
export function infoFieldErrors(
  problems: readonly Problem[],
): { name: (string | number)[]; errors: string[] }[] {
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const p of problems) {
    const name = infoFieldOf(p.field);
    if (!name) continue;
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(p.message);
    byName.set(key, entry);
  }
  return [...byName.values()];
}

/** The index of the test case a problem is about (`tests.2` → 2), or null. */
export function testIndexOf(field: string): number | null {
  const match = /^tests(?:\.|\[)(\d+)/.exec(field);
  return match ? Number(match[1]) : null;
}

/** The name of the parameter a problem is about (`parameters.age_max.values.0` → age_max), or null. */
export function parameterOf(field: string): string | null {
  const match = /^parameters\.([^.[]+)/.exec(field);
  return match ? (match[1] ?? null) : null;
}

/** A list of codes with one more (nothing added when it is empty or listed already). */
export function addCode(list: readonly string[], code: string | undefined): string[] {
  if (!code || list.includes(code)) return [...list];
  return [...list, code];
}

/**
 * A policy id to propose (issue 12): region code, year and a sequence — "320583-2026-01" — the first not taken
 * among the ids the official can see (national policies: "cn-…"). The server still refuses a duplicate on save.
 */
export function proposePolicyId(regionCode: string | null, year: number, taken: Iterable<string>): string {
  const used = new Set(taken);
  const prefix = `${regionCode && /^\d{6}$/.test(regionCode) ? regionCode : 'cn'}-${year}`;
  for (let n = 1; ; n++) {
    const id = `${prefix}-${String(n).padStart(2, '0')}`;
    if (!used.has(id)) return id;
  }
}

/** The issuing body an official's policy is proposed with: the region's name and the department's. */
export function proposedIssuer(regionName: string | null, departmentName: string | null): string {
  return `${regionName ?? ''}${departmentName ?? ''}`.trim();
}

/** What the test-case form edits of a case's facts (the rest of the JSON is kept as it is). */
export interface FactsFields {
  regionCode: string;
  industryCode: string;
  establishedOn: string | null;
  status: string;
  /** The year whose figures are shown. */
  year: number;
  figures: Record<string, number | null>;
  vatTaxpayerType: string | null;
  size: string | null;
  certifications: string[];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The facts JSON of a test case as an object, or null when it is not a JSON object. */
export function parseFacts(text: string): Record<string, unknown> | null {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The form's fields of facts; figures of the first year given, else of the year before the test date. */
export function factsFieldsOf(facts: Record<string, unknown>, testDate: string | null): FactsFields {
  const figures = record(facts.figures);
  const years = Object.keys(figures)
    .map(Number)
    .filter((y) => Number.isInteger(y));
  const year = years[0] ?? Number((testDate ?? '2026').slice(0, 4)) - 1;
  const row = record(figures[String(year)]);
  const numbers: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(row)) if (typeof value === 'number') numbers[key] = value;
  const sizes = Array.isArray(facts.sizes) ? (facts.sizes as Record<string, unknown>[]) : [];
  const size = sizes.find((s) => s.year === year && (s.standard ?? 'cn-2011') === 'cn-2011');
  return {
    regionCode: str(facts.regionCode),
    industryCode: str(facts.industryCode),
    establishedOn: date(facts.establishedOn),
    status: typeof facts.status === 'string' ? facts.status : 'active',
    year,
    figures: numbers,
    vatTaxpayerType: typeof row.vatTaxpayerType === 'string' ? row.vatTaxpayerType : null,
    size: typeof size?.size === 'string' ? size.size : null,
    certifications: Array.isArray(facts.certifications)
      ? (facts.certifications as Record<string, unknown>[]).map((c) => str(c.name)).filter(Boolean)
      : [],
  };
}

/** Facts with the form's fields written in (other years' figures and other keys kept), as the JSON text. */
export function factsWithFields(facts: Record<string, unknown>, fields: FactsFields): string {
  const out: Record<string, unknown> = { ...facts };
  const put = (key: string, value: unknown) => {
    if (value === null || value === '' || value === undefined) delete out[key];
    else out[key] = value;
  };
  put('regionCode', fields.regionCode.trim());
  put('industryCode', fields.industryCode.trim().toUpperCase());
  put('establishedOn', fields.establishedOn);
  put('status', fields.status === 'active' ? null : fields.status);
  const figures = { ...record(facts.figures) };
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields.figures)) if (value !== null) row[key] = value;
  if (fields.vatTaxpayerType) row.vatTaxpayerType = fields.vatTaxpayerType;
  if (Object.keys(row).length > 0) figures[String(fields.year)] = row;
  else delete figures[String(fields.year)];
  put('figures', Object.keys(figures).length > 0 ? figures : null);
  const otherSizes = (Array.isArray(facts.sizes) ? (facts.sizes as Record<string, unknown>[]) : []).filter(
    (s) => !(s.year === fields.year && (s.standard ?? 'cn-2011') === 'cn-2011'),
  );
  const sizes = fields.size
    ? [...otherSizes, { standard: 'cn-2011', year: fields.year, size: fields.size }]
    : otherSizes;
  put('sizes', sizes.length > 0 ? sizes : null);
  const held = Array.isArray(facts.certifications) ? (facts.certifications as Record<string, unknown>[]) : [];
  const certifications = fields.certifications.map(
    (name) => held.find((c) => c.name === name) ?? { name, validFrom: '2000-01-01', validTo: null },
  );
  put('certifications', certifications.length > 0 ? certifications : null);
  return factsText(out);
}
