/** CSV export: RFC 4180 quoting, a UTF-8 BOM so Excel reads Chinese correctly, and formula-injection guarding. */

import { type CsvCell, csvCell } from '../../shared/csv.ts';

export { type CsvCell, csvCell };

/** The CSV text of a header row and data rows, with CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
}

/** Makes the browser download CSV text as a UTF-8 file with a BOM. */
export function downloadCsv(fileBaseName: string, csv: string): void {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileBaseName}-${stamp}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
