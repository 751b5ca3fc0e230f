/** The demo as a visitor meets it: each demo account finds something to do (the payer a complaint to answer). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { todayInChina } from '../../../shared/today.ts';
import { queueDailyFinancing } from '../financing/index.ts';

describe('the demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives the payer the county-accepted complaint against its body to answer', async () => {
    const payer = await t.login('payer');
    const claims = (await t.request('GET', '/api/payer/claims', { session: payer })).json();
    expect(claims).toMatchObject({ total: 1, open: 1 });
    expect(claims.items[0]).toMatchObject({
      state: 'accepted',
      contractNumber: 'KS-CG-2025-0418',
      allowedActions: ['acknowledge', 'dispute', 'pay'],
    });
  });

  it('gives the financing desk and the banks something to do: demands in every state, one escalated, one late', async () => {
    // The daily run a server queues at start escalates the demand nobody picked up in time.
    await queueDailyFinancing(t.handle.db, todayInChina());
    await t.runJobs();
    const enterprise = await t.login('enterprise');
    const mine = (
      await t.request('GET', '/api/my/financing/demands?pageSize=50', { session: enterprise })
    ).json();
    const states = new Set(mine.items.map((d: { state: string }) => d.state));
    expect([...states].sort()).toEqual(['granted', 'in_progress', 'open', 'withdrawn']);
    expect(mine.items.some((d: { referred: boolean }) => d.referred)).toBe(true);
    const official = await t.login('official.county');
    const desk = (await t.request('GET', '/api/financing/desk', { session: official })).json();
    expect(desk.counts).toMatchObject({ escalated: 1, late: 1 });
    // The escalated demand was posted ten days back: the dashboard counts it in that month, as its timeline dates it.
    const escalated = mine.items.find((d: { escalatedAt: string | null }) => d.escalatedAt !== null);
    const postedMonth = (escalated.postedOn as string).slice(0, 7);
    const dashboard = (
      await t.request('GET', `/api/financing/dashboard?from=${postedMonth}&to=${postedMonth}`, {
        session: official,
      })
    ).json();
    expect(dashboard.totals.demands).toBeGreaterThanOrEqual(1);
    const detail = (
      await t.request('GET', `/api/my/financing/demands/${escalated.id}`, { session: enterprise })
    ).json();
    const postedAt = detail.timeline.find((e: { kind: string }) => e.kind === 'posted').at;
    // The day in China (the server's dates are China's).
    expect(new Date(postedAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })).toBe(
      escalated.postedOn,
    );
    const payer = await t.login('payer');
    const owed = (await t.request('GET', '/api/payer/receivables', { session: payer })).json();
    expect(owed.items.map((r: { state: string }) => r.state).sort()).toEqual(['financed', 'requested']);
    const list = (await t.request('GET', '/api/financing/recommendations', { session: official })).json();
    expect(list.counts).toMatchObject({ listed: 3, pushed: 3, contacted: 1, granted: 1 });
    for (const username of ['bank', 'bank.city', 'bank.province']) {
      const bank = await t.login(username);
      const products = (await t.request('GET', '/api/bank/financing/products', { session: bank })).json();
      expect(products.total).toBe(2);
      const board = (
        await t.request('GET', '/api/bank/financing/demands?view=mine', { session: bank })
      ).json();
      expect(board.items.length).toBeGreaterThan(0);
    }
  });

  it('gives the monitoring statistician a survey with a drawn panel, six published months and an open wave the enterprise is asked to answer', async () => {
    const official = await t.login('official.city');
    const surveys = (await t.request('GET', '/api/monitoring/surveys', { session: official })).json();
    expect(surveys.total).toBe(1);
    const survey = surveys.items[0];
    expect(survey.panelActive).toBeGreaterThan(0);
    expect(survey.waves).toBe(7);
    const waves = (
      await t.request('GET', `/api/monitoring/surveys/${survey.id}/waves`, { session: official })
    ).json();
    const open = waves.items.find((w: { state: string }) => w.state === 'open');
    // Eight members submitted; their flags are the module's checks' (monitoring.demo.test.ts): straight-lining, a
    // jump, a required answer left out.
    expect(open.counts.submitted).toBe(8);
    expect(open.counts.openFlags).toBeGreaterThanOrEqual(3);
    const enterprise = await t.login('enterprise');
    const mine = (await t.request('GET', '/api/my/surveys', { session: enterprise })).json();
    expect(
      mine.items.map((m: { state: string; waveState: string }) => [m.waveState, m.state]),
    ).toContainEqual(['open', 'pending']);
    const inbox = JSON.stringify(
      (await t.request('GET', '/api/my/notifications', { session: enterprise })).json(),
    );
    expect(inbox).toContain(`/app/my/surveys/${open.id}`);
    const published = (await t.request('GET', `/api/public/monitoring/surveys/${survey.id}`)).json();
    expect(published.points).toHaveLength(6);
    expect(published.points.every((p: { value: string | null }) => p.value !== null)).toBe(true);
    // Its questions are worded for the public; the disclosure minimum is told.
    expect(published.questions.length).toBeGreaterThan(0);
    expect(published.disclosureMin).toBe(5);
    // A picked group's latest figures are that group's.
    const industry = published.groups?.industries?.[0];
    if (industry) {
      const picked = (
        await t.request('GET', `/api/public/monitoring/surveys/${survey.id}?industry=${industry}`)
      ).json();
      expect(picked.latest.figures.every((f: { industry: string }) => f.industry === industry)).toBe(true);
    }
    // The public is told the weights are the unverified defaults.
    expect(published.latest.weights).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'sub_index', verified: false })]),
    );
    // The PMI opens to its five components' diffusion indices; the delivery component counts "times fell".
    const release = published.latest.releaseId;
    const pmi = (
      await t.request('GET', `/api/public/monitoring/releases/${release}/trace?measure=pmi`)
    ).json();
    // In the formula's order.
    expect(pmi.components.map((c: { measure: string }) => c.measure)).toEqual([
      'pmi:new_orders',
      'pmi:output',
      'pmi:employment',
      'pmi:supplier_delivery',
      'pmi:raw_material_inventory',
    ]);
    // The public sees the component and its method, not its answers by level (docs/reference/monitoring.md §12);
    // the statistician sees the weighted counts it is made of.
    const publicDelivery = (
      await t.request('GET', `/api/public/monitoring/releases/${release}/trace?measure=pmi:supplier_delivery`)
    ).json();
    expect(publicDelivery).toMatchObject({ counts: null, shares: null, answers: null });
    const { runId } = (await t.request('GET', `/api/public/monitoring/releases/${release}`)).json();
    const delivery = (
      await t.request('GET', `/api/monitoring/runs/${runId}/trace?measure=pmi:supplier_delivery`, {
        session: official,
      })
    ).json();
    expect(publicDelivery.figure.value).toBe(
      delivery.figure.withheld === null ? delivery.figure.shown : null,
    );
    const { up, same, down } = delivery.counts;
    const total = Number(up) + Number(same) + Number(down);
    expect(Number(delivery.figure.value)).toBeCloseTo(((Number(down) + Number(same) / 2) / total) * 100, 4);
    expect(delivery.method).toContain('100 −');
    // The frame says what it leaves out of the registry, and why.
    const makeup = (
      await t.request('GET', `/api/monitoring/surveys/${survey.id}/panel/makeup`, { session: official })
    ).json();
    expect(makeup.outside.length).toBeGreaterThan(0);
    for (const o of makeup.outside) expect(o.enterprises).toBeGreaterThan(0);
    const registry = (await t.request('GET', '/api/public/monitoring/registry?region=320500')).json();
    expect(registry.points).toHaveLength(1);
    expect(Number(registry.points[0].value)).toBeGreaterThan(0);
  });

  it('gives the demo buyer a body with this year’s plan and awards, and the county its shares', async () => {
    const buyer = await t.login('buyer');
    const home = (await t.request('GET', '/api/home', { session: buyer })).json();
    expect(home.buyingBody).toMatchObject({ name: '（演示）昆山市某局', projects: 5 });
    const thisYear = Number(home.buyingBody.year);
    const plan = (
      await t.request('GET', `/api/procurement/projects?year=${thisYear}`, { session: buyer })
    ).json();
    expect(plan.total).toBe(5);
    const modes = plan.items.map((p: { requirement: { mode: string } }) => p.requirement.mode).sort();
    expect(modes).toEqual(['price_preference', 'share', 'share', 'whole', 'whole']);
    const short = (
      await t.request('GET', `/api/procurement/projects?short=true&year=${thisYear}`, { session: buyer })
    ).json();
    expect(short.total).toBe(1);
    const awards = (
      await t.request('GET', `/api/procurement/awards?year=${thisYear}`, { session: buyer })
    ).json();
    expect(awards.total).toBe(3);
    const flagged = (
      await t.request('GET', '/api/procurement/awards?flagged=true', { session: buyer })
    ).json();
    expect(flagged.items.map((a: { flags: string[] }) => a.flags)).toEqual([['size_differs']]);
    const county = await t.login('official.county');
    const year = Number(home.buyingBody.year);
    const shares = (
      await t.request('GET', `/api/procurement/shares?year=${year}`, { session: county })
    ).json();
    expect(shares.bodies.total).toBe(1);
    expect(shares.total.contracts).toBe(3);
    // Last year's annual report is published, from last year's awards.
    const reports = (await t.request('GET', `/api/public/procurement/reports?year=${thisYear - 1}`)).json();
    expect(reports.items).toHaveLength(1);
    expect(reports.items[0]).toMatchObject({ bodyName: '（演示）昆山市某局', reportVersion: 1 });
    const report = (await t.request('GET', `/api/public/procurement/reports/${reports.items[0].id}`)).json();
    const last = (
      await t.request('GET', `/api/procurement/shares?year=${thisYear - 1}`, { session: county })
    ).json();
    expect(report.figures.total).toMatchObject({
      contracts: last.total.contracts,
      awarded: last.total.awarded,
      awardedSme: last.total.awardedSme,
    });
    expect(last.total.contracts).toBeGreaterThan(0);
    expect(report.figures.notSuited.map((p: { name: string }) => p.name)).toEqual(['档案馆改造工程']);
  });
  it('gives cultivation a way to follow: the county’s queue (one overdue), a notice open to objections, a recognition, and the enterprise’s own page scored', async () => {
    const county = await t.login('official.county');
    const queue = (
      await t.request('GET', '/api/cultivation/applications?stage=county_review&pageSize=50', {
        session: county,
      })
    ).json();
    expect(queue.total).toBeGreaterThanOrEqual(4);
    expect(queue.items.filter((a: { overdue: boolean }) => a.overdue)).toHaveLength(1);
    const province = await t.login('official.province');
    const withProvince = (
      await t.request('GET', '/api/cultivation/applications?stage=province_review', { session: province })
    ).json();
    expect(withProvince.total).toBe(2);
    const recognised = (
      await t.request('GET', '/api/cultivation/applications?stage=recognised', { session: province })
    ).json();
    expect(recognised.items).toHaveLength(1);
    expect(recognised.items[0].validTo > todayInChina()).toBe(true);
    const notices = (await t.request('GET', '/api/public/cultivation/notices')).json();
    expect(notices.items.filter((n: { open: boolean }) => n.open)).toHaveLength(1);
    // One notice ended without objection: the province may announce it.
    const onNotice = (
      await t.request('GET', '/api/cultivation/applications?stage=notice', { session: province })
    ).json();
    expect(onNotice.total).toBe(2);
    // The recognised enterprise has reported a new name, for the province to decide.
    const changes = (
      await t.request('GET', '/api/cultivation/changes?state=reported', { session: province })
    ).json();
    expect(changes.items).toHaveLength(1);
    expect(changes.items[0]).toMatchObject({ kind: 'rename', state: 'reported' });
    const settings = (await t.request('GET', '/api/cultivation/settings', { session: province })).json();
    expect(settings.tiers[1].indicators).toHaveLength(2);
    const enterprise = await t.login('enterprise');
    const page = (await t.request('GET', '/api/my/cultivation', { session: enterprise })).json();
    expect(page.ownVersion).toBe(1);
    expect(page.applications).toEqual([]);
    expect(page.tiers.every((x: { assessment: unknown }) => x.assessment !== null)).toBe(true);
  });
});
