/**
 * The check of a 中小企业声明函 (issue 17; docs/reference/procurement.md §5): the declared prior-year figures are
 * classified under the size standard (the registry's classifier, 工信部联企业〔2011〕300号) for the industry the
 * tender fixes, and compared with the declared size, the declared year and industry, and the registry's figures of
 * the same year. No I/O: the caller gives the registry's facts. Fast enough to check a million declarations in a
 * few seconds (bench/procurement-declarations.ts).
 */
import { type DeclarationFlag, declarationFiguresYear } from '../../../reference/procurement.ts';
import type { Localized } from '../../../shared/errors.ts';
import { classifyCn, classifyCnSize, type SizeClass } from '../registry/index.ts';

/**
 * Declared and registry figures further apart than this (per cent of the larger) are flagged `figures_differ`
 * (Huiqi's rule, not the notes': docs/reference/procurement.md, Huiqi's own rules).
 */
export const FIGURES_TOLERANCE_PERCENT = 5;

/** One item's declaration as the supplier filed it. */
export interface DeclarationInput {
  /** The day it was signed (YYYY-MM-DD): its figures must be of the year before. */
  signedOn: string;
  /** The industry the tender fixes for the item (GB/T 4754-2017 code). */
  tenderIndustryCode: string;
  /** The industry the declaration states, when it states one. */
  declaredIndustryCode?: string | null;
  /** The year of the figures given; null with the figures left blank (a new firm). */
  figuresYear: number | null;
  employees: number | null;
  /** 营业收入, 万元. */
  operatingRevenue: number | null;
  /** 资产总额, 万元. */
  totalAssets: number | null;
  declaredSize: 'medium' | 'small' | 'micro';
}

/** What the registry knows of the supplier. */
export interface RegistryFacts {
  /** Its figures of the declaration's year, when it has them (万元). */
  figures: { employees: number | null; operatingRevenue: number | null; totalAssets: number | null } | null;
  /** A large enterprise the registry links it to (a shared legal representative, or it is a branch). */
  largeRelated: { name: string; uscc: string; via: 'legal_representative' | 'branch' } | null;
}

/** A flag with why, in both languages. */
export interface DeclarationFinding {
  readonly code: DeclarationFlag;
  readonly detail: Localized;
}

/** A finding whose text is written when first read (a bulk check reads the codes only). */
class Finding implements DeclarationFinding {
  readonly code: DeclarationFlag;
  readonly #write: () => Localized;
  #detail: Localized | undefined;

  constructor(code: DeclarationFlag, write: () => Localized) {
    this.code = code;
    this.#write = write;
  }

  get detail(): Localized {
    this.#detail ??= this.#write();
    return this.#detail;
  }

  toJSON() {
    return { code: this.code, detail: this.detail };
  }
}

/** The figures' year of a signing day, memoised (a bulk check sees few distinct days). */
const priorYears = new Map<string, number>();
function priorYearOf(signedOn: string): number {
  let year = priorYears.get(signedOn);
  if (year === undefined) {
    year = declarationFiguresYear(signedOn, 'signedOn');
    if (priorYears.size > 10_000) priorYears.clear();
    priorYears.set(signedOn, year);
  }
  return year;
}

/** The check of one declaration. */
export interface DeclarationCheck {
  /** The size the standard gives the declared figures under the tender's industry (null with blank figures). */
  standardSize: SizeClass | null;
  /** The size the standard gives the registry's figures of the same year under the tender's industry. */
  registrySize: SizeClass | null;
  findings: DeclarationFinding[];
}

const SIZE_NAMES: Record<string, Localized> = {
  large: { zh: '大型', en: 'large' },
  medium: { zh: '中型', en: 'medium' },
  small: { zh: '小型', en: 'small' },
  micro: { zh: '微型', en: 'micro' },
  not_covered: { zh: '不适用划型标准', en: 'not covered by the standard' },
  invalid: { zh: '无法划型', en: 'not classifiable' },
};
const sizeName = (size: string) => SIZE_NAMES[size] ?? { zh: size, en: size };

/** The standard's category of an industry code (null when the code is not one it classifies), memoised. */
const categories = new Map<string, string | null>();
function categoryOf(code: string): string | null {
  let category = categories.get(code);
  if (category === undefined) {
    category =
      classifyCn({ industryCode: code, employees: 0, operatingRevenue: 0, totalAssets: 0 }).category?.code ??
      null;
    categories.set(code, category);
  }
  return category;
}

const INDICATORS = [
  { key: 'employees', zh: '从业人员', en: 'employees', unit: { zh: '人', en: '' } },
  {
    key: 'operatingRevenue',
    zh: '营业收入',
    en: 'operating revenue',
    unit: { zh: '万元', en: ' (10k yuan)' },
  },
  { key: 'totalAssets', zh: '资产总额', en: 'total assets', unit: { zh: '万元', en: ' (10k yuan)' } },
] as const;

/** Whether two figures are further apart than the tolerance (of the larger). */
function apart(a: number, b: number): boolean {
  const larger = Math.max(Math.abs(a), Math.abs(b));
  return larger > 0 && (Math.abs(a - b) * 100) / larger > FIGURES_TOLERANCE_PERCENT;
}

