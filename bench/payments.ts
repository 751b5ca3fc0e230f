/**
 * Figure of issue 5 (in process): deadline and interest computation ≥ 1,000,000 cases/s. Ours is `assessClaim`
 * (checks, version by signing date, clock start, term caps, a due date on a rest day moved to the next working day,
 * LPR floor, partial payments interest-first); the peer, from the same run on the same cases, is the straightforward
 * way a developer would write the same rules with dayjs (the date library already in the project) doing the date
 * arithmetic and chinese-days deciding working days.
 *
 * Usage: npx tsx bench/payments.ts [--cases 1000000]
 */
import chineseDays from 'chinese-days';
import dayjs from 'dayjs';
import { oneYearLprOn } from '../src/reference/lpr.ts';
import { paymentRegulationOn } from '../src/reference/payment-regulations.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import { assessClaim, type ClaimInput, type DebtorKind } from '../src/server/modules/payments/index.ts';

const args = process.argv.slice(2);
const casesIndex = args.indexOf('--cases');
const CASES = casesIndex >= 0 ? Number(args[casesIndex + 1]) : 1_000_000;
const AS_OF = '2026-06-30';

// Generated claims: signed 2020-09 … 2026-05, a third by each basis, some with agreed terms, rates, disputes and
// one or two partial payments.
const random = prng(21);
const KINDS: DebtorKind[] = ['government', 'public_institution', 'large_enterprise'];
const base = dayjs('2020-09-01');
const span = dayjs('2026-05-01').diff(base, 'day');
const claims: ClaimInput[] = [];
for (let i = 0; i < CASES; i++) {
  const signed = base.add(Math.floor(random() * span), 'day');
  const delivered = signed.add(Math.floor(random() * 30), 'day');
  const basis = (['delivery', 'acceptance', 'settlement'] as const)[i % 3] as ClaimInput['basis'];
  const amount = Math.round(10_000 + random() * 2_000_000);
  const claim: ClaimInput = {
    debtorKind: KINDS[i % 3] as DebtorKind,
    signedOn: signed.format('YYYY-MM-DD'),
    basis,
    deliveredOn: delivered.format('YYYY-MM-DD'),
    amount,
  };
  if (basis === 'acceptance') {
    claim.acceptedOn = delivered.add(Math.floor(random() * 20), 'day').format('YYYY-MM-DD');
    claim.acceptanceDeadline = delivered.add(10, 'day').format('YYYY-MM-DD');
  }
  if (basis === 'settlement')
    claim.settledOn = delivered.add(Math.floor(random() * 15), 'day').format('YYYY-MM-DD');
  if (random() < 0.5) claim.agreedTermDays = Math.floor(random() * 120);
  if (random() < 0.3) claim.agreedAnnualRate = Math.round(random() * 800) / 100;
  if (random() < 0.2) claim.disputed = Math.round(amount * random() * 0.3);
  if (random() < 0.5) {
    const first = delivered.add(20 + Math.floor(random() * 200), 'day');
    const payments = [{ date: first.format('YYYY-MM-DD'), amount: Math.round(amount * 0.3) }];
    if (random() < 0.4)
      payments.push({ date: first.add(30, 'day').format('YYYY-MM-DD'), amount: Math.round(amount * 0.2) });
    claim.payments = payments.filter((p) => p.date <= AS_OF);
  }
  claims.push(claim);
}

/** The peer: the same rules with dayjs date arithmetic. */
function peerAssess(c: ClaimInput, asOf: string) {
  const regulation = paymentRegulationOn(c.signedOn);
  if (!regulation) return null;
  const today = dayjs(asOf);
  let start = dayjs(c.deliveredOn);
  if (c.basis === 'settlement' && c.settledOn) start = dayjs(c.settledOn);
  if (c.basis === 'acceptance') {
    const accepted = c.acceptedOn ? dayjs(c.acceptedOn) : null;
    const deadline = c.acceptanceDeadline ? dayjs(c.acceptanceDeadline) : null;
    start = accepted && (!deadline || !accepted.isAfter(deadline)) ? accepted : (deadline ?? start);
  }
  let term: number | null;
  if (c.debtorKind === 'large_enterprise') term = c.agreedTermDays ?? regulation.largeEnterpriseDefaultDays;
  else term = Math.min(c.agreedTermDays ?? regulation.governmentDefaultDays, regulation.governmentMaxDays);
  let due = term === null ? null : start.add(term, 'day');
  // 《民法典》第二百零三条: a last day on a statutory rest day moves to the next working day.
  while (due && !chineseDays.isWorkday(due.format('YYYY-MM-DD'))) due = due.add(1, 'day');
  let daily = regulation.defaultDailyRate;
  if (c.agreedAnnualRate != null) {
    const lpr = oneYearLprOn(c.signedOn)?.percent ?? 0;
    daily = Math.max(c.agreedAnnualRate, lpr) / 100 / 360;
  }
  let principal = c.amount - (c.disputed ?? 0);
  let unpaid = 0;
  let last = due;
  for (const p of [...(c.payments ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const when = dayjs(p.date);
    let amount = p.amount;
    if (due && last && when.isAfter(due)) {
      unpaid += principal * daily * when.diff(last, 'day');
      last = when;
      const toInterest = Math.min(amount, unpaid);
      unpaid -= toInterest;
      amount -= toInterest;
    }
    principal = Math.max(0, principal - amount);
  }
  if (due && last && today.isAfter(last) && principal > 0)
    unpaid += principal * daily * today.diff(last, 'day');
  return { due: due?.format('YYYY-MM-DD') ?? null, owed: Math.round((principal + unpaid) * 100) / 100 };
}

function time(label: string, fn: () => number): { seconds: number; checksum: number } {
  const started = performance.now();
  const checksum = fn();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(58)} ${seconds.toFixed(2).padStart(7)} s ${Math.round(CASES / seconds)
      .toLocaleString('en')
      .padStart(12)} cases/s`,
  );
  return { seconds, checksum };
}

console.log(`${CASES.toLocaleString('en')} overdue-payment claims assessed on ${AS_OF}, one process\n`);
// Warm-up of both, then the measured runs.
for (let i = 0; i < 20_000; i++) {
  assessClaim(claims[i] as ClaimInput, AS_OF);
  peerAssess(claims[i] as ClaimInput, AS_OF);
}
const peer = time('peer: the same rules with dayjs + chinese-days', () => {
  let sum = 0;
  for (const c of claims) sum += peerAssess(c, AS_OF)?.owed ?? 0;
  return sum;
});
let refused = 0;
const ours = time('huiqi assessClaim (checks, working-day due date, interest)', () => {
  let sum = 0;
  for (const c of claims) {
    const r = assessClaim(c, AS_OF);
    if (r.ok) sum += r.assessment.totalOutstanding;
    else refused++;
  }
  return sum;
});
const rate = CASES / ours.seconds;
console.log(
  `\n${refused} claims refused as bad input by ours (the peer does not check); owed in all: ours ${Math.round(ours.checksum).toLocaleString('en')}, peer ${Math.round(peer.checksum).toLocaleString('en')} yuan`,
);
console.log(
  `Ours ${Math.round(rate).toLocaleString('en')} cases/s (target ≥ 1,000,000), ${(peer.seconds / ours.seconds).toFixed(1)}× the peer`,
);
console.log(rate >= 1_000_000 ? 'TARGET MET' : 'TARGET NOT MET');
