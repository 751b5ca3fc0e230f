/**
 * Cultivation test factories (issue 18): the enterprise of docs/reference/cultivation.md §7.1 — registry figures of
 * the data year and the one before (R&D 4% of revenue, main business 72% of it and growing 12.5%, debt 50%) and its
 * own facts (one self-developed class-I patent, not in the catalogue): 30 + 25 + 25 = 80, likely innovative.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { writeEnterpriseBatch } from '../../src/server/modules/registry/index.ts';
import { todayInChina } from '../../src/shared/today.ts';
import type { Session, TestApp } from './app.ts';
import { anEnterprise, type MadeEnterprise } from './factories.ts';

/** The year the standards read today ("上年度"). */
export const DATA_YEAR = Number(todayInChina().slice(0, 4)) - 1;

/** The §7.1 enterprise's own facts. */
export const WORKED_CASE_FACTS = {
  ipClassIHighValue: 0,
  ipClassISelfDeveloped: 1,
  ipClassIOther: 0,
  ipClassII: 0,
  inStrategicCatalogue: false,
};

/** Gives an enterprise the §7.1 registry figures for the data year and the year before. */
export async function giveWorkedCaseFigures(db: Kysely<Database>, e: MadeEnterprise): Promise<void> {
  const row = (year: number, main: number, rd: number) => ({
    uscc: e.uscc,
    name: e.name,
    formerNames: [],
    legalRepresentative: '张三',
    regionCode: e.regionCode,
    industryCode: 'C34',
    establishedOn: '2015-06-01',
    status: 'active' as const,
    ownershipType: '私营',
    certifications: [],
    figures: {
      year,
      employees: 120,
      operatingRevenue: 10000,
      mainBusinessRevenue: main,
      totalAssets: 20000,
      totalLiabilities: 10000,
      rdExpense: rd,
      rdStaff: 20,
      taxableIncome: null,
      vatTaxpayerType: null,
    },
  });
  await writeEnterpriseBatch(db, [row(DATA_YEAR - 1, 6400, 380)], 'test');
  await writeEnterpriseBatch(db, [row(DATA_YEAR, 7200, 400)], 'test');
}

/** A §7.1 enterprise of a county. */
export async function aWorkedCaseEnterprise(
  db: Kysely<Database>,
  region = '320583',
): Promise<MadeEnterprise> {
  const e = await anEnterprise(db, { region });
  await giveWorkedCaseFigures(db, e);
  return e;
}

/** The enterprise's user saves the §7.1 facts and applies for the innovative tier; the application. */
export async function applyInnovative(
  t: TestApp,
  session: Session,
): Promise<{ id: number; version: number; stage: string }> {
  const saved = await t.request('PUT', '/api/my/cultivation/facts', {
    session,
    body: { year: DATA_YEAR, version: 0, facts: WORKED_CASE_FACTS },
  });
  if (saved.statusCode !== 200) throw new Error(`facts: ${saved.statusCode} ${saved.body}`);
  const applied = await t.request('POST', '/api/my/cultivation/applications', {
    session,
    body: { tier: 'innovative' },
  });
  if (applied.statusCode !== 200) throw new Error(`apply: ${applied.statusCode} ${applied.body}`);
  return applied.json();
}
