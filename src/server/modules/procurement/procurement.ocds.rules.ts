/**
 * Reading procurement results published under the Open Contracting Data Standard 1.1 (issue 17; docs/reference/
 * procurement.md §8 and "OCDS import and export"): a release package or a record package in JSON, or releases in
 * the flattened CSV form (one row per release or per award, columns named by their path: `ocid`, `id`,
 * `awards/0/value/amount`, `parties/1/details/scale`, as the OCDS flattening tool writes them). Pure: text in, the
 * awards Huiqi keeps out, or every problem named by its JSON path or CSV row and column.
 *
 * Huiqi checks the parts of the release schema it reads (below, in our own words after the 1.1 schema, the Party
 * Scale extension and the Suitability extension), not the whole schema: fields it does not read are let through
 * unchecked. Releases of one `ocid` are merged in date order as OCDS compiles them (objects field by field, arrays of
 * objects by their `id`, a null removing a field), so a later release corrects an earlier one.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import Type, { type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import {
  type BidderSize,
  OCDS_PARTY_SCALES,
  type OcdsPartyScale,
  ocdsScaleMeaning,
} from '../../../reference/procurement.ts';
import { isValidUscc, validateUscc } from '../../../reference/uscc.ts';
import type { Localized } from '../../../shared/errors.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { ProcurementKind } from './procurement.table.ts';

/** The OCDS version Huiqi reads and writes. */
export const OCDS_VERSION = '1.1';

/** The org-id.guide scheme of a unified social credit code (the register of the former SAIC, now SAMR). */
export const USCC_SCHEME = 'CN-SAIC';

/** The extensions Huiqi reads and writes, by their extension.json (the OCDS extension registry's addresses). */
export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_partyDetails_scale_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_suitability_extension/master/extension.json',
] as const;

/** A problem of a file: where (a JSON path, or `row N, column C` of a CSV) and why. */
export interface OcdsProblem {
  field: string;
  message: Localized;
}

/** A supplier of an award as its release names it. */
export interface OcdsAwardSupplier {
  name: string;
  uscc: string | null;
  scale: OcdsPartyScale | null;
}

/** An award as Huiqi keeps it, read from a (compiled) release. */
export interface OcdsAward {
  ocid: string;
  awardId: string;
  /** The release it comes from: the latest of its ocid's releases (id and date-time as given). */
  releaseId: string;
  releaseDate: string;
  /** The award's place in its compiled release (named in the file by `OcdsRead.place` when an error needs it). */
  steps: readonly Step[];
  buyerUscc: string;
  /** The buyer's identifier's place in the compiled release. */
  buyerSteps: readonly Step[];
  /** `active` awards are kept; the others remove an award kept before, or are skipped. */
  status: 'active' | 'pending' | 'cancelled' | 'unsuccessful';
  /** The rest is set for an active award only. */
  kind: ProcurementKind;
  suited: boolean;
  title: string;
  awardedOn: string;
  amount: string;
  suppliers: OcdsAwardSupplier[];
  role: 'single' | 'consortium';
  declaredSize: BidderSize | null;
  /** The scale that decided the declared size (a consortium: its largest member's). */
  scale: OcdsPartyScale | null;
  smeAmount: string;
  smallMicroAmount: string;
}

/** What a file gave: the releases read, the awards, and the problems (none: the file may be imported). */
export interface OcdsRead {
  format: 'json' | 'csv';
  releases: number;
  awards: OcdsAward[];
  problems: OcdsProblem[];
  /** Where an award, or its buyer's identifier, is in the file (`releases[3].awards[0]`, `row 12, column …`). */
  place: (award: OcdsAward, of: 'award' | 'buyer') => string;
}

const nowhere = () => 'file';

/** At most this many problems are listed; the rest are counted. */
export const MAX_PROBLEMS = 100;

// ---- the schema Huiqi checks (OCDS 1.1 release schema, the parts read) ------------------------------------------

const Opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = OrNull(Type.String());
const IdValue = Type.Union([Type.String({ minLength: 1 }), Type.Integer()]);
const DateTime = Type.String({ format: 'date-time' });

const RELEASE_TAGS = [
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
  'compiled',
];

const IdentifierSchema = Type.Object({
  scheme: Opt(Text),
  id: Opt(OrNull(Type.Union([Type.String(), Type.Integer()]))),
  legalName: Opt(Text),
});
const OrganizationReferenceSchema = Type.Object({ id: Opt(IdValue), name: Opt(Text) });
const OrganizationSchema = Type.Object({
  id: Opt(Type.String()),
  name: Opt(Text),
  identifier: Opt(IdentifierSchema),
  roles: Opt(OrNull(Type.Array(Type.String()))),
  details: Opt(
    OrNull(
      Type.Object({
        // The Party Scale extension's closed codelist (partyScale.csv).
        scale: Opt(OrNull(Type.Enum(OCDS_PARTY_SCALES.map((s) => s.code)))),
      }),
    ),
  ),
});
const ValueSchema = Type.Object({
  amount: Opt(OrNull(Type.Number())),
  currency: Opt(OrNull(Type.String({ pattern: '^[A-Z]{3}$' }))),
});
const AwardSchema = Type.Object(
  {
    id: IdValue,
    title: Opt(Text),
    status: Opt(OrNull(Type.Enum(['pending', 'active', 'cancelled', 'unsuccessful']))),
    date: Opt(OrNull(DateTime)),
    value: Opt(ValueSchema),
    suppliers: Opt(Type.Array(OrganizationReferenceSchema)),
  },
  { required: ['id'] },
);
const ContractSchema = Type.Object({
  id: IdValue,
  awardID: IdValue,
  status: Opt(OrNull(Type.Enum(['pending', 'active', 'cancelled', 'terminated']))),
  value: Opt(ValueSchema),
  dateSigned: Opt(OrNull(DateTime)),
});
const TenderSchema = Type.Object({
  id: IdValue,
  title: Opt(Text),
  mainProcurementCategory: Opt(OrNull(Type.Enum(['goods', 'works', 'services']))),
  procuringEntity: Opt(OrganizationReferenceSchema),
  // The Suitability extension.
  suitability: Opt(Type.Object({ sme: Opt(OrNull(Type.Boolean())) })),
});
const ReleaseSchema = Type.Object({
  ocid: Type.String({ minLength: 1 }),
  id: Type.String({ minLength: 1 }),
  date: DateTime,
  tag: Type.Array(Type.Enum(RELEASE_TAGS), { minItems: 1 }),
  initiationType: Type.Enum(['tender']),
  parties: Opt(Type.Array(OrganizationSchema)),
  buyer: Opt(OrganizationReferenceSchema),
  tender: Opt(TenderSchema),
  awards: Opt(Type.Array(AwardSchema)),
  contracts: Opt(Type.Array(ContractSchema)),
});
const Publisher = Type.Object({ name: Type.String() });
const PackageFields = {
  uri: Type.String({ format: 'uri' }),
  version: Type.String({ pattern: '^(\\d+\\.)(\\d+)$' }),
  publishedDate: DateTime,
  publisher: Publisher,
};
const RecordSchema = Type.Object({
  ocid: Type.String({ minLength: 1 }),
  // Each an embedded release (checked as one) or a linked release (only its url): not read.
  releases: Type.Array(Type.Object({})),
  compiledRelease: Opt(ReleaseSchema),
});
const checkEnvelope = Compile(Type.Object(PackageFields));
const checkRecord = Compile(RecordSchema);
const checkRelease = Compile(ReleaseSchema);

