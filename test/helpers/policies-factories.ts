/**
 * Policy factories: definitions, drafts and published policies a test makes for itself through the HTTP API (an
 * official's or an admin's) or the policies module's exported functions, instead of the shipped and demo policies.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import {
  type PolicyDefinition,
  publishPlatformPolicy,
  queueDailyMatch,
} from '../../src/server/modules/policies/index.ts';
import { todayInChina } from '../../src/shared/today.ts';
import type { Session, TestApp } from './app.ts';
import { aUser, type MadeUser } from './factories.ts';

// Unique within a test file (each file has its own database and its own copy of this module).
let serial = 0;

/** A policy as the officials' API returns it (the fields tests read most; the rest as the test needs). */
// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
export type PolicyReply = { id: number; version: number; status: string } & Record<string, any>;

/** A valid 320583 definition (a 免申即享 voucher for revenue ≤ 5000 万元, tests passing); `overrides` replace fields. */
export function aPolicyDefinition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    id: `test-policy-${serial}`,
    title: { zh: `测试政策${serial}`, en: `Test policy ${serial}` },
    issuer: '昆山市中小企业服务中心（测试）',
    documentNumber: `昆测〔2026〕${serial}号`,
    effectiveFrom: '2026-01-01',
    expiresOn: '2027-12-31',
    regions: ['320583'],
    method: 'automatic',
    topics: ['services'],
    benefit: { zh: '按投入的 30% 发放补贴', en: 'A subsidy of 30% of the cost' },
    parameters: {
      revenue_max: {
        unit: '万元',
        reference: '昆测〔2026〕1号',
        values: [{ from: '2026-01-01', value: 5000 }],
      },
    },
    rule: { all: [{ compare: [{ fact: 'operating_revenue' }, '<=', { param: 'revenue_max' }] }] },
    tests: [
      {
        name: '营业收入 3000 万元 → 符合',
        date: '2026-06-30',
        facts: { regionCode: '320583', figures: { 2025: { operating_revenue: 3000 } } },
        expect: 'eligible',
      },
      {
        name: '未报营业收入 → 无法判断',
        date: '2026-06-30',
        facts: { regionCode: '320583' },
        expect: 'unknown',
      },
    ],
    ...overrides,
  };
}

/** Sends a request and expects success: the reply's body. */
async function succeeded(
  t: TestApp,
  session: Session,
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
): Promise<PolicyReply> {
  const response = await t.request(method, url, { session, body });
  if (response.statusCode !== 200)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A draft the signed-in official (or admin) saves. */
export function aDraft(t: TestApp, author: Session, definition = aPolicyDefinition()): Promise<PolicyReply> {
  return succeeded(t, author, 'POST', '/api/policies', { definition });
}

/** A policy the signed-in official (or admin) saves as a draft and publishes (matching is queued, not run). */
export async function aPolicy(
  t: TestApp,
  author: Session,
  definition = aPolicyDefinition(),
): Promise<PolicyReply> {
  const draft = await aDraft(t, author, definition);
  return succeeded(t, author, 'POST', `/api/policies/${draft.id}/publish`, { version: draft.version });
}

/** A new version of a published policy: its draft replaced by `definition` and published with a change note. */
export async function anAmendmentOf(
  t: TestApp,
  author: Session,
  policy: { id: number; version: number },
  definition: Record<string, unknown>,
  changeNote = '测试修订',
): Promise<PolicyReply> {
  const saved = await succeeded(t, author, 'PUT', `/api/policies/${policy.id}`, {
    definition,
    version: policy.version,
  });
  return succeeded(t, author, 'POST', `/api/policies/${policy.id}/publish`, {
    version: saved.version,
    changeNote,
  });
}

/** A policy published at once with the platform as its source (as shipped ones are); its id. */
export function aPlatformPolicy(db: Kysely<Database>, definition: PolicyDefinition): Promise<number> {
  return db.transaction().execute((trx) => publishPlatformPolicy(trx, definition));
}

/** A complete definition for `aPlatformPolicy` (national, in force, for active enterprises unless told). */
export function aPlatformDefinition(overrides: Partial<PolicyDefinition> = {}): PolicyDefinition {
  serial += 1;
  return {
    id: `platform-policy-${serial}`,
    title: { zh: `平台政策${serial}`, en: `Platform policy ${serial}` },
    issuer: '测试发文机关',
    documentNumber: `测试〔2026〕${serial}号`,
    issuedOn: null,
    effectiveFrom: '2026-01-01',
    expiresOn: null,
    regions: [],
    method: 'automatic',
    benefit: { zh: '测试', en: 'test' },
    howTo: null,
    interpretation: null,
    fullText: null,
    contact: null,
    link: null,
    topics: [],
    demo: false,
    parameters: {},
    rule: { status: ['active'] },
    tests: [],
    ...overrides,
  };
}

/** A system administrator's account. */
export function anAdmin(db: Kysely<Database>): Promise<MadeUser> {
  return aUser(db, { role: 'admin' });
}

/** The day's matching of every enterprise and published policy, run now (once per database and day). */
// Enterprises a factory writes are otherwise matched only by the policies published after them.
export async function aDailyMatch(t: TestApp): Promise<void> {
  await queueDailyMatch(t.handle.db, todayInChina());
  await t.runJobs();
}
