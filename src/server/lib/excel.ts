/**
 * exceljs takes ~0.3 s to load; it is loaded on the first XLSX read or write, not at server start
 * (cold start target ≤ 3 s, ADR 0005).
 */
type ExcelModule = typeof import('exceljs');

let loading: Promise<ExcelModule> | null = null;

/** The exceljs module, loaded once on first use. */
export function loadExcel(): Promise<ExcelModule> {
  loading ??= import('exceljs').then((m) => (m as unknown as { default: ExcelModule }).default ?? m);
  return loading;
}
