/**
 * The enterprise's cultivation page as data (issue 18; docs/reference/cultivation.md §8.3): the facts it fills in,
 * grouped as the form shows them, read into the form's values and back into the body the server takes, the
 * server's `facts.<key>` errors put on the form's items, where a missing fact is mended (the form or the registry),
 * the marks of figures not checked against the text, and what the enterprise may do with an application. Pure.
 */
import { CERTIFICATION_NAMES_EN } from '../../../reference/certifications.ts';
import type {
  Assessment,
  CultivationApplication,
  MyCultivation,
  Stage,
  StandardView,
  Tier,
  TierView,
} from '../../api/cultivation.ts';

/** The R&D institution levels, lowest first (cultivation.standards.ts RD_INSTITUTION_LEVELS). */
export const RD_INSTITUTION_LEVELS = ['none', 'below_city', 'city', 'provincial', 'national'] as const;
/** The fields of the main product, lowest first (PRODUCT_FIELDS). */
export const PRODUCT_FIELDS = ['other', 'base_brand_or_leader_supplier', 'gap_or_key_chain'] as const;
/** The quality items (QUALITY_ITEMS). */
export const QUALITY_ITEMS = [
  'provincial_quality_award',
  'quality_system_certification',
  'own_brand',
  'standard_setting',
] as const;
/** The form's stand-in for "none of the quality items" (stored as an empty list). */
export const NO_QUALITY_ITEM = 'none';
/** The award ranks offered in the form (a rank beyond them, once stored, is offered too). */
export const AWARD_RANKS = Array.from({ length: 20 }, (_, i) => i + 1);

export type NumberFactKey =
  | 'netProfit'
  | 'nicheYears'
  | 'ipClassIHighValue'
  | 'ipClassISelfDeveloped'
  | 'ipClassIOther'
  | 'ipClassII'
  | 'ipClassIInUse'
  | 'digitalLevel'
  | 'newEquity2y'
  | 'newEquity3y'
  | 'nationalMarketShare';
export type BooleanFactKey =
  | 'inStrategicCatalogue'
  | 'makerChinaTop500'
  | 'informationSystems'
  | 'certifiedManagement'
  | 'keyChainLink'
  | 'priorityField';
export type OwnFactKey =
  | NumberFactKey
  | BooleanFactKey
  | 'rdInstitution'
  | 'productField'
  | 'qualityItems'
  | 'nationalAwardRank'
  | 'provincialAwardRank'
  | 'provinceIndicators';

/** How a number is checked in the form before it is sent (the server checks again, and the facts together). */
export interface NumberRule {
  min?: number;
  max?: number;
  whole?: boolean;
  /** 'wan': 万元; 'percent'; 'years'; 'items'; 'level'. */
  unit: 'wan' | 'percent' | 'years' | 'items' | 'level';
}

/** The numbers the enterprise gives, with their limits (cultivation.rules.ts checkFacts). */
export const NUMBER_RULES: Record<NumberFactKey, NumberRule> = {
  netProfit: { unit: 'wan' },
  nicheYears: { min: 0, unit: 'years' },
  ipClassIHighValue: { min: 0, whole: true, unit: 'items' },
  ipClassISelfDeveloped: { min: 0, whole: true, unit: 'items' },
  ipClassIOther: { min: 0, whole: true, unit: 'items' },
  ipClassII: { min: 0, whole: true, unit: 'items' },
  ipClassIInUse: { min: 0, whole: true, unit: 'items' },
  digitalLevel: { min: 0, max: 4, whole: true, unit: 'level' },
  newEquity2y: { min: 0, unit: 'wan' },
  newEquity3y: { min: 0, unit: 'wan' },
  nationalMarketShare: { min: 0, max: 100, unit: 'percent' },
};

/** The form's groups, in order, and the facts of each (`province` holds the province's 特色化 indicators). */
export const FACT_GROUPS = [
  {
    id: 'ip',
    facts: ['ipClassIHighValue', 'ipClassISelfDeveloped', 'ipClassIOther', 'ipClassII', 'ipClassIInUse'],
  },
  { id: 'rd', facts: ['rdInstitution'] },
  { id: 'quality', facts: ['digitalLevel', 'qualityItems'] },
  { id: 'market', facts: ['nicheYears', 'productField', 'inStrategicCatalogue', 'netProfit'] },
  {
    id: 'awards',
    facts: ['nationalAwardRank', 'provincialAwardRank', 'makerChinaTop500', 'newEquity2y', 'newEquity3y'],
  },
  {
    id: 'giant',
    facts: [
      'informationSystems',
      'certifiedManagement',
      'nationalMarketShare',
      'keyChainLink',
      'priorityField',
    ],
  },
  { id: 'province', facts: ['provinceIndicators'] },
] as const satisfies readonly { id: string; facts: readonly OwnFactKey[] }[];