/**
 * Root fields a release must have that Huiqi can stand in for while it looks for the release's other problems (the
 * file is refused anyway): the tag, the initiation type, the date (a date before which no award is kept).
 */
const STAND_INS: Record<string, unknown> = {
  date: '2021-01-01T00:00:00+08:00',
  tag: ['award'],
  initiationType: 'tender',
};

/**
 * A release the schema refuses with what it refuses left out — a field, or an array item (an award without an id) —
 * and a required root field stood in for, so that its other problems are found in the same answer (issue 17: every
 * problem of a file at once). Null when it cannot be read so (no ocid or id, not an object, still refused).
 */
export function salvagedRelease(release: unknown): Json | null {
  if (!isObject(release)) return null;
  const value = structuredClone(release) as Json;
  for (let round = 0; round < 4; round++) {
    if (checkRelease.Check(value)) return value;
    const dropped = new Map<unknown[], Set<number>>();
    let seen = 0;
    for (const raw of checkRelease.Errors(value)) {
      if (++seen > 2000) break;
      const issue = raw as SchemaIssue;
      const segments = pointerSegments(issue.instancePath);
      if (issue.keyword === 'required' && segments.length === 0) {
        for (const name of (issue.params.requiredProperties as string[] | undefined) ?? []) {
          if (!(name in STAND_INS)) return null;
          value[name] = structuredClone(STAND_INS[name]);
        }
        continue;
      }
      if (segments.length === 0) return null;
      if (segments.length === 1 && (segments[0] as string) in STAND_INS) {
        value[segments[0] as string] = structuredClone(STAND_INS[segments[0] as string]);
        continue;
      }
      // The place refused (or, a field missing, the object lacking it) goes.
      let parent: unknown = value;
      for (const segment of segments.slice(0, -1))
        parent = Array.isArray(parent) || isObject(parent) ? (parent as Json)[segment as string] : undefined;
      const last = segments[segments.length - 1] as Segment;
      if (Array.isArray(parent) && typeof last === 'number') {
        const set = dropped.get(parent) ?? new Set<number>();
        set.add(last);
        dropped.set(parent, set);
      } else if (isObject(parent)) delete parent[last as string];
    }
    for (const [list, positions] of dropped) {
      const kept = list.filter((_, i) => !positions.has(i));
      list.splice(0, list.length, ...kept);
    }
  }
  return checkRelease.Check(value) ? value : null;
}

/** One problem per place (the first found: a value the schema refused is not told again as missing). */
function distinct(problems: readonly OcdsProblem[]): OcdsProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (seen.has(p.field)) return false;
    seen.add(p.field);
    return true;
  });
}

// ---- paths and problems ---------------------------------------------------------------------------------------

type Segment = string | number;
/** A step of a path in a compiled release: a name, an index, or the array item with this id. */
type Step = string | number | { id: string };
type Locate = (pointer: Segment[]) => string;

