/**
 * Test factories: each makes one thing a test needs, named by what it makes, through the modules' exported
 * functions or the HTTP API (never another module's tables), so that a test builds its own world instead of
 * leaning on the demo seed (style habit 18).
 */
import type { Kysely } from 'kysely';
import { makeUscc } from '../../src/reference/uscc.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { createUser } from '../../src/server/modules/accounts/index.ts';
import { enqueueJobs, JOB_KINDS } from '../../src/server/modules/jobs/index.ts';
import { findEnterpriseSizeByUscc, writeEnterpriseBatch } from '../../src/server/modules/registry/index.ts';
import type { Session, TestApp } from './app.ts';

/** The password of every account a factory makes. */
export const FACTORY_PASSWORD = 'Factory-Pass-2026';

// Unique within a test file (each file has its own database and its own copy of this module).
let serial = 0;
const next = () => ++serial;

/** A fresh 18-character USCC of the region (`kind` the first two characters: 91 a company, 11 a state organ). */
export function aUscc(region = '320583', kind = '91'): string {
  return makeUscc(`${kind}${region}T${String(next()).padStart(8, '0')}`);
}

/** An enterprise made by the factory. */
export interface MadeEnterprise {
  id: number;
  uscc: string;
  name: string;
  regionCode: string;
}

/** An active enterprise in the registry; with `employees` or `revenue` it reports a year's figures. */
export async function anEnterprise(
  db: Kysely<Database>,
  options: {
    region?: string;
    name?: string;
    industryCode?: string;
    employees?: number;
    revenue?: number;
    year?: number;
  } = {},
): Promise<MadeEnterprise> {
  const regionCode = options.region ?? '320583';
  const uscc = aUscc(regionCode);
  const name = options.name ?? `测试企业${serial}有限公司`;
  const reports = options.employees !== undefined || options.revenue !== undefined;
  await writeEnterpriseBatch(
    db,
    [
      {
        uscc,
        name,
        formerNames: [],
        legalRepresentative: '张三',
        regionCode,
        industryCode: options.industryCode ?? 'C34',
        establishedOn: '2015-06-01',
        status: 'active',
        ownershipType: '私营',
        certifications: [],
        figures: reports
          ? {
              year: options.year ?? 2025,
              employees: options.employees ?? null,
              operatingRevenue: options.revenue ?? null,
              mainBusinessRevenue: null,
              totalAssets: null,
              totalLiabilities: null,
              rdExpense: null,
              rdStaff: null,
              taxableIncome: null,
              vatTaxpayerType: null,
            }
          : null,
      },
    ],
    'test',
  );
  const found = await findEnterpriseSizeByUscc(db, uscc);
  if (!found) throw new Error(`the enterprise ${uscc} was not written`);
  // As every write of facts does, the enterprise is queued for matching (run by `t.runJobs()`).
  await enqueueJobs(db, [{ kind: JOB_KINDS.enterpriseMatch, payload: { enterpriseIds: [found.id] } }]);
  return { id: found.id, uscc, name, regionCode };
}

/** An account made by the factory: sign in with `t.login(username, password)` or `signIn`. */
export interface MadeUser {
  id: number;
  username: string;
  password: string;
}

type UserInput = Omit<Parameters<typeof createUser>[1], 'username' | 'displayName' | 'password'> & {
  username?: string;
  displayName?: string;
};

/** An account of any role (the scope fields its role needs are the caller's to give). */
export async function aUser(db: Kysely<Database>, input: UserInput): Promise<MadeUser> {
  const n = next();
  const username = input.username ?? `${input.role}.t${n}`;
  const user = await createUser(
    db,
    { displayName: `${input.role} ${n}`, ...input, username, password: FACTORY_PASSWORD },
    { actor: null, requestId: null },
  );
  return { id: user.id, username, password: FACTORY_PASSWORD };
}

