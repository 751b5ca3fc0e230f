/**
 * Matching driven by what changed (issue 21): after a series of random changes of facts, new policies and days
 * going by — across a new year, a policy coming into force and one expiring, a parameter's new value, 29 February
 * anniversaries, certifications starting and lapsing — the state the change jobs and the daily due runs keep is
 * the state a full rescan computes.
 */
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { aPlatformDefinition, aPlatformPolicy } from '../../../../test/helpers/policies-factories.ts';
import { addDays } from '../../../reference/calendar.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { prng } from '../demo/index.ts';
import { enqueueJobs, JOB_KINDS, runDueJobs } from '../jobs/index.ts';
import type { EnterpriseInput } from '../registry/index.ts';
import { writeEnterpriseBatch } from '../registry/index.ts';
import type { Rule } from './eligibility.rules.ts';
import { type DueResult, matchAll, matchDue, matchPolicies, policyJobHandlers } from './index.ts';

let handle: DatabaseHandle;
let db: Kysely<Database>;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});

afterAll(async () => {
  await handle.close();
});

/** The stored matches as sorted `policy:enterprise@version` lines. */
async function matchesOf(): Promise<string[]> {
  const rows = await db
    .selectFrom('policy_matches')
    .select(['policy_id', 'enterprise_id', 'version'])
    .execute();
  return rows.map((r) => `${r.policy_id}:${r.enterprise_id}@${r.version}`).sort();
}

