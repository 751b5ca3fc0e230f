/**
 * The reviewers' and the public's cultivation pages as pure functions (issue 18): a reviewer's level and the stage
 * their queue opens on, the actions that need reasons, a band of a province indicator in words, the settings form
 * to and from what the API reads and takes, the API's field paths on the form's items, a notice's state.
 */
import type {
  Band,
  BandEnd,
  ProvinceIndicator,
  ReviewAction,
  SettingsInput,
  Stage,
  Tier,
  TierSettings,
} from '../../api/cultivationReview.ts';

export const TIERS: readonly Tier[] = ['innovative', 'specialised', 'little_giant'];

export const STAGES: readonly Stage[] = [
  'county_review',
  'returned',
  'province_review',
  'national_review',
  'notice',
  'recognised',
  'rejected',
  'withdrawn',
  'revoked',
];

/** The stages whose clock runs (cultivation.stages.rules.ts TIMED_STAGES). */
export const TIMED_STAGES: readonly Stage[] = ['county_review', 'province_review', 'national_review'];

/** The actions whose reasons the server requires (cultivation.stages.rules.ts `needsComment`). */
export const REASONS_REQUIRED: readonly ReviewAction[] = ['return', 'reject', 'revoke'];

/** The order the action buttons stand in: the way forward first, the refusals last. */
export const ACTION_ORDER: readonly ReviewAction[] = [
  'recommend',
  'approve',
  'announce',
  'return',
  'reject',
  'revoke',
];

/** A reviewer's level: the ministry (admin), a province's official, or a county's or city's. */
export type ReviewLevel = 'county' | 'province' | 'national';

/**
 * The level of a signed-in user as the server reckons it (cultivation.stages.rules.ts `reviewerLevel`): admin is
 * the ministry; an official's region code ending in 0000 is a province, any other (a city or a county) reviews at
 * the county's step.
 */
export function reviewLevelOf(user: { role: string; regionCode: string | null } | null): ReviewLevel | null {
  if (!user) return null;
  if (user.role === 'admin') return 'national';
  if (user.role !== 'official' || !user.regionCode) return null;
  return /^\d{2}0000$/.test(user.regionCode) ? 'province' : 'county';
}

/** The stage a reviewer's queue opens on: their own step's. */
export function ownStage(level: ReviewLevel | null): Stage | undefined {
  if (level === 'county') return 'county_review';
  if (level === 'province') return 'province_review';
  if (level === 'national') return 'national_review';
  return undefined;
}

/** The province code of a region code (the first two digits and 0000). */
export function provinceOf(regionCode: string | null | undefined): string | undefined {
  return regionCode && /^\d{6}$/.test(regionCode) ? `${regionCode.slice(0, 2)}0000` : undefined;
}

/** The colour of a stage's tag. */
export function stageColor(stage: Stage): string {
  switch (stage) {
    case 'county_review':
    case 'province_review':
    case 'national_review':
      return 'processing';
    case 'returned':
      return 'warning';
    case 'notice':
      return 'purple';
    case 'recognised':
      return 'success';
    case 'rejected':
    case 'revoked':
      return 'error';
    default:
      return 'default';
  }
}

/** Whether a recognition has passed its last valid day (shown 已到期; the daily run ends its registry record). */
export function recognitionExpired(stage: Stage, validTo: string | null | undefined, today: string): boolean {
  return stage === 'recognised' && validTo != null && validTo < today;
}

/** Whether an application approved into its notice waits for the notice's first day (the public sees it then). */
export function noticeAhead(stage: Stage, noticeFrom: string | null | undefined, today: string): boolean {
  return stage === 'notice' && noticeFrom != null && noticeFrom > today;
}

/** The actions to show, in button order, of those the server says are open. */
export function orderedActions(actions: readonly ReviewAction[]): ReviewAction[] {
  return ACTION_ORDER.filter((action) => actions.includes(action));
}

/** Whether an action may be sent with the comment typed (reasons required for some). */
export function commentMissing(action: ReviewAction, comment: string): boolean {
  return REASONS_REQUIRED.includes(action) && comment.trim() === '';
}

/** A figure for a band's end: whole numbers as they are, others to at most 4 decimals. */
export function plainNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/**
 * A band in words with its ends stated: "≥ 5 且 < 10", "< 2", "≥ 10", "任意值" — `and` and `any` in the reader's
 * language, the unit after each figure.
 */
