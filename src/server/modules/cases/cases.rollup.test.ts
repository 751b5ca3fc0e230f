/**
 * The supervision roll-ups (case_stats, case_deadlines) kept by the case repository in each write's transaction
 * (no trigger: docs/adr/0025-scale-out-on-citus.md) stay equal to what `case_stats_rebuild()` computes from the
 * cases, through a random series of actions: filing, acceptance, assignment, transfers across departments and
 * counties, requests for information, replies, ratings, reopening, merges (across enterprises too), extensions,
 * claim amendments, and the debtor's answers and payments. The seed is in the failure message.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anArrearsComplaint,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  aUser,
  type CaseReply,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { todayInChina } from '../../../shared/today.ts';
import { superviseDeadlines } from './cases.supervision.ts';

/** A small deterministic generator (mulberry32), so a failing series can be replayed from its seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** An action, the more likely the higher its weight (those moving a case along before the side steps). */
    pickAction: (actions: readonly string[]): string => {
      const total = actions.reduce((sum, a) => sum + (WEIGHTS[a] ?? 1), 0);
      let r = next() * total;
      for (const a of actions) {
        r -= WEIGHTS[a] ?? 1;
        if (r < 0) return a;
      }
      return actions.at(-1) as string;
    },
  };
}

const WEIGHTS: Record<string, number> = {
  accept: 6,
  assign: 6,
  reply: 6,
  provide_info: 6,
  rate: 5,
  pay: 5,
  request_info: 2,
  close: 2,
  reopen: 2,
  acknowledge: 2,
  extend: 1,
  transfer: 1,
  merge: 1,
  return: 1,
  dispute: 1,
  amend_claim: 1,
  comment: 0.5,
};

/** The handling offices a case can be transferred between (a county's SME and industry offices, a neighbour's). */
const OFFICES = [
  { region: '320583', department: 'sme' },
  { region: '320583', department: 'miit' },
  { region: '320582', department: 'sme' },
] as const;

const OPEN = ['submitted', 'accepted', 'in_progress', 'info_requested'];

/** The official actions the series takes when offered, and the enterprise's. */
const OFFICIAL_ACTIONS = [
  'accept',
  'return',
  'assign',
  'request_info',
  'reply',
  'close',
  'merge',
  'transfer',
  'extend',
  'comment',
];
const ENTERPRISE_ACTIONS = ['provide_info', 'rate', 'reopen', 'comment', 'amend_claim'];

