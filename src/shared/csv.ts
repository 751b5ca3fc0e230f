/** CSV cells for every export (server streams and browser downloads): RFC 4180 quoting and formula guarding. */

/** One cell: text, number, boolean or empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** Quotes a cell when needed; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text))
    text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