export function bandText(
  band: Pick<Band, 'lower' | 'upper'>,
  unit: string,
  words: { and: string; any: string },
) {
  const figure = (end: BandEnd) => `${plainNumber(end.value)}${unit ? ` ${unit}` : ''}`;
  const parts: string[] = [];
  if (band.lower) parts.push(`${band.lower.included ? '≥' : '>'} ${figure(band.lower)}`);
  if (band.upper) parts.push(`${band.upper.included ? '≤' : '<'} ${figure(band.upper)}`);
  return parts.length === 0 ? words.any : parts.join(` ${words.and} `);
}

/** The points the indicators' maximums add up to (the province divides the dimension's 15). */
export function indicatorsTotal(indicators: readonly Pick<ProvinceIndicator, 'max'>[]): number {
  return indicators.reduce((sum, indicator) => sum + (Number.isFinite(indicator.max) ? indicator.max : 0), 0);
}

// ---- the settings form ----------------------------------------------------------------------------------------

/** A band's end as the form holds it: an open end is `unbounded`. */
export interface BandEndValues {
  unbounded: boolean;
  value?: number | null;
  included: boolean;
}

export interface BandValues {
  points?: number | null;
  lower: BandEndValues;
  upper: BandEndValues;
}

export interface IndicatorValues {
  id?: string;
  zh?: string;
  en?: string;
  unitZh?: string;
  unitEn?: string;
  max?: number | null;
  bands: BandValues[];
}

/** The settings form of one tier; dates as 'YYYY-MM-DD' (the page converts its pickers). */
export interface SettingsValues {
  quota?: number | null;
  opensOn?: string | null;
  closesOn?: string | null;
  noticeDays?: number | null;
  countyDays?: number | null;
  provinceDays?: number | null;
  indicators: IndicatorValues[];
}

function endValues(end: BandEnd | null, included: boolean): BandEndValues {
  return end ? { unbounded: false, value: end.value, included: end.included } : { unbounded: true, included };
}

/** The form's values of a tier's settings as read (the defaults where nothing is saved). */
export function settingsValues(settings: TierSettings): SettingsValues {
  return {
    quota: settings.quota,
    opensOn: settings.opensOn,
    closesOn: settings.closesOn,
    noticeDays: settings.noticeDays,
    countyDays: settings.countyDays,
    provinceDays: settings.provinceDays,
    indicators: settings.indicators.map((indicator) => ({
      id: indicator.id,
      zh: indicator.zh,
      en: indicator.en,
      unitZh: indicator.unit.zh,
      unitEn: indicator.unit.en,
      max: indicator.max,
      bands: indicator.bands.map((band) => ({
        points: band.points,
        lower: endValues(band.lower, true),
        upper: endValues(band.upper, false),
      })),
    })),
  };
}

/** A new band: from 0 included, open above. */
export function newBand(): BandValues {
  return {
    points: 0,
    lower: { unbounded: false, value: 0, included: true },
    upper: { unbounded: true, included: false },
  };
}

/** A new indicator with its first band; its code is the next free `local_N`. */
export function newIndicator(taken: readonly (string | undefined)[]): IndicatorValues {
  let n = 1;
  while (taken.includes(`local_${n}`)) n++;
  return { id: `local_${n}`, zh: '', en: '', unitZh: '', unitEn: '', max: null, bands: [newBand()] };
}

function endOf(end: BandEndValues): BandEnd | null {
  if (end.unbounded) return null;
  return { value: end.value ?? Number.NaN, included: end.included };
}

const number = (value: number | null | undefined): number | null =>
  value === undefined || value === null ? null : value;

/**
 * The body of the settings' PUT from the form, on the version read. A missing figure goes as null or NaN (JSON
 * null) so the server names its field; an indicator's English name and unit fall back to the Chinese.
 */
export function settingsBody(values: SettingsValues, tier: Tier, version: number): SettingsInput {
  return {
    quota: number(values.quota),
    opensOn: values.opensOn || null,
    closesOn: values.closesOn || null,
    noticeDays: values.noticeDays ?? Number.NaN,
    countyDays: values.countyDays ?? Number.NaN,
    provinceDays: values.provinceDays ?? Number.NaN,
    indicators:
      tier === 'specialised'
        ? values.indicators.map((indicator) => ({
            id: (indicator.id ?? '').trim(),
            zh: (indicator.zh ?? '').trim(),
            en: (indicator.en ?? '').trim() || (indicator.zh ?? '').trim(),
            unit: {
              zh: (indicator.unitZh ?? '').trim(),
              en: (indicator.unitEn ?? '').trim() || (indicator.unitZh ?? '').trim(),
            },
            max: indicator.max ?? Number.NaN,
            bands: indicator.bands.map((band) => ({
              points: band.points ?? Number.NaN,
              lower: endOf(band.lower),
              upper: endOf(band.upper),
            })),
          }))
        : [],
    version,
  };
}