/** A JSON path as people read it: `releases[3].awards[0].value.amount`. */
export function jsonField(pointer: readonly Segment[]): string {
  let out = '';
  for (const s of pointer) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

/** The segments of a JSON pointer (`/releases/3/awards/0`). */
function pointerSegments(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const MESSAGES = {
  required: { zh: '缺少必填字段', en: 'is required' },
  minItems: { zh: '至少应有一项', en: 'must have at least one item' },
  minLength: { zh: '不能为空', en: 'must not be empty' },
  dateTime: {
    zh: '应为带时区的日期时间（如 2026-03-01T00:00:00+08:00）',
    en: 'must be a date-time with its offset (e.g. 2026-03-01T00:00:00+08:00)',
  },
  uri: { zh: '应为 URI', en: 'must be a URI' },
} satisfies Record<string, Localized>;

const TYPE_NAMES: Record<string, Localized> = {
  string: { zh: '文本', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'an integer' },
  boolean: { zh: '布尔值（true/false）', en: 'a boolean (true/false)' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '数组', en: 'an array' },
  null: { zh: 'null', en: 'null' },
};

interface SchemaIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/**
 * The problems of a value against a compiled schema, one per place: a union's alternatives are summed up as the one
 * problem of their place ("must be a string or null"), a missing field is named under its parent.
 */
function schemaProblems(
  issues: Iterable<unknown>,
  locate: Locate,
  base: Segment[],
  limit: number,
): OcdsProblem[] {
  const byPlace = new Map<string, SchemaIssue[]>();
  let seen = 0;
  for (const raw of issues) {
    const issue = raw as SchemaIssue;
    const places =
      issue.keyword === 'required'
        ? ((issue.params.requiredProperties as string[] | undefined) ?? []).map(
            (name) => `${issue.instancePath}/${name}`,
          )
        : [issue.instancePath];
    for (const place of places) {
      const list = byPlace.get(place);
      if (list) list.push(issue);
      else if (byPlace.size < limit) byPlace.set(place, [issue]);
    }
    if (++seen > limit * 20) break;
  }
  const problems: OcdsProblem[] = [];
  const places = [...byPlace.keys()];
  for (const [place, list] of byPlace) {
    // A union's failure at a place is told by its alternative's failures further in (`details` by `details/scale`).
    if (places.some((other) => other.startsWith(`${place}/`))) continue;
    const segments = [...base, ...pointerSegments(place)];
    problems.push({ field: locate(segments), message: issueMessage(list) });
  }
  return problems;
}

function issueMessage(list: SchemaIssue[]): Localized {
  const first = list.find((i) => i.keyword !== 'anyOf') ?? list[0];
  const enumIssue = list.find((i) => i.keyword === 'enum');
  if (enumIssue) {
    const allowed = ((enumIssue.params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v));
    return {
      zh: `不是允许的代码（可用：${allowed.join('、')}）`,
      en: `is not one of the codes ${allowed.join(', ')}`,
    };
  }
  const types = list.filter((i) => i.keyword === 'type').map((i) => String(i.params.type));
  if (types.length > 0 && list.every((i) => i.keyword === 'type' || i.keyword === 'anyOf')) {
    const names = [...new Set(types)].map((t) => TYPE_NAMES[t] ?? { zh: t, en: t });
    return {
      zh: `类型应为${names.map((n) => n.zh).join('或')}`,
      en: `must be ${names.map((n) => n.en).join(' or ')}`,
    };
  }
  switch (first?.keyword) {
    case 'required':
      return MESSAGES.required;
    case 'minItems':
      return MESSAGES.minItems;
    case 'minLength':
      return MESSAGES.minLength;
    case 'format':
      return first.params.format === 'uri' ? MESSAGES.uri : MESSAGES.dateTime;
    case 'pattern':
      return { zh: '格式不正确', en: 'has the wrong format' };
    default:
      return { zh: '不符合 OCDS 1.1 模式', en: 'does not follow the OCDS 1.1 schema' };
  }
}

// ---- releases, grouped and compiled ---------------------------------------------------------------------------

type Json = Record<string, unknown>;

/** A release of the file, with where it is. */
interface Source {
  release: Json;
  /** Where the release is (`['releases', 3]`; a CSV release: nothing), and how a place in the file is named. */
  base: Segment[];
  locate: Locate;
  order: number;
}

/** Names a place inside a release of the file. */
const placeIn = (source: Source, pointer: Segment[]) => source.locate([...source.base, ...pointer]);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | undefined =>
  isObject(v) && (typeof v.id === 'string' || typeof v.id === 'number') ? String(v.id) : undefined;

/** Deeper than this, a merged value replaces the earlier one whole (no release Huiqi reads nests deeper). */
const MERGE_DEPTH = 12;

/**
 * Merges a later release's value into an earlier one as OCDS compiles releases: objects field by field (a null
 * removes the field), arrays of objects with ids item by item, anything else replaced.
 */
function merged(earlier: unknown, later: unknown, depth: number): unknown {
  if (depth > MERGE_DEPTH) return later;
  if (isObject(earlier) && isObject(later)) {
    const out: Json = { ...earlier };
    for (const [key, value] of Object.entries(later)) {
      if (value === null) delete out[key];
      else out[key] = key in out ? merged(out[key], value, depth + 1) : value;
    }
    return out;
  }
  if (
    Array.isArray(earlier) &&
    Array.isArray(later) &&
    later.length > 0 &&
    later.every((item) => idOf(item) !== undefined)
  ) {
    const out = [...earlier];
    for (const item of later) {
      const at = out.findIndex((e) => idOf(e) === idOf(item));
      if (at < 0) out.push(item);
      else out[at] = merged(out[at], item, depth + 1);
    }
    return out;
  }
  return later;
}

/** One ocid's releases compiled: the current state, and the releases it came from (oldest first). */
interface Compiled {
  ocid: string;
  releaseId: string;
  releaseDate: string;
  data: Json;
  sources: Source[];
}

function compile(sources: Source[]): Compiled[] {
  if (sources.length === 1) {
    const only = sources[0] as Source;
    const r = only.release;
    return [
      { ocid: r.ocid as string, releaseId: r.id as string, releaseDate: r.date as string, data: r, sources },
    ];
  }
  const byOcid = new Map<string, Source[]>();
  for (const source of sources) {
    const ocid = source.release.ocid as string;
    const list = byOcid.get(ocid);
    if (list) list.push(source);
    else byOcid.set(ocid, [source]);
  }
  const out: Compiled[] = [];
  for (const [ocid, list] of byOcid) {
    if (list.length > 1)
      list.sort(
        (a, b) =>
          Date.parse(a.release.date as string) - Date.parse(b.release.date as string) || a.order - b.order,
      );
    let data = list[0]?.release as Json;
    for (const source of list.slice(1)) data = merged(data, source.release, 0) as Json;
    const last = list[list.length - 1] as Source;
    out.push({
      ocid,
      releaseId: last.release.id as string,
      releaseDate: last.release.date as string,
      data,
      sources: list,
    });
  }
  return out;
}

/** Follows steps into a value; the pointer with array positions, or undefined where the value has no such place. */
function resolve(value: unknown, steps: readonly Step[]): { pointer: Segment[]; value: unknown } | undefined {
  const pointer: Segment[] = [];
  let at = value;
  for (const step of steps) {
    if (typeof step === 'object') {
      if (!Array.isArray(at)) return undefined;
      const index = at.findIndex((item) => idOf(item) === step.id);
      if (index < 0) return undefined;
      pointer.push(index);
      at = at[index];
    } else if (typeof step === 'number') {
      if (!Array.isArray(at) || step >= at.length) return undefined;
      pointer.push(step);
      at = at[step];
    } else {
      if (!isObject(at) || !(step in at)) return undefined;
      pointer.push(step);
      at = at[step];
    }
  }
  return { pointer, value: at };
}

/**
 * Where a place of a compiled release is in the file: the latest release that holds it, else the latest that holds
 * the most of its path (the rest named as it would be), else the latest release.
 */
function locateIn(compiled: Compiled, steps: readonly Step[]): string {
  const { sources } = compiled;
  for (let i = sources.length - 1; i >= 0; i--) {
    const source = sources[i] as Source;
    const found = resolve(source.release, steps);
    if (found) return placeIn(source, found.pointer);
  }
  for (let length = steps.length - 1; length >= 0; length--)
    for (let i = sources.length - 1; i >= 0; i--) {
      const source = sources[i] as Source;
      const found = resolve(source.release, steps.slice(0, length));
      if (found) {
        const rest = steps.slice(length).map((s) => (typeof s === 'object' ? 0 : s));
        return placeIn(source, [...found.pointer, ...rest]);
      }
    }
  return placeIn(sources[sources.length - 1] as Source, []);
}

// ---- awards out of a compiled release -------------------------------------------------------------------------

/** A JSON number of yuan as Huiqi's decimal text (at most 2 decimals, at most 13 digits before the point). */
export function yuanOfNumber(amount: number): string | null {
  if (!Number.isFinite(amount) || amount <= 0) return null;
  const text = String(amount);
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(text)) return null;
  return text;
}

/** The day (China time, UTC+8) of an OCDS date-time. */
export function chinaDate(dateTime: string): string {
  // Most dates are given in China time already: their day is as written.
  if (dateTime.endsWith('+08:00')) return dateTime.slice(0, 10);
  return new Date(Date.parse(dateTime) + 8 * 3600_000).toISOString().slice(0, 10);
}

const SIZE_ORDER: readonly BidderSize[] = ['micro', 'small', 'medium', 'large'];

/** Longest kept text of a title or name (the table's limit); longer is cut with an ellipsis. */
const MAX_TEXT = 200;
const cut = (text: string) => (text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`);

const addCents = (a: string, b: string) => {
  const c = (y: string) => {
    const [int = '0', frac = ''] = y.split('.');
    return BigInt(int) * 100n + BigInt(`${frac}00`.slice(0, 2));
  };
  const sum = c(a) + c(b);
  // As the database gives it back (trim_scale): no trailing zeros.
  return `${sum / 100n}.${(sum % 100n).toString().padStart(2, '0')}`.replace(/\.?0+$/, '');
};

/**
 * What the suppliers' scales say of the award: the declared size (one supplier's own; a consortium's largest
 * member's, unknown if any member's is), and whether it counts whole for SMEs and for small and micro enterprises
 * (a consortium: when every member is one; unknown counts for neither).
 */
export function scaleReading(suppliers: readonly { scale: OcdsPartyScale | null }[]): {
  size: BidderSize | null;
  scale: OcdsPartyScale | null;
  isSme: boolean;
  isSmallMicro: boolean;
} {
  if (suppliers.length === 1) {
    const scale = suppliers[0]?.scale ?? null;
    const meaning = ocdsScaleMeaning(scale);
    return {
      size: meaning?.size ?? null,
      scale,
      isSme: meaning?.isSme === true,
      isSmallMicro: meaning?.isSmallMicro === true,
    };
  }
  const meanings = suppliers.map((s) => ({ scale: s.scale, meaning: ocdsScaleMeaning(s.scale) }));
  let size: BidderSize | null = null;
  let scale: OcdsPartyScale | null = null;
  const known = meanings.every((m) => m.meaning?.size != null);
  if (known)
    for (const m of meanings) {
      const s = m.meaning?.size as BidderSize;
      if (size === null || SIZE_ORDER.indexOf(s) > SIZE_ORDER.indexOf(size)) {
        size = s;
        scale = m.scale;
      }
    }
  else {
    const large = meanings.find((m) => m.meaning?.size === 'large');
    if (large) {
      size = 'large';
      scale = large.scale;
    } else scale = meanings.length === 1 ? (meanings[0]?.scale ?? null) : null;
  }
  return {
    size,
    scale,
    isSme: meanings.length > 0 && meanings.every((m) => m.meaning?.isSme === true),
    isSmallMicro: meanings.length > 0 && meanings.every((m) => m.meaning?.isSmallMicro === true),
  };
}

/** A NUL or an unpaired surrogate: text PostgreSQL cannot store as it is. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE = {
  test: (text: string) =>
    text.includes('\u0000') ||
    // String.prototype.isWellFormed (Node 20): false when a surrogate is unpaired; the expression where it is missing.
    ((text as { isWellFormed?: () => boolean }).isWellFormed?.() ?? !UNPAIRED_SURROGATE.test(text)) === false,
};
const UNSTORABLE_MESSAGE: Localized = {
  zh: '含有无法保存的字符（空字符或不成对的代理码元）',
  en: 'holds a character that cannot be stored (NUL or an unpaired surrogate)',
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Codes checked already (a file names the same bodies and suppliers again and again). */
const checkedCodes = new Map<string, boolean>();
function isUscc(code: string): boolean {
  let valid = checkedCodes.get(code);
  if (valid === undefined) {
    valid = isValidUscc(code);
    if (checkedCodes.size >= 100_000) checkedCodes.clear();
    checkedCodes.set(code, valid);
  }
  return valid;
}

/** The USCC of an organization's identifier: its id when the scheme is CN-SAIC or absent and the id is one. */
function usccOf(party: Json | undefined): { uscc: string | null; invalid: boolean } {
  const identifier = isObject(party?.identifier) ? party.identifier : undefined;
  const id = str(identifier?.id)?.trim().toUpperCase();
  const scheme = str(identifier?.scheme);
  if (!id) return { uscc: null, invalid: false };
  if (scheme === USCC_SCHEME || scheme === undefined) {
    if (isUscc(id)) return { uscc: id, invalid: false };
    return { uscc: null, invalid: scheme === USCC_SCHEME };
  }
  // Another register's identifier (a foreign supplier): no USCC.
  return { uscc: null, invalid: false };
}

/**
 * Why a party's identifier is not a USCC, naming the code and what is wrong with it (its length, a character, or the
 * GB 32100 check character): a buyer must be named by its USCC, a supplier's given under CN-SAIC must be one.
 */
function badUscc(party: Json | undefined, who: 'buyer' | 'supplier'): Localized {
  const identifier = isObject(party?.identifier) ? party.identifier : undefined;
  const id = str(identifier?.id)?.trim();
  const scheme = str(identifier?.scheme);
  const whom = who === 'buyer' ? { zh: '采购人', en: "the buyer's" } : { zh: '供应商', en: "the supplier's" };
  if (!id || (scheme !== undefined && scheme !== USCC_SCHEME))
    return {
      zh: `${whom.zh}的标识应为统一社会信用代码（scheme ${USCC_SCHEME}）${id ? `，所给为 ${scheme} 的“${id}”` : '，未给出'}`,
      en: `${whom.en} identifier must be its unified social credit code (scheme ${USCC_SCHEME})${id ? `, not ${scheme}'s "${id}"` : '; none is given'}`,
    };
  const checked = validateUscc(id);
  const why = checked.ok ? { zh: '', en: '' } : checked.message;
  return {
    zh: `${whom.zh}的统一社会信用代码“${id}”无效：${why.zh}`,
    en: `${whom.en} unified social credit code "${id}" is not valid: ${why.en}`,
  };
}

/** Reads the awards of one compiled release; problems are pushed with where they are. */
function awardsOf(compiled: Compiled, problems: OcdsProblem[]): OcdsAward[] {
  const data = compiled.data;
  const at = (steps: readonly Step[]) => locateIn(compiled, steps);
  const problem = (steps: readonly Step[], message: Localized) =>
    problems.push({ field: at(steps), message });
  const parties = (Array.isArray(data.parties) ? data.parties : []).filter(isObject);
  const partyById = new Map<string, Json>();
  for (const p of parties) if (idOf(p) !== undefined) partyById.set(idOf(p) as string, p);
  const awards = (Array.isArray(data.awards) ? data.awards : []).filter(isObject);
  if (awards.length === 0) return [];

  if (compiled.ocid.length > 200) problem(['ocid'], { zh: '超过 200 个字符', en: 'is over 200 characters' });
  if (compiled.releaseId.length > 200)
    problem(['id'], { zh: '超过 200 个字符', en: 'is over 200 characters' });

  // The buyer: the release's `buyer`, else the party in the role; else the procuring entity.
  const roleParty = (role: string) =>
    parties.find((p) => Array.isArray(p.roles) && (p.roles as unknown[]).includes(role));
  const buyerRef = isObject(data.buyer) ? idOf(data.buyer) : undefined;
  const tender = isObject(data.tender) ? data.tender : undefined;
  const entityRef = isObject(tender?.procuringEntity) ? idOf(tender.procuringEntity) : undefined;
  const buyer =
    (buyerRef !== undefined ? partyById.get(buyerRef) : undefined) ??
    roleParty('buyer') ??
    (entityRef !== undefined ? partyById.get(entityRef) : undefined) ??
    roleParty('procuringEntity');
  const buyerSteps: Step[] =
    buyer && idOf(buyer) !== undefined ? ['parties', { id: idOf(buyer) as string }] : ['buyer'];
  const buyerIdSteps: Step[] = [...buyerSteps, 'identifier', 'id'];
  const buyerUscc = buyer ? usccOf(buyer).uscc : null;
  if (!buyer)
    problem(['buyer'], {
      zh: '未指明采购人：应在 parties 中以 buyer 或 procuringEntity 角色列出，并给出其统一社会信用代码',
      en: 'names no buyer: list it in parties with the role buyer or procuringEntity, with its unified social credit code',
    });
  else if (!buyerUscc) problem(buyerIdSteps, badUscc(buyer, 'buyer'));

  const kind = tender?.mainProcurementCategory as ProcurementKind | null | undefined;
  const suitability = isObject(tender?.suitability) ? tender.suitability : undefined;
  const suited = typeof suitability?.sme === 'boolean' ? suitability.sme : true;
  const contracts = (Array.isArray(data.contracts) ? data.contracts : []).filter(isObject);

  if (UNSTORABLE.test(compiled.ocid)) problem(['ocid'], UNSTORABLE_MESSAGE);
  if (UNSTORABLE.test(compiled.releaseId)) problem(['id'], UNSTORABLE_MESSAGE);
  const out: OcdsAward[] = [];
  const seen = new Set<string>();
  let kindMissing = false;
  for (const award of awards) {
    const awardId = idOf(award) as string;
    const steps: Step[] = ['awards', { id: awardId }];
    if (seen.has(awardId)) {
      problem([...steps, 'id'], { zh: '奖项编号重复', en: 'repeats an award id of this release' });
      continue;
    }
    seen.add(awardId);
    if (awardId.length > 200)
      problem([...steps, 'id'], { zh: '超过 200 个字符', en: 'is over 200 characters' });
    const status = (award.status ?? 'active') as OcdsAward['status'];
    if (status !== 'active') {
      out.push({
        ocid: compiled.ocid,
        awardId,
        releaseId: compiled.releaseId,
        releaseDate: compiled.releaseDate,
        steps,
        buyerUscc: buyerUscc ?? '',
        buyerSteps: buyerIdSteps,
        status,
        kind: 'goods',
        suited,
        title: '',
        awardedOn: '',
        amount: '0',
        suppliers: [],
        role: 'single',
        declaredSize: null,
        scale: null,
        smeAmount: '0',
        smallMicroAmount: '0',
      });
      continue;
    }
    if (!kind && !kindMissing) {
      kindMissing = true;
      problem(['tender', 'mainProcurementCategory'], {
        zh: '缺少采购类别（goods、services 或 works），惠企按类别统计中小企业份额',
        en: 'is missing: Huiqi counts the SME shares by kind (goods, services or works)',
      });
    }

    // The amount: the award's value, else the sum of its contracts' values.
    const own = isObject(award.value) ? award.value : undefined;
    const mine =
      contracts.length === 0
        ? contracts
        : contracts.filter((c) => str(c.awardID) === awardId && c.status !== 'cancelled');
    const values: { value: Json; steps: Step[] }[] =
      own && typeof own.amount === 'number'
        ? [{ value: own, steps: [...steps, 'value'] }]
        : mine
            .filter((c) => isObject(c.value) && typeof (c.value as Json).amount === 'number')
            .map((c) => ({
              value: c.value as Json,
              steps: ['contracts', { id: idOf(c) as string }, 'value'],
            }));
    let amount: string | null = values.length === 0 ? null : '0';
    for (const v of values) {
      const currency = v.value.currency;
      if (currency !== undefined && currency !== null && currency !== 'CNY') {
        problem([...v.steps, 'currency'], {
          zh: `惠企只记录人民币金额（CNY），这里是 ${String(currency)}`,
          en: `Huiqi keeps amounts in yuan (CNY) only; this is ${String(currency)}`,
        });
        amount = null;
        break;
      }
      const yuan = yuanOfNumber(v.value.amount as number);
      if (yuan === null) {
        problem([...v.steps, 'amount'], {
          zh: '金额应大于 0，最多两位小数，小于一万亿元',
          en: 'must be above 0, with at most 2 decimals, below 10^13 yuan',
        });
        amount = null;
        break;
      }
      amount = values.length === 1 ? yuan : addCents(amount as string, yuan);
    }
    if (values.length === 0)
      problem([...steps, 'value', 'amount'], {
        zh: '成交金额缺失（奖项及其合同都没有金额）',
        en: 'is missing: neither the award nor its contracts give an amount',
      });

    // The day: the award's date, else a contract's signing, else the release's date.
    const signed = mine.find((c) => typeof c.dateSigned === 'string');
    const dateTime =
      (typeof award.date === 'string' ? award.date : undefined) ??
      (signed?.dateSigned as string | undefined) ??
      compiled.releaseDate;
    const awardedOn = chinaDate(dateTime);
    const year = Number(awardedOn.slice(0, 4));
    if (year < 2021 || year > 2100)
      problem(
        typeof award.date === 'string'
          ? [...steps, 'date']
          : signed
            ? ['contracts', { id: idOf(signed) as string }, 'dateSigned']
            : ['date'],
        {
          zh: `成交日期 ${awardedOn} 不在 2021—2100 年之间（惠企记录 2021 年财库〔2020〕46号施行以来的采购）`,
          en: `the award's day ${awardedOn} is not in 2021–2100 (Huiqi keeps procurement since 财库〔2020〕46号 took effect in 2021)`,
        },
      );
    else if (awardedOn > todayInChina())
      problem(
        typeof award.date === 'string'
          ? [...steps, 'date']
          : signed
            ? ['contracts', { id: idOf(signed) as string }, 'dateSigned']
            : ['date'],
        {
          zh: `成交日期 ${awardedOn} 晚于今天（${todayInChina()}），不能导入将来的成交结果`,
          en: `the award's day ${awardedOn} is after today (${todayInChina()}): an award to come cannot be imported`,
        },
      );

    // The suppliers, from the parties they refer to.
    const refs = Array.isArray(award.suppliers) ? award.suppliers.filter(isObject) : [];
    if (refs.length === 0)
      problem([...steps, 'suppliers'], {
        zh: '有效的成交结果应列出供应商',
        en: 'an active award must name its supplier',
      });
    const suppliers: OcdsAwardSupplier[] = [];
    for (let k = 0; k < refs.length; k++) {
      const ref = refs[k] as Json;
      const partyId = idOf(ref);
      const party = partyId !== undefined ? partyById.get(partyId) : undefined;
      const partySteps = (): Step[] =>
        party ? ['parties', { id: partyId as string }] : [...steps, 'suppliers', k];
      const name = (str(party?.name) ?? str(ref.name) ?? '').trim();
      if (name === '')
        problem([...partySteps(), 'name'], { zh: '供应商名称缺失', en: "the supplier's name is missing" });
      const { uscc, invalid } = usccOf(party);
      if (invalid) problem([...partySteps(), 'identifier', 'id'], badUscc(party, 'supplier'));
      const details = isObject(party?.details) ? party.details : undefined;
      const scale = (details?.scale ?? null) as OcdsPartyScale | null;
      suppliers.push({ name: cut(name), uscc, scale });
    }
    const reading = scaleReading(suppliers);
    if (UNSTORABLE.test(awardId)) problem([...steps, 'id'], UNSTORABLE_MESSAGE);
    suppliers.forEach((s, k) => {
      if (UNSTORABLE.test(s.name)) problem([...steps, 'suppliers', k, 'name'], UNSTORABLE_MESSAGE);
    });
    const title = cut((str(award.title) ?? str(tender?.title) ?? '').trim());
    if (UNSTORABLE.test(title)) problem([...steps, 'title'], UNSTORABLE_MESSAGE);
    const whole = amount ?? '0';
    out.push({
      ocid: compiled.ocid,
      awardId,
      releaseId: compiled.releaseId,
      releaseDate: compiled.releaseDate,
      steps,
      buyerUscc: buyerUscc ?? '',
      buyerSteps: buyerIdSteps,
      status,
      kind: kind ?? 'goods',
      suited,
      title,
      awardedOn,
      amount: whole,
      suppliers,
      role: suppliers.length > 1 ? 'consortium' : 'single',
      declaredSize: reading.size,
      scale: reading.scale,
      smeAmount: reading.isSme ? whole : '0',
      smallMicroAmount: reading.isSmallMicro ? whole : '0',
    });
  }
  return out;
}