/**
 * Checks one declaration: `wrong_year` (figures not of the year before the signing), `wrong_industry` (the stated
 * industry is another category of the standard than the tender's), `size_differs` (the standard gives the declared
 * figures another size under the tender's industry), `figures_differ` (an indicator more than 5% away from the
 * registry's of that year), `large_parent` (the registry links it to a large enterprise), `figures_blank` (a note:
 * the figures left blank, checked against the registry only).
 */
export function checkDeclaration(input: DeclarationInput, registry: RegistryFacts): DeclarationCheck {
  const findings: DeclarationFinding[] = [];
  const priorYear = priorYearOf(input.signedOn);
  const blank = input.employees === null && input.operatingRevenue === null && input.totalAssets === null;
  if (blank)
    findings.push(
      new Finding('figures_blank', () => ({
        zh: '未填上一年度数据（新成立企业可不填），仅与企业库核对',
        en: 'the prior-year figures are blank (a new firm may leave them so): checked against the registry only',
      })),
    );
  else if (input.figuresYear !== priorYear)
    findings.push(
      new Finding('wrong_year', () => ({
        zh: `${input.signedOn}签署的声明函应填${priorYear}年数据，所填为${input.figuresYear ?? '未注明'}年`,
        en: `signed on ${input.signedOn}, it should give ${priorYear}'s figures; it gives ${input.figuresYear ?? 'no year'}'s`,
      })),
    );

  const declared = input.declaredIndustryCode?.trim();
  if (declared && declared !== input.tenderIndustryCode) {
    if (categoryOf(input.tenderIndustryCode) !== categoryOf(declared))
      findings.push(
        new Finding('wrong_industry', () => ({
          zh: `声明的行业（${declared}）与采购文件明确的行业（${input.tenderIndustryCode}）在划型标准中不属同一行业`,
          en: `the declared industry (${declared}) is another industry of the size standard than the tender's (${input.tenderIndustryCode})`,
        })),
      );
  }

  const standardSize = blank
    ? null
    : classifyCnSize({
        industryCode: input.tenderIndustryCode,
        employees: input.employees,
        operatingRevenue: input.operatingRevenue,
        totalAssets: input.totalAssets,
      });
  if (standardSize !== null && standardSize !== input.declaredSize)
    findings.push(
      new Finding('size_differs', () => {
        const was = sizeName(input.declaredSize);
        const is = sizeName(standardSize);
        return {
          zh: `按采购文件明确的行业（${input.tenderIndustryCode}）和所填数据，划型为${is.zh}，声明为${was.zh}`,
          en: `under the tender's industry (${input.tenderIndustryCode}) the declared figures make it ${is.en}; it declares ${was.en}`,
        };
      }),
    );

  const theirs = registry.figures;
  const registrySize =
    theirs === null
      ? null
      : classifyCnSize({
          industryCode: input.tenderIndustryCode,
          employees: theirs.employees,
          operatingRevenue: theirs.operatingRevenue,
          totalAssets: theirs.totalAssets,
        });
  if (theirs !== null && !blank) {
    const differing = INDICATORS.filter((i) => {
      const mine = input[i.key];
      const registered = theirs[i.key];
      return mine !== null && registered !== null && apart(mine, registered);
    });
    if (differing.length > 0)
      findings.push(
        new Finding('figures_differ', () => ({
          zh: `${differing.map((i) => `${i.zh}填${input[i.key]}${i.unit.zh}，企业库为${theirs[i.key]}${i.unit.zh}`).join('；')}（相差超过${FIGURES_TOLERANCE_PERCENT}%）${registrySize !== null ? `；按企业库数据划型为${sizeName(registrySize).zh}` : ''}`,
          en: `${differing.map((i) => `${i.en} ${input[i.key]}${i.unit.en} declared, ${theirs[i.key]} in the registry`).join('; ')} (more than ${FIGURES_TOLERANCE_PERCENT}% apart)${registrySize !== null ? `; the registry's figures make it ${sizeName(registrySize).en}` : ''}`,
        })),
      );
  } else if (theirs !== null && blank && registrySize !== null && registrySize !== input.declaredSize)
    findings.push(
      new Finding('figures_differ', () => ({
        zh: `未填数据；按企业库数据划型为${sizeName(registrySize).zh}，声明为${sizeName(input.declaredSize).zh}`,
        en: `no figures given; the registry's make it ${sizeName(registrySize).en}, it declares ${sizeName(input.declaredSize).en}`,
      })),
    );

  const large = registry.largeRelated;
  if (large !== null)
    findings.push(
      new Finding('large_parent', () =>
        large.via === 'branch'
          ? {
              zh: `企业库登记为大型企业${large.name}（${large.uscc}）的分支机构`,
              en: `the registry records it as a branch of the large enterprise ${large.name} (${large.uscc})`,
            }
          : {
              zh: `与大型企业${large.name}（${large.uscc}）的法定代表人同名，请核实是否为同一人`,
              en: `its legal representative has the same name as that of the large enterprise ${large.name} (${large.uscc}): check whether it is the same person`,
            },
      ),
    );
  return { standardSize, registrySize, findings };
}

/** Whether a check holds a mismatch (anything but the `figures_blank` note). */
export function hasMismatch(check: DeclarationCheck): boolean {
  return check.findings.some((f) => f.code !== 'figures_blank');
}
