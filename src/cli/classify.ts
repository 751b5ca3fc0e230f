/**
 * `huiqi classify FILE`: the size classification engine offline. Reads a CSV or XLSX (streamed) and writes each
 * row back with `size` and `reason`, as CSV or JSON lines, to standard output or --out. Same engine as the server.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import {
  CLASSIFY_CN_COLUMNS,
  CLASSIFY_EU_COLUMNS,
  classifyCn,
  classifyEu,
  readTable,
} from '../server/modules/registry/index.ts';
import { csvCell } from '../shared/csv.ts';

/** Options of the classify command. */
export interface ClassifyOptions {
  standard: 'cn-2011' | 'eu-2003';
  format: 'csv' | 'json';
  lang: 'zh' | 'en';
  out?: string;
}

/** A figure cell: empty → null; not a number → NaN (the engine answers `invalid` naming the field). */
function figure(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value.replace(/,/g, ''));
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Classifies every row of a file; returns counts by class. */
export async function classifyFile(file: string, options: ClassifyOptions): Promise<Record<string, number>> {
  const spec = options.standard === 'cn-2011' ? CLASSIFY_CN_COLUMNS : CLASSIFY_EU_COLUMNS;
  const keys = spec.map((c) => c.key);
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const counts: Record<string, number> = {};
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  if (options.format === 'csv') await write(`${['row', ...keys, 'size', 'reason'].join(',')}\n`);
  for await (const batch of readTable({ path: file }, spec, { unknownColumns: 'ignore' })) {
    const cellProblems = new Map<number, string>();
    for (const e of batch.cellErrors) cellProblems.set(e.row, `${e.field}: ${e.message[options.lang]}`);
    let chunk = '';
    for (const row of batch.rows) {
      const v = row.values;
      let size: string;
      let reason: string;
      const problem = cellProblems.get(row.rowNumber);
      if (problem) {
        size = 'invalid';
        reason = problem;
      } else if (options.standard === 'cn-2011') {
        const result = classifyCn({
          industryCode: v.industry_code ?? '',
          employees: figure(v.employees),
          operatingRevenue: figure(v.operating_revenue),
          mainBusinessRevenue: figure(v.main_business_revenue),
          totalAssets: figure(v.total_assets),
        });
        size = result.size;
        reason = result.reason[options.lang];
      } else {
        // Partner columns hold share-weighted sums already (see the template), so they add in full.
        const add = (own: string | null | undefined, partner: string | null | undefined) => {
          const a = figure(own);
          const b = figure(partner);
          return a === null ? Number.NaN : a + (b ?? 0);
        };
        const linked =
          v.linked_headcount || v.linked_turnover || v.linked_balance_sheet_total
            ? [
                {
                  headcount: figure(v.linked_headcount) ?? 0,
                  turnover: figure(v.linked_turnover) ?? 0,
                  balanceSheetTotal: figure(v.linked_balance_sheet_total) ?? 0,
                },
              ]
            : [];
        const result = classifyEu({
          headcount: add(v.headcount, v.partner_headcount),
          turnover: add(v.turnover, v.partner_turnover),
          balanceSheetTotal: add(v.balance_sheet_total, v.partner_balance_sheet_total),
          linked,
          publicBodyShare: figure(v.public_body_share),
        });
        size = result.size;
        reason = result.reason[options.lang];
      }
      counts[size] = (counts[size] ?? 0) + 1;
      if (options.format === 'csv') {
        chunk += `${[row.rowNumber, ...keys.map((k) => v[k] ?? null), size, reason].map(csvCell).join(',')}\n`;
      } else {
        chunk += `${JSON.stringify({ row: row.rowNumber, ...v, size, reason })}\n`;
      }
    }
    await write(chunk);
  }
  if (options.out) await new Promise<void>((resolve) => out.end(() => resolve()));
  return counts;
}