/** The awards of some releases: grouped by ocid, compiled, read. */
function readSources(sources: Source[], format: 'json' | 'csv', problems: OcdsProblem[]): OcdsRead {
  const awards: OcdsAward[] = [];
  const byOcid = new Map<string, Compiled>();
  for (const compiled of compile(sources)) {
    byOcid.set(compiled.ocid, compiled);
    awards.push(...awardsOf(compiled, problems));
    if (problems.length > MAX_PROBLEMS) break;
  }
  const place = (award: OcdsAward, of: 'award' | 'buyer') => {
    const compiled = byOcid.get(award.ocid);
    return compiled ? locateIn(compiled, of === 'award' ? award.steps : award.buyerSteps) : 'file';
  };
  return {
    format,
    releases: sources.length,
    awards,
    problems: distinct(problems).slice(0, MAX_PROBLEMS),
    place,
  };
}

// ---- JSON ------------------------------------------------------------------------------------------------------

const NOT_A_PACKAGE: Localized = {
  zh: '不是 OCDS 发布包（releases）或记录包（records）',
  en: 'is neither an OCDS release package (releases) nor a record package (records)',
};

/** Reads a release package or a record package (JSON text). */
export function readOcdsJson(text: string): OcdsRead {
  // The package's releases (or records) are found in the text and parsed one by one: what one release makes is
  // garbage as soon as its awards are read, so a file of 100,000 never lives in memory as one object tree.
  const scanned = scanPackage(text);
  if (scanned) {
    const { envelope, key, spans } = scanned;
    return readUnits(envelope, key, spans.length, (i) => {
      const [from, to] = spans[i] as [number, number];
      return JSON.parse(text.slice(from, to));
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      format: 'json',
      releases: 0,
      awards: [],
      place: nowhere,
      problems: [
        {
          field: 'file',
          message: {
            zh: `不是有效的 JSON：${(error as Error).message}`,
            en: `is not valid JSON: ${(error as Error).message}`,
          },
        },
      ],
    };
  }
  return readOcdsValue(value);
}

/** Reads a release package or a record package already parsed (a JSON request body). */
export function readOcdsValue(value: unknown): OcdsRead {
  if (!isObject(value)) return readUnits({}, null, 0, () => undefined);
  const key = Array.isArray(value.releases) ? 'releases' : Array.isArray(value.records) ? 'records' : null;
  const list = key ? (value[key] as unknown[]) : [];
  const { releases: _r, records: _c, ...envelope } = value;
  return readUnits(envelope, key, list.length, (i) => list[i]);
}

const locateJson: Locate = (pointer) => jsonField(pointer) || 'file';
const LINKED: Localized = {
  zh: '链接的发布（只有 url）无法读取：请在记录中给出 compiledRelease 或发布本身',
  en: 'a linked release (a url only) cannot be read: give the compiledRelease or the releases themselves',
};
const OTHER_OCID: Localized = { zh: '与记录的 ocid 不同', en: "differs from the record's ocid" };

/** The releases of the package's i-th element (a release, or a record's), checked; null when it has a problem. */
function unitSources(
  key: 'releases' | 'records',
  i: number,
  element: unknown,
  problems: OcdsProblem[],
): Source[] | null {
  if (key === 'releases') {
    if (!checkRelease.Check(element)) {
      problems.push(...schemaProblems(checkRelease.Errors(element), locateJson, [key, i], MAX_PROBLEMS));
      // Its other problems are looked for in what the schema lets through (the file is refused either way).
      const salvaged = salvagedRelease(element);
      return salvaged ? [{ release: salvaged, base: [key, i], locate: locateJson, order: 0 }] : null;
    }
    return [{ release: element as Json, base: [key, i], locate: locateJson, order: 0 }];
  }
  let compiledRelease: Json | null = null;
  if (!checkRecord.Check(element)) {
    problems.push(...schemaProblems(checkRecord.Errors(element), locateJson, [key, i], MAX_PROBLEMS));
    // A record refused for its compiled release alone is read from what the schema lets through of it.
    if (!isObject(element) || !isObject(element.compiledRelease)) return null;
    const { compiledRelease: _c, ...rest } = element;
    if (!checkRecord.Check(rest)) return null;
    compiledRelease = salvagedRelease(element.compiledRelease);
    if (!compiledRelease) return null;
  }
  const record = element as Json;
  const sources: Source[] = [];
  if (compiledRelease || isObject(record.compiledRelease)) {
    const release = compiledRelease ?? (record.compiledRelease as Json);
    if (release.ocid !== record.ocid)
      problems.push({ field: locateJson([key, i, 'compiledRelease', 'ocid']), message: OTHER_OCID });
    sources.push({ release, base: [key, i, 'compiledRelease'], locate: locateJson, order: 0 });
  } else
    (record.releases as Json[]).forEach((release, j) => {
      const base: Segment[] = [key, i, 'releases', j];
      if (!('ocid' in release) && typeof release.url === 'string') {
        problems.push({ field: locateJson(base), message: LINKED });
        return;
      }
      let read: Json | null = release;
      if (!checkRelease.Check(release)) {
        problems.push(...schemaProblems(checkRelease.Errors(release), locateJson, base, MAX_PROBLEMS));
        read = salvagedRelease(release);
        if (!read) return;
      }
      if (read.ocid !== record.ocid)
        problems.push({ field: locateJson([...base, 'ocid']), message: OTHER_OCID });
      sources.push({ release: read, base, locate: locateJson, order: j });
    });
  // With problems, the releases that could be read still go on: their other problems are told in the same answer.
  return sources;
}

/**
 * Reads a package's elements one at a time (`element(i)`), checks each, and reads the awards of each ocid. An ocid
 * met once (most) is read at once; one met again is read again at the end with all its releases compiled. Little is
 * kept per element: where its ocid was first met, and its awards.
 */
function readUnits(
  envelope: Json,
  key: 'releases' | 'records' | null,
  count: number,
  element: (i: number) => unknown,
): OcdsRead {
  const fail = (problems: OcdsProblem[]): OcdsRead => ({
    format: 'json',
    releases: 0,
    awards: [],
    problems: distinct(problems).slice(0, MAX_PROBLEMS),
    place: nowhere,
  });
  if (key === null) return fail([{ field: 'file', message: NOT_A_PACKAGE }]);
  const problems: OcdsProblem[] = [];
  if (!checkEnvelope.Check(envelope))
    problems.push(...schemaProblems(checkEnvelope.Errors(envelope), locateJson, [], MAX_PROBLEMS));
  if (count === 0) problems.push({ field: key, message: MESSAGES.minItems });
  /** The element where each ocid was first met; the elements of an ocid met again. */
  const first = new Map<string, number>();
  const again = new Map<string, number[]>();
  const unitsOf = (ocid: string) => again.get(ocid) ?? [first.get(ocid) as number];
  const sourcesOf = (units: number[], into: OcdsProblem[]) =>
    units.flatMap((u, order) =>
      (unitSources(key, u, element(u), into) ?? []).map((s) => ({ ...s, order: order * 10_000 + s.order })),
    );
  const pending = new Map<string, OcdsProblem[]>();
  let awards: OcdsAward[] = [];
  let releases = 0;
  for (let i = 0; i < count && problems.length + pending.size < MAX_PROBLEMS; i++) {
    let value: unknown;
    try {
      value = element(i);
    } catch (error) {
      problems.push({
        field: locateJson([key, i]),
        message: {
          zh: `不是有效的 JSON：${(error as Error).message}`,
          en: `is not valid JSON: ${(error as Error).message}`,
        },
      });
      continue;
    }
    const sources = unitSources(key, i, value, problems);
    if (!sources || sources.length === 0) continue;
    releases += sources.length;
    const ocid = sources[0]?.release.ocid as string;
    const met = first.get(ocid);
    if (met !== undefined) {
      const list = again.get(ocid);
      if (list) list.push(i);
      else again.set(ocid, [met, i]);
      continue;
    }
    first.set(ocid, i);
    const local: OcdsProblem[] = [];
    for (const compiled of compile(sources)) {
      const found = awardsOf(compiled, local);
      for (const award of found) awards.push(award);
    }
    // An ocid's problems stand only if no later release of it comes to correct them.
    if (local.length > 0) pending.set(ocid, local);
  }
  for (const [ocid, list] of pending) if (!again.has(ocid)) problems.push(...list);
  if (problems.length < MAX_PROBLEMS && again.size > 0) {
    // Met again: the ocid's awards read once more from all its releases, compiled in date order (the problems its
    // first release alone gave are not the compiled release's: found again from scratch).
    const first: OcdsProblem[] = [];
    awards = awards.filter((a) => !again.has(a.ocid));
    for (const units of again.values())
      for (const compiled of compile(sourcesOf(units, first))) awards.push(...awardsOf(compiled, first));
    problems.push(...first);
  }
  const place = (award: OcdsAward, of: 'award' | 'buyer') => {
    const [compiled] = compile(sourcesOf(unitsOf(award.ocid), []));
    return compiled ? locateIn(compiled, of === 'award' ? award.steps : award.buyerSteps) : key;
  };
  // With problems, the awards read still go back (their buyers are checked in the same answer), none is imported.
  if (problems.length > 0) return { ...fail(problems), releases, awards, place };
  return { format: 'json', releases, awards, problems: [], place };
}

// ---- finding a package's releases in its text ---------------------------------------------------------------

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Finds a package's parts in its text: the envelope (every member but the releases or records, parsed) and where each
 * release or record is. Null where the text does not follow (invalid JSON, another shape): it is then parsed whole,
 * which says where it breaks. What lies between the elements is checked here; each element is checked by JSON.parse.
 */
export function scanPackage(
  text: string,
): { envelope: Json; key: 'releases' | 'records' | null; spans: [number, number][] } | null {
  const n = text.length;
  let i = 0;
  const ws = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  /** The end (exclusive) of the value starting at `at`; -1 if it runs off the text. */
  const endOf = (at: number): number => {
    const c = text.charCodeAt(at);
    if (c === 0x22) {
      for (let k = at + 1; k < n; k++) {
        const d = text.charCodeAt(k);
        if (d === 0x5c) k++;
        else if (d === 0x22) return k + 1;
      }
      return -1;
    }
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      for (let k = at; k < n; k++) {
        const d = text.charCodeAt(k);
        if (d === 0x22) {
          k++;
          while (k < n && text.charCodeAt(k) !== 0x22) k += text.charCodeAt(k) === 0x5c ? 2 : 1;
        } else if (d === 0x7b || d === 0x5b) depth++;
        else if (d === 0x7d || d === 0x5d) {
          depth--;
          if (depth === 0) return k + 1;
        }
      }
      return -1;
    }
    let k = at;
    while (k < n && !WS.has(text.charCodeAt(k)) && !',]}'.includes(text[k] as string)) k++;
    return k > at ? k : -1;
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    ws();
    if (text[i] !== '{') return null;
    i++;
    const envelope: Json = {};
    let key: 'releases' | 'records' | null = null;
    let spans: [number, number][] = [];
    ws();
    if (text[i] === '}') i++;
    else
      for (;;) {
        ws();
        if (text[i] !== '"') return null;
        const keyEnd = endOf(i);
        if (keyEnd < 0) return null;
        const name = JSON.parse(text.slice(i, keyEnd)) as string;
        i = keyEnd;
        ws();
        if (text[i] !== ':') return null;
        i++;
        ws();
        if ((name === 'releases' || name === 'records') && text[i] === '[' && key === null) {
          key = name;
          spans = [];
          i++;
          ws();
          if (text[i] === ']') i++;
          else
            for (;;) {
              ws();
              const end = endOf(i);
              if (end < 0) return null;
              spans.push([i, end]);
              i = end;
              ws();
              if (text[i] === ',') i++;
              else if (text[i] === ']') {
                i++;
                break;
              } else return null;
            }
        } else {
          const end = endOf(i);
          if (end < 0) return null;
          envelope[name] = JSON.parse(text.slice(i, end));
          i = end;
        }
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          break;
        } else return null;
      }
    ws();
    if (i !== n) return null;
    return { envelope, key, spans };
  } catch {
    return null;
  }
}