describe('the roll-ups through a random series of case actions', () => {
  let t: TestApp;
  let admin: Session;
  let payer: Session;
  let debtor: { uscc: string; name: string };
  const enterprises: { id: number; session: Session }[] = [];
  const handlerOf = new Map<string, number>();
  const seed = Number(process.env.HUIQI_TEST_SEED) || Math.floor(Math.random() * 2 ** 31);
  const random = generator(seed);
  /** Case id → the enterprise that filed it. */
  const cases = new Map<number, { id: number; session: Session }>();
  const log: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const { db } = t.handle;
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    for (const office of OFFICES)
      handlerOf.set(`${office.region}/${office.department}`, (await anOfficial(db, office)).id);
    debtor = aPublicBody('320583');
    payer = await signIn(t, await aPayer(db, debtor));
    for (const region of ['320583', '320582']) {
      const firm = await anEnterprise(db, { region, employees: 12, revenue: 800 });
      enterprises.push({ id: firm.id, session: await signIn(t, await anEnterpriseUser(db, firm)) });
    }
  });
  afterAll(() => t.close());

  const post = async (url: string, session: Session, body: unknown, tolerated: number[] = []) => {
    const response = await t.request('POST', url, { session, body });
    log.push(`${url} ${JSON.stringify(body)} → ${response.statusCode}`);
    if (response.statusCode !== 200 && !tolerated.includes(response.statusCode))
      throw new Error(
        `seed ${seed}: POST ${url} ${JSON.stringify(body)}: ${response.statusCode} ${response.body}`,
      );
    return response;
  };
  const get = async (url: string, session: Session) => {
    const response = await t.request('GET', url, { session });
    return response.statusCode === 200 ? (response.json() as CaseReply) : null;
  };

  const file = async () => {
    const enterprise = random.pick(enterprises);
    const filed =
      random.next() < 0.5
        ? (
            await post('/api/my/cases/demands', enterprise.session, {
              kind: 'help',
              category: 'financing',
              title: `汇总测试 ${cases.size}`,
              description: '请求协助。',
            })
          ).json()
        : await anArrearsComplaint(t, enterprise.session, debtor, {
            claim: { amount: 10_000 + Math.floor(random.next() * 90_000), payments: [] },
          });
    log.push(`filed ${filed.number}`);
    cases.set(filed.id, enterprise);
  };

  const actAsOfficial = async (id: number) => {
    const c = await get(`/api/cases/${id}`, admin);
    const offered = (c?.allowedActions as string[] | undefined)?.filter((a) => OFFICIAL_ACTIONS.includes(a));
    if (!c || !offered?.length) return;
    const action = random.pickAction(offered);
    const body: Record<string, unknown> = { action, version: c.version, note: '汇总测试' };
    if (action === 'assign') body.assigneeId = handlerOf.get(`${c.regionCode}/${c.departmentCode}`);
    if (action === 'extend') body.days = 1;
    if (action === 'transfer') {
      const to = random.pick(
        OFFICES.filter((o) => o.region !== c.regionCode || o.department !== c.departmentCode),
      );
      body.regionCode = to.region;
      body.departmentCode = to.department;
    }
    if (action === 'merge') {
      const targets: number[] = [];
      for (const other of cases.keys()) {
        if (other === id) continue;
        const state = (await get(`/api/cases/${other}`, admin))?.state;
        if (state && OPEN.includes(state)) targets.push(other);
      }
      if (targets.length === 0) return;
      body.mergeInto = random.pick(targets);
    }
    await post(`/api/cases/${id}/actions`, admin, body);
  };

  const actAsEnterprise = async (id: number) => {
    const enterprise = cases.get(id) as { session: Session };
    const c = await get(`/api/cases/${id}`, enterprise.session);
    const offered = (c?.allowedActions as string[] | undefined)?.filter((a) =>
      ENTERPRISE_ACTIONS.includes(a),
    );
    if (!c || !offered?.length) return;
    const action = random.pickAction(offered);
    const body: Record<string, unknown> = { action, version: c.version, note: '企业操作' };
    if (action === 'rate') body.rating = random.pick(['satisfied', 'basically_satisfied', 'unsatisfied']);
    if (action === 'amend_claim') body.claim = { ...c.claim, amount: (c.claim.amount as number) + 1_000 };
    await post(`/api/cases/${id}/actions`, enterprise.session, body, action === 'amend_claim' ? [400] : []);
  };

  const actAsPayer = async (id: number) => {
    const claim = await get(`/api/payer/claims/${id}`, payer);
    const offered = claim?.allowedActions as string[] | undefined;
    if (!claim || !offered?.length) return;
    const action = random.pickAction(offered);
    const body: Record<string, unknown> = { action, version: claim.version, note: '付款方答复' };
    let full = false;
    if (action === 'pay') {
      const owed = claim.assessment ? claim.assessment.totalOutstanding : claim.amount - claim.repaid;
      full = random.next() < 0.4;
      body.amount = full ? owed : Math.max(0.01, Math.floor(owed * 30) / 100);
      body.paidOn = todayInChina();
    }
    // Paying all that is shown as owed can be refused when the interest ends in half a fen (payments.rules.ts
    // rounds the total owed up, then finds the payment a fraction of a fen over it): a refusal changes nothing.
    await post(`/api/payer/claims/${id}/answers`, payer, body, full ? [400] : []);
  };

  /** The roll-ups as kept (rows counting nothing left out), and as rebuilt from the cases (rolled back). */
  const rollups = async () => {
    const read = async (db: typeof t.handle.db) => ({
      stats: (await sql<Record<string, unknown>>`select * from case_stats order by 1, 2, 3, 4, 5`.execute(db))
        .rows,
      deadlines: (
        await sql<Record<string, unknown>>`select * from case_deadlines order by 1, 2, 3, 4`.execute(db)
      ).rows,
    });
    const kept = await read(t.handle.db);
    let rebuilt: typeof kept | undefined;
    await t.handle.db
      .transaction()
      .execute(async (trx) => {
        await sql`select case_stats_rebuild()`.execute(trx);
        rebuilt = await read(trx);
        throw new Error('rolled back');
      })
      .catch((error: Error) => {
        if (error.message !== 'rolled back') throw error;
      });
    const counts = (row: Record<string, unknown>) =>
      Object.values(row).some((v) => typeof v === 'number' && v !== 0);
    return {
      kept: { stats: kept.stats.filter(counts), deadlines: kept.deadlines.filter(counts) },
      rebuilt,
    };
  };

  it('keeps case_stats and case_deadlines equal to case_stats_rebuild() after every few actions', async () => {
    for (let step = 0; step < 120; step++) {
      const ids = [...cases.keys()];
      const roll = random.next();
      if (ids.length < 4 || roll < 0.1) await file();
      else {
        const id = random.pick(ids);
        const state = (await get(`/api/cases/${id}`, admin))?.state as string;
        // Whose turn it is, mostly: the enterprise's when asked or answered, else the office's or the debtor's.
        const enterpriseTurn = ['info_requested', 'replied', 'closed'].includes(state);
        if (enterpriseTurn ? roll < 0.8 : roll < 0.2) await actAsEnterprise(id);
        else if (roll < 0.75) await actAsOfficial(id);
        else await actAsPayer(id);
      }
      if (step === 60) await superviseDeadlines(t.handle.db, todayInChina());
      if (step % 20 === 19) {
        const { kept, rebuilt } = await rollups();
        expect(kept, `seed ${seed}, step ${step}:\n${log.slice(-12).join('\n')}`).toEqual(rebuilt);
      }
    }
    const states = new Set(
      (await t.handle.db.selectFrom('cases').select('state').execute()).map((row) => row.state),
    );
    expect(states.size, `seed ${seed}: states reached ${[...states]}`).toBeGreaterThan(2);
  });

  it('moves the deadline roll-up with the deadlines the daily run brings back in line with the clocks', async () => {
    await file();
    const open = await t.handle.db
      .selectFrom('cases')
      .select(['id', 'deadline'])
      .where('state', 'in', OPEN)
      .where('deadline', 'is not', null)
      .execute();
    expect(open.length, `seed ${seed}`).toBeGreaterThan(0);
    // Stored deadlines a day off their clocks (as after a change of the holiday calendar), counted so.
    await sql`update cases set deadline = deadline + 1 where state in ('submitted', 'accepted', 'in_progress',
      'info_requested') and deadline is not null`.execute(t.handle.db);
    await sql`select case_stats_rebuild()`.execute(t.handle.db);
    // As after an update of the calendar: the daily run no longer holds the digest it counted the deadlines on.
    await sql`delete from job_cursors where kind = 'case-supervision'`.execute(t.handle.db);
    const { moved } = await superviseDeadlines(t.handle.db, todayInChina());
    expect(moved).toBe(open.length);
    const { kept, rebuilt } = await rollups();
    expect(kept, `seed ${seed}`).toEqual(rebuilt);
  });

  it('counts the deadlines again only when the rules or the calendar changed since the last run (issue 21)', async () => {
    // The same day again, on the same rules and calendar: stored deadlines put off their clocks stay so (the run
    // reads only the deadlines due, not every open case) until the calendar's digest changes.
    await sql`update cases set deadline = deadline + 1 where state in ('submitted', 'accepted', 'in_progress',
      'info_requested') and deadline is not null`.execute(t.handle.db);
    await sql`select case_stats_rebuild()`.execute(t.handle.db);
    expect((await superviseDeadlines(t.handle.db, todayInChina())).moved).toBe(0);
    await sql`update job_cursors set state = 'an older calendar' where kind = 'case-supervision'`.execute(
      t.handle.db,
    );
    expect((await superviseDeadlines(t.handle.db, todayInChina())).moved).toBeGreaterThan(0);
    const { kept, rebuilt } = await rollups();
    expect(kept, `seed ${seed}`).toEqual(rebuilt);
  });
});

describe('the roll-ups of the demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('equal case_stats_rebuild() after the seed (its cases filed, acted on and backdated)', async () => {
    const read = async () => [
      (await sql`select * from case_stats where received <> 0 order by 1, 2, 3, 4, 5`.execute(t.handle.db))
        .rows,
      (await sql`select * from case_deadlines where open <> 0 order by 1, 2, 3, 4`.execute(t.handle.db)).rows,
    ];
    const kept = await read();
    expect(kept[0]?.length).toBeGreaterThan(0);
    await sql`select case_stats_rebuild()`.execute(t.handle.db);
    expect(kept).toEqual(await read());
  });
});