export type FactGroupId = (typeof FACT_GROUPS)[number]['id'];

/** The registry's figures the rules read, in the order the page lists them, with their units. */
export const REGISTRY_FACTS = [
  { key: 'operatingRevenue', unit: 'wan' },
  { key: 'operatingRevenuePrev', unit: 'wan' },
  { key: 'mainBusinessRevenue', unit: 'wan' },
  { key: 'mainBusinessRevenuePrev', unit: 'wan' },
  { key: 'mainBusinessRevenuePrev2', unit: 'wan' },
  { key: 'rdExpense', unit: 'wan' },
  { key: 'rdExpensePrev', unit: 'wan' },
  { key: 'totalAssets', unit: 'wan' },
  { key: 'totalLiabilities', unit: 'wan' },
  { key: 'employees', unit: 'persons' },
  { key: 'rdStaff', unit: 'persons' },
] as const;

const NUMBER_KEYS = Object.keys(NUMBER_RULES) as NumberFactKey[];
const BOOLEAN_KEYS: readonly BooleanFactKey[] = [
  'inStrategicCatalogue',
  'makerChinaTop500',
  'informationSystems',
  'certifiedManagement',
  'keyChainLink',
  'priorityField',
];
const OWN_KEYS: readonly string[] = FACT_GROUPS.flatMap((g) => g.facts);

/** A yes/no answer in the form (a Select: cleared means not given). */
export type YesNo = 'yes' | 'no';
/** An award rank in the form: a place, 'none' (no award), or not given. */
export type RankValue = number | 'none';

/** The form's values: every own fact, undefined when not given. */
export type FactsFormValues = Partial<Record<NumberFactKey, number | null>> &
  Partial<Record<BooleanFactKey, YesNo | null>> & {
    rdInstitution?: string | null;
    productField?: string | null;
    qualityItems?: string[] | null;
    nationalAwardRank?: RankValue | null;
    provincialAwardRank?: RankValue | null;
    provinceIndicators?: Record<string, number | null | undefined>;
  };

/** One of the province's 特色化 indicators as the form asks it. */
export interface ProvinceIndicatorField {
  id: string;
  name: { zh: string; en: string };
  max: number;
}

/** Whether an own fact key is one the enterprise fills in. */
export function isOwnFact(key: string): boolean {
  return OWN_KEYS.includes(key);
}

/**
 * The province's 特色化 indicators the form asks for: those the 专精特新 assessment scores (`province:<id>`), in
 * its order; none while the province has set none.
 */
export function provinceIndicatorFields(data: Pick<MyCultivation, 'tiers'>): ProvinceIndicatorField[] {
  const fields: ProvinceIndicatorField[] = [];
  for (const tier of data.tiers)
    for (const indicator of tier.assessment?.indicators ?? [])
      if (indicator.id.startsWith('province:')) {
        const id = indicator.id.slice('province:'.length);
        if (!fields.some((f) => f.id === id)) fields.push({ id, name: indicator.name, max: indicator.max });
      }
  return fields;
}

/** The stored facts as the form's values. */
export function factsToForm(own: Record<string, unknown>): FactsFormValues {
  const values: FactsFormValues = {};
  for (const key of NUMBER_KEYS) {
    const v = own[key];
    values[key] = typeof v === 'number' ? v : null;
  }
  for (const key of BOOLEAN_KEYS) {
    const v = own[key];
    values[key] = v === true ? 'yes' : v === false ? 'no' : null;
  }
  for (const key of ['rdInstitution', 'productField'] as const) {
    const v = own[key];
    values[key] = typeof v === 'string' ? v : null;
  }
  const items = own.qualityItems;
  values.qualityItems = Array.isArray(items)
    ? items.length === 0
      ? [NO_QUALITY_ITEM]
      : items.filter((i): i is string => typeof i === 'string')
    : null;
  for (const key of ['nationalAwardRank', 'provincialAwardRank'] as const) {
    const v = own[key];
    values[key] = v === 'none' || typeof v === 'number' ? v : null;
  }
  const indicators = own.provinceIndicators;
  values.provinceIndicators = {};
  if (indicators && typeof indicators === 'object' && !Array.isArray(indicators))
    for (const [id, v] of Object.entries(indicators as Record<string, unknown>))
      if (typeof v === 'number') values.provinceIndicators[id] = v;
  return values;
}

