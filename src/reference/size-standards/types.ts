/** Types shared by the dated size standards. */

/** How sure we are of a figure: read from the official text, agreed by several reprints, or from memory only. */
export type Confidence = 'text' | 'agreed' | 'memory';

/** A dated document: number, title, date it took effect (ISO yyyy-mm-dd). */
export interface DatedDocument {
  readonly documentNumber: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly effectiveFrom: string;
}

/** Freezes a data object and everything reachable from it, so compiled look-ups can never go stale. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
