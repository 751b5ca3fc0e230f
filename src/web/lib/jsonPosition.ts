/**
 * Where JSON text stops being valid, as line and column (1-based). Engines word JSON.parse errors differently and
 * Chrome's current message names no position, so the text is read again by jsonc-parser (strict JSON: no comments,
 * no trailing commas), which gives the offset of its first error; only when JSON.parse has refused it.
 */
import { type ParseError, parse } from 'jsonc-parser';

export function jsonErrorPosition(text: string): { line: number; column: number } | null {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const offset = errors[0]?.offset;
  if (offset === undefined) return null;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