// ---- CSV (the flattened form) ----------------------------------------------------------------------------------

/** The kind of value a column holds, found from the schema by its path (array positions as `*`). */
type CellType = 'string' | 'number' | 'integer' | 'boolean' | 'strings';

/** Every path of the release schema Huiqi checks with the type of its cells: `awards/*\/value/amount` → number. */
function cellTypes(schema: TSchema): Map<string, CellType> {
  const out = new Map<string, CellType>();
  const walk = (s: TSchema, path: string) => {
    const node = s as unknown as {
      type?: string;
      anyOf?: TSchema[];
      properties?: Record<string, TSchema>;
      items?: TSchema;
      enum?: unknown[];
    };
    if (node.anyOf) {
      for (const alt of node.anyOf)
        if ((alt as unknown as { type?: string }).type !== 'null') {
          walk(alt, path);
          // A union of text and a number (an id) is read as text.
          if (out.get(path) === 'integer') out.set(path, 'string');
        }
      return;
    }
    if (node.properties) {
      for (const [key, child] of Object.entries(node.properties))
        walk(child, path === '' ? key : `${path}/${key}`);
      return;
    }
    if (node.type === 'array' && node.items) {
      const item = node.items as unknown as { type?: string; enum?: unknown[]; properties?: unknown };
      if (item.properties) walk(node.items, `${path}/*`);
      else out.set(path, 'strings');
      return;
    }
    if (out.has(path)) return;
    if (node.type === 'number') out.set(path, 'number');
    else if (node.type === 'integer') out.set(path, 'integer');
    else if (node.type === 'boolean') out.set(path, 'boolean');
    else out.set(path, 'string');
  };
  walk(schema, '');
  return out;
}