/** An official of a region and department (the county's SME office unless told). */
export function anOfficial(
  db: Kysely<Database>,
  options: { region?: string; department?: string } = {},
): Promise<MadeUser> {
  return aUser(db, {
    role: 'official',
    regionCode: options.region ?? '320583',
    departmentCode: options.department ?? 'sme',
  });
}

/** An enterprise's user (with an email address, so that its notices are delivered). */
export function anEnterpriseUser(
  db: Kysely<Database>,
  enterprise: { id: number },
  options: { email?: string } = {},
): Promise<MadeUser> {
  return aUser(db, {
    role: 'enterprise',
    enterpriseId: enterprise.id,
    email: options.email ?? `enterprise${next()}@test.huiqi.invalid`,
  });
}

/** A public body that can owe an enterprise money: its USCC (a state organ of the region) and name. */
export function aPublicBody(region = '320583', name?: string): { uscc: string; name: string } {
  const uscc = aUscc(region, '11');
  return { uscc, name: name ?? `测试机关${serial}` };
}

/** A payer account: the official who answers for a public body's debts. */
export function aPayer(db: Kysely<Database>, body: { uscc: string; name: string }): Promise<MadeUser> {
  return aUser(db, { role: 'payer', organizationUscc: body.uscc, organizationName: body.name });
}

/** A buyer account: a procurement official of a buying body (the body need not be registered yet). */
export function aBuyer(db: Kysely<Database>, body: { uscc: string; name: string }): Promise<MadeUser> {
  return aUser(db, { role: 'buyer', organizationUscc: body.uscc, organizationName: body.name });
}

/** Signs in as an account a factory made. */
export function signIn(t: TestApp, user: MadeUser): Promise<Session> {
  return t.login(user.username, user.password);
}

/** A case as the API returns it (the fields tests read most; the rest as the test needs). */
// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
export type CaseReply = { id: number; version: number; state: string; number: string } & Record<string, any>;

/** Posts and expects success: the reply's body. */
async function posted(t: TestApp, session: Session, url: string, body: unknown): Promise<CaseReply> {
  const response = await t.request('POST', url, { session, body });
  if (response.statusCode !== 200) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A demand the signed-in enterprise user submits (a consultation on financing unless told). */
export function aDemand(
  t: TestApp,
  enterprise: Session,
  body: Partial<{ kind: string; category: string; title: string; description: string }> = {},
): Promise<CaseReply> {
  return posted(t, enterprise, '/api/my/cases/demands', {
    kind: 'consultation',
    category: 'financing',
    title: `测试诉求 ${next()}`,
    description: '测试用的诉求。',
    ...body,
  });
}

/**
 * An overdue-payment complaint the signed-in enterprise user files against a public body: by default 186,000
 * due thirty days after acceptance on 2025-03-03, 50,000 of it paid on 2025-05-20.
 */
export function anArrearsComplaint(
  t: TestApp,
  enterprise: Session,
  debtor: { uscc: string; name: string },
  overrides: { contractNumber?: string; description?: string; claim?: Record<string, unknown> } = {},
): Promise<CaseReply> {
  return posted(t, enterprise, '/api/my/cases/arrears', {
    debtorUscc: debtor.uscc,
    debtorName: debtor.name,
    contractNumber: overrides.contractNumber ?? `HT-TEST-${next()}`,
    description: overrides.description ?? '设备验收合格后至今未付款。',
    claim: {
      debtorKind: 'government',
      signedOn: '2025-02-10',
      basis: 'acceptance',
      deliveredOn: '2025-02-28',
      acceptedOn: '2025-03-03',
      amount: 186_000,
      payments: [{ date: '2025-05-20', amount: 50_000 }],
      ...overrides.claim,
    },
  });
}

/** An official's action on a case at its current version; expects success and returns the case after it. */
export function anActionOn(
  t: TestApp,
  official: Session,
  c: { id: number; version: number },
  action: string,
  body: Record<string, unknown> = {},
): Promise<CaseReply> {
  return posted(t, official, `/api/cases/${c.id}/actions`, { action, version: c.version, ...body });
}
