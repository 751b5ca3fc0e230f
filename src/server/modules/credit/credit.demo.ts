/**
 * The demo's credit information (issue 14): four departments' files for the demo county loaded through the import
 * pipeline as an official would load them (market regulation: licences and penalties; taxation: credit grades and
 * tax paid; human resources and social security: months of contributions; customs: trade), the demo enterprise's
 * consents to the demo bank in every state (awaiting, authorised and read once, check-only and asked once,
 * rejected, revoked, expired), and an objection in progress. Everything goes through the services, as the users'
 * requests would.
 */
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { findCreditSource } from '../../../reference/credit.ts';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { claimNextJob, createImportJob, runImportJob } from '../registry/index.ts';
import { decideConsent, grantConsent, requestConsent } from './credit.consents.ts';
import { creditImportKind } from './credit.imports.ts';
import { fileObjection, myRecords } from './credit.records.ts';
import { creditCheck, creditReport, readConsentedScore } from './credit.reports.ts';
import { addPeriod } from './credit.rules.ts';

const HEADER =
  '统一社会信用代码,信息类别,事项,内容,数值,取值,决定日期,公示截止日期,来源编号,法定代表人姓名,法定代表人证件号码';

/** What the demo's credit data is made for. */
export interface CreditDemoInput {
  /** The demo county's active enterprises (the first is the demo enterprise user's). */
  enterprises: readonly { id: number; uscc: string; legalRepresentative: string }[];
  bankId: number;
  enterprise: Caller;
  bank: Caller;
  official: Caller;
  /** Where the departments' files are written before they are imported (removed afterwards). */
  workDir: string;
  today: string;
  /** The demo's seeded random numbers (the same demo on every machine). */
  random: () => number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Seeds the demo's credit information. */
export async function seedCreditDemo(db: Kysely<Database>, input: CreditDemoInput): Promise<void> {
  const { today, random } = input;
  const back = (days: number) => addPeriod(today, { value: -days, unit: 'days' });
  const idNumber = (i: number) =>
    `320583${1970 + (i % 30)}${pad(1 + (i % 12))}${pad(1 + (i % 28))}${String(1000 + i).slice(-3)}${i % 10}`;
  const files: Record<string, string[]> = { samr: [], sat: [], mohrss: [], gacc: [] };
  input.enterprises.forEach((e, i) => {
    const row = (dept: string, cells: (string | number | null)[]) =>
      (files[dept] as string[]).push([e.uscc, ...cells.map((c) => (c === null ? '' : String(c)))].join(','));
    const person = [e.legalRepresentative, idNumber(i)];
    row('samr', [
      '行政许可',
      '行政许可',
      '营业执照及经营许可',
      null,
      null,
      back(400 + i * 7),
      null,
      `SAMR-L-${1000 + i}`,
      ...person,
    ]);
    if (i === 0 || random() < 0.15)
      row('samr', [
        '行政处罚',
        '行政处罚',
        '未按规定公示年度报告',
        0.5,
        null,
        back(i === 0 ? 150 : 30 + Math.floor(random() * 900)),
        null,
        `SAMR-P-${1000 + i}`,
        ...person,
      ]);
    if (random() < 0.05)
      row('samr', [
        '行政处罚',
        '行政处罚（特种设备、安全生产、消防）',
        '消防设施未保持完好有效',
        1,
        null,
        back(60 + Math.floor(random() * 300)),
        null,
        `SAMR-S-${1000 + i}`,
        ...person,
      ]);
    const grade =
      i === 0 ? 'B' : (['A', 'A', 'B', 'B', 'B', 'M', 'C', 'D'][Math.floor(random() * 8)] as string);
    row('sat', [
      '纳税',
      '纳税信用等级',
      `${today.slice(0, 4) === '2026' ? 2025 : Number(today.slice(0, 4)) - 1}年度纳税信用等级`,
      null,
      grade,
      `${Number(today.slice(0, 4))}-04-01` <= today ? `${today.slice(0, 4)}-04-01` : back(200),
      null,
      `SAT-G-${1000 + i}`,
      null,
      null,
    ]);
    row('sat', [
      '纳税',
      '年度纳税额',
      `${Number(today.slice(0, 4)) - 1}年度纳税`,
      Math.round(5 + random() * 200),
      null,
      `${Number(today.slice(0, 4)) - 1}-12-31`,
      null,
      `SAT-T-${1000 + i}`,
      null,
      null,
    ]);
    row('mohrss', [
      '社会保险',
      '近12个月缴纳月数',
      '企业职工社会保险缴纳',
      random() < 0.85 ? 12 : 6 + Math.floor(random() * 6),
      null,
      back(6),
      null,
      `HRSS-${1000 + i}`,
      null,
      null,
    ]);
    if (random() < 0.2)
      row('gacc', [
        '进出口',
        '年度进出口额',
        `${Number(today.slice(0, 4)) - 1}年度进出口`,
        Math.round(50 + random() * 3000),
        null,
        `${Number(today.slice(0, 4)) - 1}-12-31`,
        null,
        `GACC-${1000 + i}`,
        null,
        null,
      ]);
  });
  mkdirSync(input.workDir, { recursive: true });
  try {
    for (const [department, lines] of Object.entries(files)) {
      if (lines.length === 0) continue;
      const file = path.join(input.workDir, `${department}.csv`);
      writeFileSync(file, `${HEADER}\n${lines.join('\n')}\n`);
      await createImportJob(
        db,
        { uploadDir: input.workDir, maxBytes: 64 * 1024 * 1024 },
        {
          stream: createReadStream(file),
          fileName: `演示-${findCreditSource(department)?.nameZh ?? department}-信用信息.csv`,
          mode: 'valid_rows',
          kind: 'credit_records',
          options: { department },
        },
        input.official,
      );
      for (let id = await claimNextJob(db); id !== null; id = await claimNextJob(db)) {
        await runImportJob(db, id, today, { kinds: { credit_records: creditImportKind } });
      }
    }
  } finally {
    rmSync(input.workDir, { recursive: true, force: true });
  }

  // Consents of the demo enterprise to the demo bank, in every state.
  const until = (days: number) => addPeriod(today, { value: days, unit: 'days' });
  const bankAsks = (categories: string[], purpose: string, scope: 'report' | 'check' = 'report') =>
    requestConsent(
      db,
      input.bank,
      {
        uscc: (input.enterprises[0] as { uscc: string }).uscc,
        scope,
        categories,
        includeScore: true,
        purpose,
        validUntil: until(90),
      },
      today,
    );
  await bankAsks(['licence', 'penalty', 'tax', 'social_insurance'], '贷前审查：流动资金贷款申请（演示）');
  const authorised = await bankAsks(
    ['licence', 'penalty', 'tax', 'social_insurance', 'trade'],
    '贷前审查：设备更新贷款（演示）',
  );
  await decideConsent(
    db,
    input.enterprise,
    authorised.id,
    'authorise',
    { signerName: '企业法定代表人（演示）', validUntil: until(60) },
    today,
  );
  await creditReport(db, input.bank, authorised.enterpriseId, authorised.id, {}, today, readConsentedScore);
  const check = await grantConsent(
    db,
    input.enterprise,
    {
      institutionId: input.bankId,
      scope: 'check',
      categories: ['tax'],
      purpose: '核验上年纳税额（演示）',
      validUntil: until(30),
      signerName: '企业法定代表人（演示）',
    },
    today,
  );
  await creditCheck(
    db,
    input.bank,
    check.enterpriseId,
    check.id,
    { kind: 'tax_paid_at_least', year: Number(today.slice(0, 4)) - 1, amount: 1 },
    today,
  );
  const rejected = await bankAsks(['judgment', 'dishonesty'], '贷后管理：风险排查（演示）');
  await decideConsent(db, input.enterprise, rejected.id, 'reject', null, today);
  const revoked = await grantConsent(
    db,
    input.enterprise,
    {
      institutionId: input.bankId,
      scope: 'report',
      categories: ['licence'],
      purpose: '开户资料核验（演示）',
      validUntil: until(20),
      signerName: '企业法定代表人（演示）',
    },
    today,
  );
  await decideConsent(db, input.enterprise, revoked.id, 'revoke', null, today);
  // Expired: a consent that ran its course (its dates moved into the past, as time would have).
  const expired = await grantConsent(
    db,
    input.enterprise,
    {
      institutionId: input.bankId,
      scope: 'report',
      categories: ['tax'],
      purpose: '上年度续贷审查（演示）',
      validUntil: until(10),
      signerName: '企业法定代表人（演示）',
    },
    today,
  );
  await db
    .updateTable('credit_consents')
    .set({ valid_from: back(120), valid_until: back(30) })
    .where('enterprise_id', '=', expired.enterpriseId)
    .where('id', '=', expired.id)
    .execute();

  // An objection in progress: the demo enterprise disputes its penalty.
  const records = await myRecords(db, input.enterprise, { category: 'penalty' }, today);
  const penalty = records.items[0];
  if (penalty)
    await fileObjection(
      db,
      input.enterprise,
      penalty.id,
      { kind: 'objection', reason: '处罚已于复议中撤销，附行政复议决定书（演示）' },
      today,
    );
}