const given = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

/**
 * The form's values as the facts the server takes: every own fact, null when not given (a missing fact is never a
 * zero); the quality items' "none" as an empty list; the province's indicators given, with those of indicators the
 * form no longer asks kept as stored (`stored`), or null when there is none.
 */
export function formToFacts(
  values: FactsFormValues,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const key of NUMBER_KEYS) {
    const v = values[key];
    facts[key] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  for (const key of BOOLEAN_KEYS) {
    const v = values[key];
    facts[key] = v === 'yes' ? true : v === 'no' ? false : null;
  }
  facts.rdInstitution = values.rdInstitution || null;
  facts.productField = values.productField || null;
  const items = values.qualityItems;
  facts.qualityItems =
    !given(items) || items.length === 0 ? null : items.filter((i) => i !== NO_QUALITY_ITEM);
  facts.nationalAwardRank = given(values.nationalAwardRank) ? values.nationalAwardRank : null;
  facts.provincialAwardRank = given(values.provincialAwardRank) ? values.provincialAwardRank : null;
  const indicators: Record<string, number> = {};
  const before = stored.provinceIndicators;
  if (before && typeof before === 'object' && !Array.isArray(before))
    for (const [id, v] of Object.entries(before as Record<string, unknown>))
      if (typeof v === 'number' && !(values.provinceIndicators && id in values.provinceIndicators))
        indicators[id] = v;
  for (const [id, v] of Object.entries(values.provinceIndicators ?? {}))
    if (typeof v === 'number' && Number.isFinite(v)) indicators[id] = v;
  facts.provinceIndicators = Object.keys(indicators).length > 0 ? indicators : null;
  return facts;
}

/** The quality items chosen: "none" alone once chosen, else the items without it. */
export function normaliseQualityItems(
  next: string[],
  previous: readonly string[] | null | undefined,
): string[] {
  const added = next.filter((i) => !(previous ?? []).includes(i));
  if (added.includes(NO_QUALITY_ITEM)) return [NO_QUALITY_ITEM];
  return next.filter((i) => i !== NO_QUALITY_ITEM);
}

/** The form item a server field names (`facts.ipClassII` → ['ipClassII'], a province's indicator nested), or null. */
export function formFieldOf(field: string): (string | number)[] | null {
  const path = field.replace(/^body\./, '');
  if (!path.startsWith('facts.')) return null;
  const [key, sub] = path.slice('facts.'.length).split('.', 2) as [string, string | undefined];
  if (!isOwnFact(key)) return null;
  if (key === 'provinceIndicators') return sub ? ['provinceIndicators', sub] : null;
  return [key];
}

/** A server message without the raw key it starts with ("ipClassIInUse：…" → "…"). */
export function withoutFieldPrefix(message: string): string {
  return message.replace(/^(?:facts\.)?[A-Za-z][A-Za-z0-9.]*(?:：|: )/, '');
}

/** Why a number cannot be sent, or null: the message key of the rule it breaks and its figure. */
export function numberProblem(
  key: NumberFactKey,
  value: number | null | undefined,
): { key: 'min' | 'max' | 'whole'; limit?: number } | null {
  if (!given(value)) return null;
  const rule = NUMBER_RULES[key];
  if (rule.min !== undefined && value < rule.min) return { key: 'min', limit: rule.min };
  if (rule.max !== undefined && value > rule.max) return { key: 'max', limit: rule.max };
  if (rule.whole && !Number.isInteger(value)) return { key: 'whole' };
  return null;
}

/** Where a missing fact is mended: the enterprise's form (with its group), the registry, or nowhere it can act. */
export type MendAt = { at: 'form'; group: FactGroupId; field: string } | { at: 'registry' } | { at: 'none' };

/** Where the enterprise mends a missing fact named by the assessment (`provinceIndicators.<id>` a province's). */
export function mendAt(fact: string, provinceFields: readonly ProvinceIndicatorField[]): MendAt {
  const [key, sub] = fact.split('.', 2) as [string, string | undefined];
  if (key === 'provinceIndicators') {
    if (sub && provinceFields.some((f) => f.id === sub))
      return { at: 'form', group: 'province', field: `provinceIndicators.${sub}` };
    return { at: 'none' };
  }
  const group = FACT_GROUPS.find((g) => (g.facts as readonly string[]).includes(key));
  if (group) return { at: 'form', group: group.id, field: key };
  return { at: 'registry' };
}

