/**
 * Figure: reading an XLSX import file (no database): rows per second through `readTable`, from the zip's central
 * directory to checked row batches, for a workbook of N enterprise rows (default 100,000) written by exceljs with
 * shared strings, as Excel writes them. It isolates the zip reader and exceljs's part parsers from the database,
 * so a change to either shows here; it reads the file `--runs` times (default 3) and reports the best wall time and
 * the best CPU time (user + system; steadier than wall time on a busy machine).
 *
 * Usage: npx tsx bench/xlsx-read.ts [--rows 100000] [--runs 3]
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ENTERPRISE_IMPORT_COLUMNS, readTable } from '../src/server/modules/registry/index.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const rows = option('--rows', 100_000);
const runs = option('--runs', 3);
const file = path.join(os.tmpdir(), `huiqi-bench-enterprises-${rows}.xlsx`);

if (!existsSync(file)) {
  console.log(`Writing ${rows} enterprises to ${file}…`);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = writer.addWorksheet('企业');
  sheet.addRow(['统一社会信用代码', '企业名称', '注册地行政区划代码', '行业代码', '成立日期']).commit();
  for (let i = 0; i < rows; i++) {
    const uscc = `91440106MA${String(i).padStart(7, '0')}X`;
    sheet.addRow([uscc, `广州市天河区示例科技有限公司第${i}号`, '440106', 'C13', '2018-06-01']).commit();
  }
  sheet.commit();
  await writer.commit();
}
const mb = statSync(file).size / 1024 / 1024;

let best = Number.POSITIVE_INFINITY;
let bestCpu = Number.POSITIVE_INFINITY;
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let read = 0;
  for await (const batch of readTable({ path: file }, ENTERPRISE_IMPORT_COLUMNS, {
    unknownColumns: 'ignore',
  }))
    read += batch.rows.length;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (read !== rows) throw new Error(`read ${read} rows, expected ${rows}`);
  best = Math.min(best, seconds);
  bestCpu = Math.min(bestCpu, cpuSeconds);
  console.log(
    `run ${run + 1}: ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s), ${Math.round(rows / seconds)} rows/s`,
  );
}
console.log(
  `XLSX read (${rows} rows, ${mb.toFixed(1)} MB): best ${best.toFixed(2)} s, ${Math.round(rows / best)} rows/s; ` +
    `best CPU ${bestCpu.toFixed(2)} s, ${Math.round(rows / bestCpu)} rows per CPU-second`,
);