/** The policy with the most stored matches, and how many. */
function busiestPolicy() {
  return db
    .selectFrom('policy_matches')
    .select(['policy_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('policy_id')
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
}

const CERT = '高新技术企业';

/** Rules reading what the date changes: age, relative years, certifications, a parameter. */
const RULES: Rule[] = [
  { compare: [{ age: 'years' }, '>=', 11] },
  { compare: [{ age: 'years' }, '<', 3] },
  { compare: [{ fact: 'operating_revenue' }, '<', 3000] },
  { all: [{ certified: CERT }, { region: ['320583'] }] },
  { compare: [{ fact: 'employees' }, '<=', { param: 'cap' }] },
  { any: [{ size: ['small', 'micro'] }, { not: { certified: CERT } }] },
];

describe('matching driven by what changed (issue 21)', () => {
  const random = prng(21);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const inputs: EnterpriseInput[] = [];

  beforeAll(async () => {
    const born = ['2016-02-29', '2024-01-05', '2016-03-01', '2021-12-31', '2024-02-10', '2015-06-01'];
    for (let i = 0; i < 40; i++) {
      const region = pick(['320583', '320505', '440305']);
      const from = addDays('2026-11-01', Math.floor(random() * 300));
      inputs.push({
        uscc: makeUscc(`91${region}D${String(i).padStart(8, '0')}`),
        name: `变化企业${i}有限公司`,
        formerNames: [],
        legalRepresentative: '张三',
        regionCode: region,
        industryCode: pick(['C34', 'F51', 'I65']),
        establishedOn:
          i < born.length ? (born[i] as string) : addDays('2014-01-01', Math.floor(random() * 4000)),
        status: 'active',
        ownershipType: '私营',
        certifications:
          random() < 0.5
            ? [{ name: CERT, validFrom: from, validTo: addDays(from, 30 + Math.floor(random() * 200)) }]
            : [],
        figures: {
          year: 2025,
          employees: Math.floor(random() * 300),
          operatingRevenue: Math.floor(random() * 6000),
          mainBusinessRevenue: null,
          totalAssets: Math.floor(random() * 8000),
          totalLiabilities: null,
          rdExpense: null,
          rdStaff: null,
          taxableIncome: null,
          vatTaxpayerType: null,
        },
      });
    }
    await writeEnterpriseBatch(db, inputs, 'test');
    const policy = (rule: Rule, overrides: Parameters<typeof aPlatformDefinition>[0] = {}) =>
      aPlatformPolicy(db, aPlatformDefinition({ rule, ...overrides }));
    await policy(RULES[0] as Rule);
    await policy(RULES[1] as Rule);
    await policy(RULES[2] as Rule, { expiresOn: '2027-01-15' });
    await policy(RULES[3] as Rule, { effectiveFrom: '2027-02-01' });
    await policy(RULES[4] as Rule, {
      parameters: {
        cap: {
          unit: 'persons',
          reference: '测试',
          values: [
            { from: '2026-01-01', value: 50 },
            { from: '2027-03-01', value: 200 },
          ],
        },
      },
    });
    await policy(RULES[5] as Rule);
  });

  it('keeps, through random changes and days, the matches a full rescan computes', async () => {
    let date = '2026-12-20';
    const first = await matchDue(db, date);
    expect(first.full).toBe(true);
    const runs: DueResult[] = [];
    const stepDays = [12, 5, 9, 14, 11, 19, 20, 3, 31, 45, 1, 60, 33];
    for (const [step, days] of stepDays.entries()) {
      date = addDays(date, days);
      // Facts change (new figures of the year before), each change queuing its enterprise's matching.
      const changed = [...new Set([pick(inputs), pick(inputs), pick(inputs)])].map((e) => ({
        ...e,
        figures: {
          ...(e.figures as NonNullable<EnterpriseInput['figures']>),
          year: Number(date.slice(0, 4)) - 1,
          employees: Math.floor(random() * 300),
          operatingRevenue: Math.floor(random() * 6000),
        },
      }));
      await writeEnterpriseBatch(db, changed, 'test');
      const { rows: ids } = await db
        .selectFrom('enterprises')
        .select('id')
        .where(
          'uscc',
          'in',
          changed.map((e) => e.uscc),
        )
        .execute()
        .then((rows) => ({ rows }));
      await enqueueJobs(db, [
        { kind: JOB_KINDS.enterpriseMatch, payload: { enterpriseIds: ids.map((r) => r.id) } },
      ]);
      // Now and then a new policy, queued as a publication queues it.
      if (step % 4 === 1) {
        const id = await aPlatformPolicy(
          db,
          aPlatformDefinition({
            rule: pick(RULES),
            parameters: {
              cap: { unit: 'persons', reference: '测试', values: [{ from: '2026-01-01', value: 80 }] },
            },
          }),
        );
        await enqueueJobs(db, [{ kind: JOB_KINDS.policyMatch, payload: { policyIds: [id] } }]);
      }
      await runDueJobs(db, policyJobHandlers({ today: () => date }));
      runs.push(await matchDue(db, date));
      const kept = await matchesOf();
      const rescan = await matchAll(db, date);
      expect({ date, added: rescan.added, removed: rescan.removed }).toEqual({ date, added: 0, removed: 0 });
      expect(await matchesOf()).toEqual(kept);
    }
    // The due runs had real work: dates that came moved matches, and no run rescanned everything.
    expect(runs.every((r) => !r.full)).toBe(true);
    expect(runs.some((r) => r.policiesDue > 0 && r.added + r.removed > 0)).toBe(true);
    expect(runs.some((r) => r.enterprisesDue > 0 && r.added + r.removed > 0)).toBe(true);
  });

  it('does nothing on a second run of the same day', async () => {
    const date = (await db.selectFrom('job_cursors').select('through').executeTakeFirstOrThrow()).through;
    const again = await matchDue(db, date);
    expect(again).toMatchObject({ policies: 0, matched: 0, policiesDue: 0, enterprisesDue: 0, full: false });
  });

  it("cuts one policy's rescan into slices of the registry when lanes outnumber its chunks, to the same matches", async () => {
    const date = (await db.selectFrom('job_cursors').select('through').executeTakeFirstOrThrow()).through;
    const before = await matchesOf();
    const busiest = await busiestPolicy();
    expect(busiest.n).toBeGreaterThan(3);
    await db.deleteFrom('policy_matches').where('policy_id', '=', busiest.policy_id).execute();
    const progress: [number, number][] = [];
    const result = await matchPolicies(db, [busiest.policy_id], { all: true }, date, {
      lanes: 3,
      onProgress: async (done, total) => {
        progress.push([done, total]);
      },
    });
    // Three slices (one transaction each; PGlite runs them one after another), counted as one policy.
    expect(result).toMatchObject({ policies: 1, matched: busiest.n, added: busiest.n, removed: 0 });
    expect(progress).toEqual([[1, 1]]);
    expect(await matchesOf()).toEqual(before);
  });

  it('completes, when run again, a sliced rescan whose connection was lost after its first slice committed', async () => {
    const date = (await db.selectFrom('job_cursors').select('through').executeTakeFirstOrThrow()).through;
    const before = await matchesOf();
    const busiest = await busiestPolicy();
    await db.deleteFrom('policy_matches').where('policy_id', '=', busiest.policy_id).execute();
    // The connection dies at the second slice's scan: the first slice's matches are committed, the second's not.
    let scans = 0;
    const dying: KyselyPlugin = {
      transformQuery(args) {
        const text = (args.node as { sqlFragments?: readonly string[] }).sqlFragments?.join('') ?? '';
        if (text.includes('insert into policy_match_candidates') && ++scans === 2)
          throw new Error('connection lost');
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    };
    await expect(
      matchPolicies(db.withPlugin(dying), [busiest.policy_id], { all: true }, date, { lanes: 2 }),
    ).rejects.toThrow('connection lost');
    const partial = (await matchesOf()).filter((m) => m.startsWith(`${busiest.policy_id}:`));
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(busiest.n);
    // The job is run again (as the queue retries it): the slices complete, nothing twice.
    const retried = await matchPolicies(db, [busiest.policy_id], { all: true }, date, { lanes: 2 });
    expect(retried).toMatchObject({
      policies: 1,
      matched: busiest.n,
      added: busiest.n - partial.length,
      removed: 0,
    });
    expect(await matchesOf()).toEqual(before);
  });

  it("matches again what an import changed, an enterprise's figures alone included, by id or by one scan", async () => {
    const date = (await db.selectFrom('job_cursors').select('through').executeTakeFirstOrThrow()).through;
    const year = Number(date.slice(0, 4)) - 1;
    for (const rescanAbove of [100_000, 1]) {
      // An import that changes only the figures of existing enterprises: their profiles are written as they are.
      const job = await db
        .insertInto('import_jobs')
        .values({ kind: 'enterprises', file_name: 'figures.csv', mode: 'valid_rows', status: 'running' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const changed = inputs.slice(0, 12).map((e) => ({
        ...e,
        figures: {
          ...(e.figures as NonNullable<EnterpriseInput['figures']>),
          year,
          employees: Math.floor(random() * 300),
          operatingRevenue: Math.floor(random() * 6000),
        },
      }));
      const written = await writeEnterpriseBatch(db, changed, 'import:figures', {
        jobId: job.id,
        rows: changed.map((_, i) => i + 2),
        scope: '',
      });
      expect(written).toMatchObject({ inserted: 0, updated: 12 });
      await enqueueJobs(db, [{ kind: JOB_KINDS.enterpriseMatch, payload: { importJobId: job.id } }]);
      await runDueJobs(db, policyJobHandlers({ today: () => date, rescanAbove }));
      const ran = await db
        .selectFrom('jobs')
        .select(['status', 'result'])
        .where(sql<boolean>`(payload->>'importJobId')::int = ${job.id}`)
        .executeTakeFirstOrThrow();
      const result = ran.result as { added: number; removed: number; policies: number };
      expect(ran.status).toBe('succeeded');
      // The job changed matches, and left nothing for a full rescan to change.
      expect(result.added + result.removed, `rescanAbove ${rescanAbove}`).toBeGreaterThan(0);
      const rescan = await matchAll(db, date);
      expect({ rescanAbove, added: rescan.added, removed: rescan.removed }).toEqual({
        rescanAbove,
        added: 0,
        removed: 0,
      });
    }
  });

  it('rescans everything after a year or more without a run', async () => {
    const date = (await db.selectFrom('job_cursors').select('through').executeTakeFirstOrThrow()).through;
    const later = await matchDue(db, addDays(date, 400));
    expect(later.full).toBe(true);
  });
});