/** How sure the page may be of a figure: 'text' and 'agreed' shown plainly; the others marked. */
export function confidenceMark(confidence: string): 'memory' | 'unverified' | null {
  return confidence === 'memory' || confidence === 'unverified' ? confidence : null;
}

/** Whether an assessment is dated on or after the reported successor's first day (it may apply instead). */
export function successorMayApply(standard: StandardView | null, assessedOn: string): boolean {
  return standard?.reportedSuccessor != null && assessedOn >= standard.reportedSuccessor.from;
}

/** The stages an application is still open in (the enterprise may withdraw it; cultivation.stages.rules.ts). */
export const WITHDRAWABLE: readonly Stage[] = [
  'county_review',
  'returned',
  'province_review',
  'national_review',
];
/** The stages that end an application (another may be made). */
export const CLOSED: readonly Stage[] = ['rejected', 'withdrawn', 'revoked'];

/** What the enterprise may do with an application at its stage. */
export function applicationActions(stage: Stage): { withdraw: boolean; resubmit: boolean } {
  return { withdraw: WITHDRAWABLE.includes(stage), resubmit: stage === 'returned' };
}

/** The application of a tier this year still in progress or recognised (it blocks a second one), or null. */
export function activeApplication(
  applications: readonly CultivationApplication[],
  tier: Tier,
  year: number,
): CultivationApplication | null {
  return applications.find((a) => a.tier === tier && a.year === year && !CLOSED.includes(a.stage)) ?? null;
}

/** Why applying for a tier now is not offered (the server decides; this only says so before asking), or null. */
export type ApplyBlock =
  | { reason: 'noStandard' }
  | { reason: 'windowClosed'; opensOn: string | null; closesOn: string | null }
  | { reason: 'prerequisite'; below: { zh: string; en: string } }
  | { reason: 'applied'; application: CultivationApplication };

/** The tier whose recognition in force a tier requires (专精特新 ← 创新型; 小巨人 ← 专精特新), or null. */
export function tierBelow(tier: Tier): Tier | null {
  const at = TIER_ORDER.indexOf(tier);
  return at > 0 ? (TIER_ORDER[at - 1] ?? null) : null;
}

const TIER_ORDER: readonly Tier[] = ['innovative', 'specialised', 'little_giant'];

/**
 * Whether the enterprise holds the recognition a tier requires on a day: true for a tier without a prerequisite;
 * otherwise the page's own reading of the registry — the tier below recognised until that day or later — or, when
 * the page lacks the tier below, the assessment's prerequisite condition (false when it fails or is undecided;
 * true when the assessment has none).
 */
export function holdsPrerequisite(
  tier: TierView,
  tiers: readonly Pick<TierView, 'tier' | 'heldUntil'>[],
  today: string,
): boolean {
  const below = tierBelow(tier.tier);
  const condition = tier.assessment?.conditions.find((c) => c.group === 'prerequisite');
  const held = below === null ? undefined : tiers.find((t) => t.tier === below);
  if (held) return held.heldUntil !== null && held.heldUntil >= today;
  return condition ? condition.met === true : true;
}

/**
 * What stands in the way of applying for a tier today, first reason first: no standard in force, an application of
 * the tier this year open, the province's window closed, the tier below not held (`tiers`: the page's tiers, whose
 * `heldUntil` says what the registry holds).
 */
export function applyBlock(
  tier: TierView,
  applications: readonly CultivationApplication[],
  today: string,
  tiers: readonly TierView[] = [],
): ApplyBlock | null {
  if (!tier.standard || !tier.assessment) return { reason: 'noStandard' };
  const open = activeApplication(applications, tier.tier, Number(today.slice(0, 4)));
  if (open) return { reason: 'applied', application: open };
  if (!tier.window.open)
    return { reason: 'windowClosed', opensOn: tier.window.opensOn, closesOn: tier.window.closesOn };
  if (!holdsPrerequisite(tier, tiers, today)) {
    const below = tierBelow(tier.tier);
    const name = tiers.find((t) => t.tier === below)?.name ?? { zh: '前一梯度', en: 'the tier below' };
    return { reason: 'prerequisite', below: name };
  }
  return null;
}