const CELL_TYPES = cellTypes(ReleaseSchema);
const HEADER = /^[A-Za-z_][A-Za-z0-9_]*(\/([0-9]+|[A-Za-z_][A-Za-z0-9_]*))*$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A CSV place as people read it. */
const cellField = (row: number, column: string) => `row ${row}, column ${column}`;

interface CsvGroup {
  key: string;
  firstRow: number;
  release: Json;
  /** The file's cell (row, column header) of each pointer set, and of each item made. */
  cells: Map<string, { row: number; column: string }>;
}

/**
 * Reads releases in the flattened CSV form: the first row names each column by its path (`awards/0/value/amount`;
 * lists of codes in one cell split by `;`), each further row is (part of) a release; rows of the same `ocid` and `id`
 * are one release, their array items merged by `id`. UTF-8, with or without a BOM.
 */
export function readOcdsCsv(text: string): OcdsRead {
  const fail = (problems: OcdsProblem[]): OcdsRead => ({
    format: 'csv',
    releases: 0,
    awards: [],
    problems,
    place: nowhere,
  });
  let rows: string[][];
  try {
    rows = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fail([
      {
        field: line ? `row ${line}` : 'file',
        message: {
          zh: `CSV 无法读取：${(error as Error).message}`,
          en: `the CSV cannot be read: ${(error as Error).message}`,
        },
      },
    ]);
  }
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  const problems: OcdsProblem[] = [];
  if (header.length === 0 || header.every((h) => h === ''))
    return fail([{ field: 'row 1', message: { zh: '缺少表头行', en: 'the header row is missing' } }]);
  const columns = header.map((name, i) => {
    if (!HEADER.test(name)) {
      problems.push({
        field: cellField(1, name || `#${i + 1}`),
        message: {
          zh: '不是 OCDS 扁平化的字段路径（如 awards/0/value/amount）',
          en: 'is not a flattened OCDS path (such as awards/0/value/amount)',
        },
      });
      return null;
    }
    const segments: Segment[] = name.split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const pattern = segments.map((s) => (typeof s === 'number' ? '*' : s)).join('/');
    return { name, segments, type: CELL_TYPES.get(pattern) ?? 'string' };
  });
  for (const required of ['ocid', 'id'])
    if (!header.includes(required))
      problems.push({
        field: cellField(1, required),
        message: { zh: '缺少这一列', en: 'this column is missing' },
      });
  if (problems.length > 0) return fail(problems);
  const ocidAt = header.indexOf('ocid');
  const idAt = header.indexOf('id');

  const groups = new Map<string, CsvGroup>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    if (problems.length >= MAX_PROBLEMS) return;
    if (cells.length !== header.length) {
      problems.push({
        field: `row ${row}`,
        message: {
          zh: `有 ${cells.length} 个单元格，表头有 ${header.length} 列`,
          en: `has ${cells.length} cells; the header has ${header.length} columns`,
        },
      });
      return;
    }
    const ocid = cells[ocidAt]?.trim() ?? '';
    const releaseId = cells[idAt]?.trim() ?? '';
    if (ocid === '' || releaseId === '') {
      problems.push({
        field: cellField(row, ocid === '' ? 'ocid' : 'id'),
        message: MESSAGES.required,
      });
      return;
    }
    const key = `${ocid}\u0000${releaseId}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, firstRow: row, release: {}, cells: new Map() };
      groups.set(key, group);
    }
    // This row's array items: its `…/N` prefix → the item's position in the release (found by id, else new).
    const items = new Map<string, number>();
    columns.forEach((column, c) => {
      if (!column) return;
      const cell = (cells[c] ?? '').trim();
      if (cell === '') return;
      let value: unknown;
      switch (column.type) {
        case 'number':
        case 'integer':
          // A cell of the wrong type is named, and kept as its text: the schema refuses it in its place, and the
          // release's other problems are still looked for (every problem of the file at once).
          if (!NUMBER.test(cell) || (column.type === 'integer' && !/^-?\d+$/.test(cell))) {
            problems.push({
              field: cellField(row, column.name),
              message:
                column.type === 'integer'
                  ? { zh: '应为整数', en: 'must be an integer' }
                  : { zh: '应为数字', en: 'must be a number' },
            });
            value = cell;
          } else value = Number(cell);
          break;
        case 'boolean':
          if (!/^(true|false)$/i.test(cell)) {
            problems.push({ field: cellField(row, column.name), message: TYPE_NAMES.boolean as Localized });
            value = cell;
          } else value = cell.toLowerCase() === 'true';
          break;
        case 'strings':
          value = cell
            .split(';')
            .map((s) => s.trim())
            .filter((s) => s !== '');
          break;
        default:
          value = cell;
      }
      if (!setCell(group as CsvGroup, column, value, row, cells, header, items))
        problems.push({
          field: cellField(row, column.name),
          message: {
            zh: '与同一行的另一列重叠（同一位置既是值又是对象或列表）',
            en: 'overlaps another column of the row (one place both a value and an object or list)',
          },
        });
    });
  });
  const sources: Source[] = [];
  let order = 0;
  for (const group of groups.values()) {
    const locate: Locate = (pointer) => {
      const key = pointer.join('/');
      const exact = group.cells.get(key);
      if (exact) return cellField(exact.row, exact.column);
      // The nearest place made from a cell: its row, the rest of the path named after its column.
      for (let n = pointer.length - 1; n > 0; n--) {
        const near = group.cells.get(pointer.slice(0, n).join('/'));
        if (near) return cellField(near.row, [near.column, ...pointer.slice(n)].join('/'));
      }
      return pointer.length === 0 ? `row ${group.firstRow}` : cellField(group.firstRow, pointer.join('/'));
    };
    if (problems.length >= MAX_PROBLEMS) break;
    let release: Json | null = group.release;
    if (!checkRelease.Check(release)) {
      problems.push(...schemaProblems(checkRelease.Errors(release), locate, [], MAX_PROBLEMS));
      // Its other problems are looked for in what the schema lets through.
      release = salvagedRelease(release);
      if (!release) continue;
    }
    sources.push({ release, base: [], locate, order: order++ });
  }
  // The releases that passed are read too: their problems are named in the same answer as the others' (every row
  // at once, not one kind of problem per try), in the order of the rows.
  const read = readSources(sources, 'csv', problems);
  const rowOf = (field: string) => Number(/^row (\d+)/.exec(field)?.[1] ?? 0);
  return { ...read, problems: [...read.problems].sort((a, b) => rowOf(a.field) - rowOf(b.field)) };
}

/**
 * Sets one cell's value into its release: each `name/N` of the path is an array item, found in the release by the
 * row's `name/N/id` (items of one id merge across rows), else made new for this row.
 */
function setCell(
  group: CsvGroup,
  column: { name: string; segments: Segment[] },
  value: unknown,
  row: number,
  cells: string[],
  header: string[],
  items: Map<string, number>,
): boolean {
  let at: unknown = group.release;
  const actual: Segment[] = [];
  const { segments } = column;
  const mark = (column: string) => {
    const key = actual.join('/');
    if (!group.cells.has(key)) group.cells.set(key, { row, column });
  };
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k] as Segment;
    const last = k === segments.length - 1;
    const next = segments[k + 1];
    if (typeof segment === 'number') {
      if (!Array.isArray(at)) return false;
      const list = at;
      const prefix = segments.slice(0, k + 1).join('/');
      let index = items.get(prefix);
      if (index === undefined) {
        const idColumn = header.indexOf(`${prefix}/id`);
        const id = idColumn >= 0 ? cells[idColumn]?.trim() : '';
        index = id ? list.findIndex((item) => idOf(item) === id) : -1;
        if (index < 0) {
          index = list.length;
          list.push(last ? value : typeof next === 'number' ? [] : {});
        }
        items.set(prefix, index);
      }
      actual.push(index);
      if (last) {
        list[index] = value;
        group.cells.set(actual.join('/'), { row, column: column.name });
        return true;
      }
      mark(prefix);
      at = list[index];
    } else {
      if (!isObject(at)) return false;
      actual.push(segment);
      if (last) {
        const before = at[segment];
        if (isObject(before) || (Array.isArray(before) && !Array.isArray(value))) return false;
        at[segment] = value;
        group.cells.set(actual.join('/'), { row, column: column.name });
        return true;
      }
      if (at[segment] === undefined) at[segment] = typeof next === 'number' ? [] : {};
      mark(segments.slice(0, k + 1).join('/'));
      at = at[segment];
    }
  }
  return true;
}

/** Reads a file of either form: JSON when it starts with `{` or `[` (after a BOM and blanks), else CSV. */
export function readOcds(text: string, format?: 'json' | 'csv'): OcdsRead {
  const kind = format ?? (/^\uFEFF?\s*[{[]/.test(text) ? 'json' : 'csv');
  return kind === 'json' ? readOcdsJson(text.replace(/^\uFEFF/, '')) : readOcdsCsv(text);
}
