/**
 * What the cultivation rules read of an enterprise (issue 18; docs/reference/cultivation.md §8): the registry's
 * figures of the data year and the two before it, the recognitions it holds on the day, and what the enterprise
 * fills in itself (`cultivation_facts.facts`, the keys of `OWN_FACT_KEYS` as `EnterpriseFacts` names them). Pure:
 * the page's live assessment and the registry-wide scoring job put the facts together the same way.
 */
import type { EnterpriseFacts, FactKey } from './cultivation.rules.ts';
import { PRODUCT_FIELDS, QUALITY_ITEMS, RD_INSTITUTION_LEVELS } from './cultivation.standards.ts';

/** The facts the registry holds (its figures and recognitions): the enterprise corrects them in the registry. */
export const REGISTRY_FACT_KEYS = [
  'employees',
  'rdStaff',
  'operatingRevenue',
  'operatingRevenuePrev',
  'mainBusinessRevenue',
  'mainBusinessRevenuePrev',
  'mainBusinessRevenuePrev2',
  'totalAssets',
  'totalLiabilities',
  'rdExpense',
  'rdExpensePrev',
  'certifications',
] as const satisfies readonly FactKey[];

/** The facts the enterprise fills in (with evidence) because the registry does not hold them. */
export const OWN_FACT_KEYS = [
  'netProfit',
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
] as const satisfies readonly FactKey[];

export type OwnFactKey = (typeof OWN_FACT_KEYS)[number];
export type OwnFacts = Pick<EnterpriseFacts, OwnFactKey>;

/** One year's figures as the registry holds them (万元, persons). */
export interface RegistryYearFigures {
  employees?: number | null;
  operating_revenue?: number | null;
  main_business_revenue?: number | null;
  total_assets?: number | null;
  total_liabilities?: number | null;
  rd_expense?: number | null;
  rd_staff?: number | null;
}

/** A recognition as the registry holds it. */
export interface RegistryCertification {
  name: string;
  validFrom: string;
  validTo: string | null;
}

/** The names of the recognitions valid on a day (YYYY-MM-DD). */
export function validCertifications(
  certifications: readonly RegistryCertification[],
  onDate: string,
): string[] {
  const names: string[] = [];
  for (const c of certifications)
    if (c.validFrom <= onDate && (c.validTo === null || c.validTo >= onDate) && !names.includes(c.name))
      names.push(c.name);
  return names;
}

/**
 * The facts for the rules: the data year's figures (the year before the assessment, "上年度"), the two years
 * before for growth and averages, the recognitions valid on the day, and the enterprise's own facts. A figure the
 * registry lacks stays unknown (the rules name it missing), never zero.
 */
export function combineFacts(
  figures: (year: number) => RegistryYearFigures | undefined,
  certifications: readonly RegistryCertification[],
  own: OwnFacts,
  dataYear: number,
  onDate: string,
): EnterpriseFacts {
  const y0 = figures(dataYear);
  const y1 = figures(dataYear - 1);
  const y2 = figures(dataYear - 2);
  // Every key in one order, null where unknown: each enterprise's facts have the same shape, so the rules' reads
  // stay monomorphic over a registry of a million (a spread gave each its own shape: half the speed).
  return {
    employees: y0?.employees ?? null,
    rdStaff: y0?.rd_staff ?? null,
    operatingRevenue: y0?.operating_revenue ?? null,
    operatingRevenuePrev: y1?.operating_revenue ?? null,
    mainBusinessRevenue: y0?.main_business_revenue ?? null,
    mainBusinessRevenuePrev: y1?.main_business_revenue ?? null,
    mainBusinessRevenuePrev2: y2?.main_business_revenue ?? null,
    totalAssets: y0?.total_assets ?? null,
    totalLiabilities: y0?.total_liabilities ?? null,
    netProfit: own.netProfit ?? null,
    rdExpense: y0?.rd_expense ?? null,
    rdExpensePrev: y1?.rd_expense ?? null,
    certifications: validCertifications(certifications, onDate),
    nicheYears: own.nicheYears ?? null,
    ipClassIHighValue: own.ipClassIHighValue ?? null,
    ipClassISelfDeveloped: own.ipClassISelfDeveloped ?? null,
    ipClassIOther: own.ipClassIOther ?? null,
    ipClassII: own.ipClassII ?? null,
    ipClassIInUse: own.ipClassIInUse ?? null,
    rdInstitution: own.rdInstitution ?? null,
    digitalLevel: own.digitalLevel ?? null,
    qualityItems: own.qualityItems ?? null,
    productField: own.productField ?? null,
    inStrategicCatalogue: own.inStrategicCatalogue ?? null,
    nationalAwardRank: own.nationalAwardRank ?? null,
    provincialAwardRank: own.provincialAwardRank ?? null,
    makerChinaTop500: own.makerChinaTop500 ?? null,
    newEquity2y: own.newEquity2y ?? null,
    newEquity3y: own.newEquity3y ?? null,
    informationSystems: own.informationSystems ?? null,
    certifiedManagement: own.certifiedManagement ?? null,
    nationalMarketShare: own.nationalMarketShare ?? null,
    keyChainLink: own.keyChainLink ?? null,
    priorityField: own.priorityField ?? null,
    provinceIndicators: own.provinceIndicators ?? null,
  };
}

