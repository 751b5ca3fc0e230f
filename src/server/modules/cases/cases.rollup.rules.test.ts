/** What a change to a case adds to the supervision roll-ups (case_stats, case_deadlines). */
import { describe, expect, it } from 'vitest';
import { type RollupFacts, rollupDelta, yuanOf } from './cases.rollup.rules.ts';

const submitted: RollupFacts = {
  state: 'submitted',
  region_code: '320583',
  department_code: 'sme',
  type: 'arrears',
  debtor_kind: 'government',
  received_on: '2025-03-10',
  deadline: '2025-03-24',
  first_replied_on: null,
  replied_on_time: null,
  rating: null,
  reopened_count: 0,
  amount: 120000.5,
  principal_repaid: 0,
  principal_outstanding: 120000.5,
};

const key = {
  region_code: '320583',
  department_code: 'sme',
  type: 'arrears',
  debtor_kind: 'government',
  month: '2025-03-01',
};
const zero = {
  received: 0,
  open: 0,
  replied: 0,
  replied_on_time: 0,
  handling_days: 0,
  closed: 0,
  rated: 0,
  satisfied: 0,
  basically_satisfied: 0,
  unsatisfied: 0,
  reopened: 0,
  claimed: 0,
  repaid: 0,
  cleared: 0,
};

describe('rollupDelta', () => {
  it('counts a new case as received and open, its claim in cents, and its deadline as open', () => {
    expect(rollupDelta(null, submitted)).toEqual({
      stats: [{ ...key, ...zero, received: 1, open: 1, claimed: 12000050 }],
      deadlines: [
        { region_code: '320583', department_code: 'sme', type: 'arrears', deadline: '2025-03-24', open: 1 },
      ],
    });
  });

  it('counts a demand without a debtor under the empty debtor kind', () => {
    const demand = {
      ...submitted,
      type: 'demand',
      debtor_kind: null,
      amount: null,
      principal_outstanding: null,
    };
    expect(rollupDelta(null, demand).stats).toEqual([
      { ...key, type: 'demand', debtor_kind: '', ...zero, received: 1, open: 1 },
    ]);
  });

  const cases: {
    name: string;
    after: Partial<RollupFacts>;
    stats: Partial<typeof zero>[];
    deadlines: number;
  }[] = [
    { name: 'a change the roll-ups do not count gives nothing', after: {}, stats: [], deadlines: 0 },
    {
      name: 'a reply on time: replied, on time, the days from receipt, no longer open',
      after: { state: 'replied', deadline: null, first_replied_on: '2025-03-20', replied_on_time: true },
      stats: [{ open: -1, replied: 1, replied_on_time: 1, handling_days: 10 }],
      deadlines: 1,
    },
    {
      name: 'a payment clearing the principal: repaid in cents and cleared',
      after: { principal_repaid: 120000.5, principal_outstanding: 0 },
      stats: [{ repaid: 12000050, cleared: 1 }],
      deadlines: 0,
    },
    {
      name: 'a rating closing the case: rated, satisfied, closed',
      after: { state: 'closed', deadline: null, rating: 'satisfied' },
      stats: [{ open: -1, closed: 1, rated: 1, satisfied: 1 }],
      deadlines: 1,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const delta = rollupDelta(submitted, { ...submitted, ...c.after });
      expect(delta.stats).toEqual(c.stats.map((s) => ({ ...key, ...zero, ...s })));
      expect(delta.deadlines.map((d) => d.open)).toEqual(c.deadlines ? [-1] : []);
    });

  it('moves a transferred case from its old row to its new one, both for stats and deadlines', () => {
    const moved = { ...submitted, region_code: '320500', deadline: '2025-04-02' };
    const delta = rollupDelta(submitted, moved);
    expect(delta.stats).toEqual([
      { ...key, ...zero, received: -1, open: -1, claimed: -12000050 },
      { ...key, region_code: '320500', ...zero, received: 1, open: 1, claimed: 12000050 },
    ]);
    expect(delta.deadlines.map((d) => [d.region_code, d.deadline, d.open])).toEqual([
      ['320583', '2025-03-24', -1],
      ['320500', '2025-04-02', 1],
    ]);
  });

  it('moves only the deadline row when only the deadline moves', () => {
    const delta = rollupDelta(submitted, { ...submitted, deadline: '2025-03-25' });
    expect(delta.stats).toEqual([]);
    expect(delta.deadlines.map((d) => [d.deadline, d.open])).toEqual([
      ['2025-03-24', -1],
      ['2025-03-25', 1],
    ]);
  });

  it('counts nothing in the deadlines for a paused clock (no stored deadline)', () => {
    expect(rollupDelta(null, { ...submitted, state: 'info_requested', deadline: null }).deadlines).toEqual(
      [],
    );
  });

  it('writes cents as exact yuan, negative too', () => {
    expect([yuanOf(12000050), yuanOf(-5), yuanOf(0), yuanOf(-120)]).toEqual([
      '120000.50',
      '-0.05',
      '0.00',
      '-1.20',
    ]);
  });
});