/** A form item's name: a path of field names and list indexes. */
export type FieldPath = (string | number)[];

const UNIT_FIELDS: Record<string, string> = { zh: 'unitZh', en: 'unitEn' };

/**
 * The form item of a field the server names ('closesOn', 'indicators[0].bands[1]', 'indicators.0.unit.zh',
 * 'body.quota'), or null when the form has none. An end of a band ('…bands[1].lower.value') is shown on its
 * value; a band or an indicator as a whole on its points or its maximum.
 */
export function settingsFieldPath(field: string): FieldPath | null {
  const parts = field
    .replace(/^body\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const [head] = parts;
  if (
    parts.length === 1 &&
    typeof head === 'string' &&
    ['quota', 'opensOn', 'closesOn', 'noticeDays', 'countyDays', 'provinceDays'].includes(head)
  )
    return [head];
  if (head !== 'indicators') return null;
  if (parts.length === 1) return ['indicators'];
  const index = parts[1];
  if (typeof index !== 'number') return null;
  const rest = parts.slice(2);
  if (rest.length === 0) return ['indicators', index, 'max'];
  const [field1, field2, field3] = rest;
  if (field1 === 'unit') return ['indicators', index, UNIT_FIELDS[String(field2)] ?? 'unitZh'];
  if (field1 === 'bands') {
    if (typeof field2 !== 'number') return ['indicators', index, 'max'];
    if (field3 === 'lower' || field3 === 'upper')
      return ['indicators', index, 'bands', field2, field3, 'value'];
    return ['indicators', index, 'bands', field2, 'points'];
  }
  if (typeof field1 === 'string' && ['id', 'zh', 'en', 'max'].includes(field1))
    return ['indicators', index, field1];
  return ['indicators', index, 'max'];
}

// ---- the public notices ---------------------------------------------------------------------------------------

/** Where a notice stands on a day: not begun, open for objections, or over. */
export function noticePhase(notice: { noticeFrom: string; noticeTo: string }, today: string) {
  if (today < notice.noticeFrom) return 'upcoming' as const;
  if (today > notice.noticeTo) return 'closed' as const;
  return 'open' as const;
}

/** The days left of a notice including today (0 when over). */
export function noticeDaysLeft(noticeTo: string, today: string): number {
  const ms = Date.parse(`${noticeTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000) + 1);
}

// ---- an application's facts -----------------------------------------------------------------------------------

/** The facts in the order the page lists them: the registry's figures, then what the enterprise filled in. */
export const FACT_ORDER = [
  'employees',
  'rdStaff',
  'operatingRevenue',
  'operatingRevenuePrev',
  'mainBusinessRevenue',
  'mainBusinessRevenuePrev',
  'mainBusinessRevenuePrev2',
  'totalAssets',
  'totalLiabilities',
  'netProfit',
  'rdExpense',
  'rdExpensePrev',
  'certifications',
  'nicheYears',
  'ipClassIHighValue',
  'ipClassISelfDeveloped',
  'ipClassIOther',
  'ipClassII',
  'ipClassIInUse',
  'rdInstitution',
  'digitalLevel',
  'qualityItems',
  'productField',
  'inStrategicCatalogue',
  'nationalAwardRank',
  'provincialAwardRank',
  'makerChinaTop500',
  'newEquity2y',
  'newEquity3y',
  'informationSystems',
  'certifiedManagement',
  'nationalMarketShare',
  'keyChainLink',
  'priorityField',
  'provinceIndicators',
] as const;

export type FactKey = (typeof FACT_ORDER)[number];

/** A fact's value as the page shows it: a figure, yes/no, a list of codes or names, values by key, or none. */
export type FactValue =
  | { kind: 'none' }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; value: string }
  | { kind: 'list'; values: string[] }
  | { kind: 'pairs'; pairs: [string, string][] };

function describeValue(value: unknown): FactValue {
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'none' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'string') return { kind: 'text', value };
  if (Array.isArray(value))
    return {
      kind: 'list',
      values: value.map((item) =>
        typeof item === 'object' && item !== null && 'name' in item ? String(item.name) : String(item),
      ),
    };
  if (typeof value === 'object')
    return { kind: 'pairs', pairs: Object.entries(value).map(([key, v]) => [key, String(v)]) };
  return { kind: 'text', value: String(value) };
}

/**
 * The submitted facts, known ones first in the page's order, then any other key the server kept; a fact not given
 * shows as none (never as 0).
 */
export function factRows(
  facts: Record<string, unknown> | null,
): { key: string; known: boolean; value: FactValue }[] {
  if (!facts) return [];
  const known = FACT_ORDER.filter((key) => Object.hasOwn(facts, key)).map((key) => ({
    key: key as string,
    known: true,
    value: describeValue(facts[key]),
  }));
  const others = Object.keys(facts)
    .filter((key) => !(FACT_ORDER as readonly string[]).includes(key))
    .sort()
    .map((key) => ({ key, known: false, value: describeValue(facts[key]) }));
  return [...known, ...others];
}

// ---- standards and documents as a reader names them ------------------------------------------------------------

/**
 * The documents the tiers' standards come from (cultivation.standards.ts `documentNumber`, `titleZh`), with their
 * titles in English: the data holds the Chinese only, and a document number is cited as it is (国办发〔…〕 style).
 */
export const STANDARD_DOCUMENTS: Readonly<Record<string, { zh: string; en: string }>> = {
  '工信部企业〔2022〕63号': {
    zh: '优质中小企业梯度培育管理暂行办法',
    en: 'Interim Measures for the Gradient Cultivation of Quality SMEs',
  },
  '工信部企业〔2026〕2号': {
    zh: '优质中小企业梯度培育管理办法',
    en: 'Measures for the Gradient Cultivation of Quality SMEs',
  },
};

/** The standard versions (cultivation.standards.ts ids): the document and the annex holding each tier's standard. */
const STANDARD_VERSIONS: Readonly<Record<string, { documentNumber: string; annex: number; tier: Tier }>> = {
  '2022-innovative': { documentNumber: '工信部企业〔2022〕63号', annex: 1, tier: 'innovative' },
  '2022-specialised': { documentNumber: '工信部企业〔2022〕63号', annex: 2, tier: 'specialised' },
  '2022-little-giant': { documentNumber: '工信部企业〔2022〕63号', annex: 3, tier: 'little_giant' },
};

/** A document's title in the reader's language (the Chinese given when no English one is held). */
export function documentTitle(documentNumber: string, titleZh: string, locale: 'zh-CN' | 'en'): string {
  const held = STANDARD_DOCUMENTS[documentNumber];
  if (locale === 'en') return held?.en ?? titleZh;
  return titleZh || held?.zh || '';
}

/**
 * A standard version as a reader names it — its document's number and title and the annex — instead of its id
 * ('2022-innovative'); null for an id not held here.
 */
export function standardOf(
  id: string,
  locale: 'zh-CN' | 'en',
): { documentNumber: string; title: string; annex: number; tier: Tier } | null {
  const version = STANDARD_VERSIONS[id];
  if (!version) return null;
  const document = STANDARD_DOCUMENTS[version.documentNumber];
  return {
    documentNumber: version.documentNumber,
    title: document ? (locale === 'en' ? document.en : document.zh) : '',
    annex: version.annex,
    tier: version.tier,
  };
}

/** The names of the province's 特色化 indicators an assessment scored (`province:<id>`), by indicator id. */
export function provinceIndicatorNames(
  assessment: { indicators: readonly { id: string; name: { zh: string; en: string } }[] } | null,
): Map<string, { zh: string; en: string }> {
  const names = new Map<string, { zh: string; en: string }>();
  for (const indicator of assessment?.indicators ?? [])
    if (indicator.id.startsWith('province:'))
      names.set(indicator.id.slice('province:'.length), indicator.name);
  return names;
}

/**
 * The unit of a figure as its text gives it after the number ("12.5%" → "%", "30 hours" → " hours"), or '' when
 * the figure has no value or its text does not start with it.
 */
export function unitOfFigure(figure: { value: number | null; text: string }): string {
  if (figure.value === null) return '';
  const match = /^-?[\d,]*\.?\d+(?:e[+-]?\d+)?/i.exec(figure.text);
  return match ? figure.text.slice(match[0].length) : '';
}

/** Whether the public notice is over on a day, so the recognition may be announced (the day after its last). */
export function noticeOver(noticeTo: string | null, today: string): boolean {
  return noticeTo === null || today > noticeTo;
}

/** The first day an announcement is possible: the day after the notice's last. */
export function announceFrom(noticeTo: string): string {
  const next = new Date(`${noticeTo}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The tier a recognition of the registry is (cultivation.standards.ts CULTIVATION_TIERS `recognition`), if any. */
export function tierOfRecognition(name: string): Tier | undefined {
  return RECOGNITION_TIERS[name];
}

const RECOGNITION_TIERS: Readonly<Record<string, Tier>> = {
  创新型中小企业: 'innovative',
  专精特新中小企业: 'specialised',
  '专精特新“小巨人”企业': 'little_giant',
};
