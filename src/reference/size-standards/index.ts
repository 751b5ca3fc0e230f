/**
 * Registry of the enterprise size standards held as dated data: the Chinese SME standard
 * (工信部联企业〔2011〕300号 + 国统字〔2017〕213号) and the EU SME definition (2003/361/EC).
 * A family ('cn', 'eu') holds dated versions; `standardInForce` picks the one in force on a date.
 */
import { type CnSizeStandard, cn2011 } from './cn-2011.ts';
import { type EuSizeStandard, eu2003 } from './eu-2003.ts';

export type { CnBounds, CnIndicator, CnNotCovered, CnSizeCategory, CnSizeStandard } from './cn-2011.ts';
export { cn2011 } from './cn-2011.ts';
export type { EuCeiling, EuSize, EuSizeStandard } from './eu-2003.ts';
export { eu2003 } from './eu-2003.ts';
export type { Confidence, DatedDocument } from './types.ts';

/** Any dated size standard. */
export type SizeStandard = CnSizeStandard | EuSizeStandard;

/** Id of a dated version ('cn-2011', 'eu-2003'). */
export type SizeStandardId = SizeStandard['id'];

/** A family of dated versions: 'cn' (中小企业划型标准) or 'eu' (EU SME definition). */
export type SizeStandardFamily = SizeStandard['family'];

/** Every version held, oldest first within each family. */
export const SIZE_STANDARDS: readonly SizeStandard[] = Object.freeze([cn2011, eu2003]);

const BY_ID: ReadonlyMap<string, SizeStandard> = new Map(SIZE_STANDARDS.map((s) => [s.id, s]));
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The version with this id ('cn-2011'), or undefined. */
export function findSizeStandard(id: string): SizeStandard | undefined {
  return BY_ID.get(id);
}

/** The version of a family (or of the family of a version id) in force on an ISO date; undefined before the first. */
export function standardInForce(id: 'cn' | 'cn-2011', date: string): CnSizeStandard | undefined;
export function standardInForce(id: 'eu' | 'eu-2003', date: string): EuSizeStandard | undefined;
export function standardInForce(id: string, date: string): SizeStandard | undefined;
export function standardInForce(id: string, date: string): SizeStandard | undefined {
  if (!ISO_DATE.test(date))
    throw new RangeError(`Expected an ISO date yyyy-mm-dd, got ${JSON.stringify(date)}`);
  const family = BY_ID.get(id)?.family ?? id;
  let inForce: SizeStandard | undefined;
  for (const s of SIZE_STANDARDS) {
    // ISO dates compare correctly as strings; the latest version that has started wins.
    if (
      s.family === family &&
      s.effectiveFrom <= date &&
      (!inForce || s.effectiveFrom > inForce.effectiveFrom)
    ) {
      inForce = s;
    }
  }
  return inForce;
}
