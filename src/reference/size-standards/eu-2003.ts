/**
 * Commission Recommendation 2003/361/EC of 6 May 2003 concerning the definition of micro, small and
 * medium-sized enterprises (OJ L 124, 20.5.2003, p. 36), applicable from 2005-01-01 — as dated data.
 * Confidence [memory; well known]: see docs/reference/size-standards.md.
 *
 * Units: staff headcount in annual work units (AWU, part-time and seasonal staff count as fractions);
 * turnover and balance-sheet total in EUR.
 */
import { type Confidence, type DatedDocument, deepFreeze } from './types.ts';

/** An EU size class; `large` means "not an SME". */
export type EuSize = 'micro' | 'small' | 'medium' | 'large';

/** Ceilings of one SME category (Annex Art. 2): headcount strictly below, and turnover or balance sheet at most. */
export interface EuCeiling {
  readonly size: Exclude<EuSize, 'large'>;
  /** Staff headcount must be below this (AWU). */
  readonly headcountBelow: number;
  /** Annual turnover at most this (EUR) … */
  readonly turnoverMax: number;
  /** … or annual balance-sheet total at most this (EUR). */
  readonly balanceSheetMax: number;
}

/** A dated version of the EU SME definition. */
export interface EuSizeStandard extends DatedDocument {
  readonly id: 'eu-2003';
  readonly family: 'eu';
  readonly nameZh: string;
  readonly nameEn: string;
  readonly confidence: Confidence;
  readonly adopted: string;
  readonly currency: 'EUR';
  /** Ceilings from the smallest category up. */
  readonly ceilings: readonly EuCeiling[];
  /** Annex Art. 3(2)/(3): a partner holds 25%–50% (inclusive) and adds its figures in proportion. */
  readonly partnerShare: { readonly min: number; readonly max: number };
  /** Annex Art. 3(4): 25% or more held by public bodies, jointly or individually, makes it not an SME. */
  readonly publicBodyShareMin: number;
  /** Annex Art. 4(2): a category changes only after its ceilings are crossed in this many consecutive years. */
  readonly consecutiveYears: number;
}

/** Commission Recommendation 2003/361/EC. */
export const eu2003: EuSizeStandard = deepFreeze({
  id: 'eu-2003',
  family: 'eu',
  nameZh: '欧盟中小企业定义',
  nameEn: 'EU SME definition',
  documentNumber: '2003/361/EC',
  titleZh: '欧盟委员会关于微型、小型和中型企业定义的建议',
  titleEn: 'Commission Recommendation concerning the definition of micro, small and medium-sized enterprises',
  adopted: '2003-05-06',
  // Art. 9: replaces Recommendation 96/280/EC as from 1 January 2005.
  effectiveFrom: '2005-01-01',
  confidence: 'memory',
  currency: 'EUR',
  // Annex Art. 2(1)–(3).
  ceilings: [
    { size: 'micro', headcountBelow: 10, turnoverMax: 2_000_000, balanceSheetMax: 2_000_000 },
    { size: 'small', headcountBelow: 50, turnoverMax: 10_000_000, balanceSheetMax: 10_000_000 },
    { size: 'medium', headcountBelow: 250, turnoverMax: 50_000_000, balanceSheetMax: 43_000_000 },
  ],
  partnerShare: { min: 0.25, max: 0.5 },
  publicBodyShareMin: 0.25,
  consecutiveYears: 2,
});