/**
 * The verdict the score card gives beside the total, agreeing with the assessment's status (the one verdict of the
 * page): whether the total reaches the pass mark, said together with what else decides when the two differ
 * (a direct condition met, a required one failing, facts still missing). `tone` is the status's.
 */
export function scoreVerdict(assessment: Pick<Assessment, 'status' | 'scorePasses'>): {
  key: ScoreVerdictKey;
  tone: 'success' | 'error' | 'warning';
} {
  const tone = STATUS_TONE[assessment.status];
  const passes = assessment.scorePasses;
  const { status } = assessment;
  if (passes === true)
    return {
      key: status === 'likely' ? 'passes' : status === 'unlikely' ? 'passesButFails' : 'passesButMissing',
      tone,
    };
  if (passes === false)
    return {
      key: status === 'likely' ? 'failsButDirect' : status === 'unlikely' ? 'fails' : 'failsButMissing',
      tone,
    };
  return { key: status === 'likely' ? 'unknownButDirect' : 'unknown', tone };
}

export type ScoreVerdictKey =
  | 'passes'
  | 'passesButFails'
  | 'passesButMissing'
  | 'fails'
  | 'failsButDirect'
  | 'failsButMissing'
  | 'unknown'
  | 'unknownButDirect';

const STATUS_TONE = { likely: 'success', unlikely: 'error', incomplete: 'warning' } as const;

/**
 * Where a figure comes from, worded for a reader instead of the reference file it is kept in: a province's
 * 特色化 indicator (basis '…§3.4; <province>') is the province's setting; anything else the standard's document.
 */
export function sourceOf(basis: string): 'province' | 'standard' {
  return /§3\.4;/.test(basis) ? 'province' : 'standard';
}

/** The registry's recognitions the tiers name, in English (the tiers' `en` names); others as the registry has them. */
export function recognitionName(
  name: string,
  tiers: readonly Pick<TierView, 'recognition' | 'name'>[],
  locale: 'zh-CN' | 'en',
): string {
  if (locale !== 'en') return name;
  return tiers.find((t) => t.recognition === name)?.name.en ?? RECOGNITIONS_EN[name] ?? name;
}

const RECOGNITIONS_EN = CERTIFICATION_NAMES_EN;

const RECOGNITION_PATTERN = new RegExp(
  Object.keys(RECOGNITIONS_EN)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/**
 * A text of the assessment in the reader's language with the recognitions it names in Chinese given their English
 * names in English (an application's assessment is kept as written when it was submitted, in older texts with the
 * registry's Chinese names).
 */
export function withRecognitionNames(text: string, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? text.replace(RECOGNITION_PATTERN, (name) => RECOGNITIONS_EN[name] ?? name) : text;
}

/** The unit of a province's 特色化 indicator as the assessment gives it, for the form to show beside the field. */
export function provinceIndicatorUnit(
  data: Pick<MyCultivation, 'tiers'>,
  id: string,
  locale: 'zh-CN' | 'en',
): string {
  for (const tier of data.tiers)
    for (const indicator of tier.assessment?.indicators ?? [])
      if (indicator.id === `province:${id}`)
        for (const figure of indicator.figures)
          if (figure.unit) return locale === 'en' ? figure.unit.en : figure.unit.zh;
  return '';
}

/** An assessment's conditions by group, in the order the page shows them. */
export function conditionsByGroup(assessment: Assessment) {
  const groups = ['prerequisite', 'required', 'alternative'] as const;
  return groups
    .map((group) => ({ group, conditions: assessment.conditions.filter((c) => c.group === group) }))
    .filter((g) => g.conditions.length > 0);
}

/** An assessment's indicators under their dimension, in the standard's order. */
export function indicatorsByDimension(assessment: Assessment) {
  return assessment.dimensions.map((dimension) => ({
    dimension,
    indicators: assessment.indicators.filter((i) => i.dimension === dimension.id),
    needs: assessment.needs.filter((n) => n.dimension === dimension.id),
  }));
}

/** Why an evidence file would be refused before sending it (the server sniffs its content too), or null. */
export function evidenceFileProblem(
  fileName: string,
  sizeBytes: number,
  extensions: readonly string[],
  maxBytes: number,
): 'badType' | 'empty' | 'tooLarge' | null {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (!extensions.map((e) => e.toLowerCase()).includes(extension)) return 'badType';
  if (sizeBytes === 0) return 'empty';
  if (sizeBytes > maxBytes) return 'tooLarge';
  return null;
}