/** A stored own-facts value's problem: the field (`facts.<key>`) and why, in both languages. */
export interface OwnFactShapeProblem {
  field: string;
  message: { zh: string; en: string };
}

const OWN_KEYS: ReadonlySet<string> = new Set(OWN_FACT_KEYS);
const NUMBERS: ReadonlySet<OwnFactKey> = new Set<OwnFactKey>([
  'netProfit',
  'nicheYears',
  'ipClassIHighValue',
  'ipClassISelfDeveloped',
  'ipClassIOther',
  'ipClassII',
  'ipClassIInUse',
  'digitalLevel',
  'newEquity2y',
  'newEquity3y',
  'nationalMarketShare',
]);
const BOOLEANS: ReadonlySet<OwnFactKey> = new Set<OwnFactKey>([
  'inStrategicCatalogue',
  'makerChinaTop500',
  'informationSystems',
  'certifiedManagement',
  'keyChainLink',
  'priorityField',
]);

/**
 * Reads the enterprise's own facts from untrusted JSON (a request or a stored row): unknown keys and values of the
 * wrong kind are problems naming the field; what is read is typed. The rules' `checkFacts` then checks the values
 * against each other.
 */
export function readOwnFacts(input: Record<string, unknown>): {
  facts: OwnFacts;
  problems: OwnFactShapeProblem[];
} {
  const facts: Record<string, unknown> = {};
  const problems: OwnFactShapeProblem[] = [];
  const problem = (key: string, zh: string, en: string) =>
    problems.push({ field: `facts.${key}`, message: { zh, en } });
  for (const [key, value] of Object.entries(input)) {
    if (!OWN_KEYS.has(key)) {
      problem(key, '不是企业填报的事项', 'is not a fact the enterprise fills in');
      continue;
    }
    if (value === null) {
      facts[key] = null;
      continue;
    }
    const k = key as OwnFactKey;
    if (NUMBERS.has(k)) {
      if (typeof value === 'number' && Number.isFinite(value)) facts[k] = value;
      else problem(k, '应为数字', 'must be a number');
    } else if (BOOLEANS.has(k)) {
      if (typeof value === 'boolean') facts[k] = value;
      else problem(k, '应为“是”或“否”', 'must be yes or no');
    } else if (k === 'rdInstitution') {
      if ((RD_INSTITUTION_LEVELS as readonly unknown[]).includes(value)) facts[k] = value;
      else
        problem(
          k,
          `应为 ${RD_INSTITUTION_LEVELS.join('、')} 之一`,
          `must be one of ${RD_INSTITUTION_LEVELS.join(', ')}`,
        );
    } else if (k === 'productField') {
      if ((PRODUCT_FIELDS as readonly unknown[]).includes(value)) facts[k] = value;
      else
        problem(k, `应为 ${PRODUCT_FIELDS.join('、')} 之一`, `must be one of ${PRODUCT_FIELDS.join(', ')}`);
    } else if (k === 'qualityItems') {
      if (Array.isArray(value) && value.every((v) => (QUALITY_ITEMS as readonly unknown[]).includes(v)))
        facts[k] = [...new Set(value)];
      else
        problem(
          k,
          `应为 ${QUALITY_ITEMS.join('、')} 中的若干项`,
          `must list items of ${QUALITY_ITEMS.join(', ')}`,
        );
    } else if (k === 'nationalAwardRank' || k === 'provincialAwardRank') {
      if (value === 'none' || (typeof value === 'number' && Number.isInteger(value))) facts[k] = value;
      else problem(k, '应为名次（整数）或“无”', "must be a rank (a whole number) or 'none'");
    } else if (k === 'provinceIndicators') {
      if (
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.values(value as object).every((v) => typeof v === 'number' && Number.isFinite(v))
      )
        facts[k] = { ...(value as Record<string, number>) };
      else problem(k, '应为各省级指标的数值', "must give a number for each of the province's indicators");
    }
  }
  return { facts: facts as OwnFacts, problems };
}
