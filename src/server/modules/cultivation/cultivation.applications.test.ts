/**
 * An application's way over HTTP (issue 18; docs/reference/cultivation.md §6–§7): the enterprise's page scores the
 * worked case of §7.1 live, its facts are checked field by field and saved on the version read, the application
 * goes from the county (returned with its clock stopped, resubmitted, recommended) to the province (approved into
 * public notice) and, once the notice is over, is announced — the registry then holds the recognition for 3 years,
 * until it is revoked. Reviewers act only at their level and in their region.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  aWorkedCaseEnterprise,
  DATA_YEAR,
  WORKED_CASE_FACTS,
} from '../../../../test/helpers/cultivation-factories.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aUser,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { addDays } from '../../../reference/calendar.ts';
import { todayInChina } from '../../../shared/today.ts';
import { cultivationDue } from './cultivation.due.ts';

const TODAY = todayInChina();

describe('cultivation: the enterprise’s page and an application’s way', () => {
  let t: TestApp;
  let e: MadeEnterprise;
  let ent: Session;
  let county: Session;
  let otherCounty: Session;
  let province: Session;
  let appId = 0;
  let version = 0;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    e = await aWorkedCaseEnterprise(t.handle.db);
    ent = await signIn(t, await anEnterpriseUser(t.handle.db, e));
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    otherCounty = await signIn(t, await anOfficial(t.handle.db, { region: '320582' }));
    province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
  });
  afterAll(() => t.close());

  const my = async () => {
    const response = await t.request('GET', '/api/my/cultivation', { session: ent });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const fields = (response: { json: () => unknown }) =>
    ((response.json() as { errors?: { field: string }[] }).errors ?? []).map((x) => x.field);
  const act = (session: Session, action: string, comment?: string, v = version) =>
    t.request('POST', `/api/cultivation/applications/${e.id}/${appId}/actions`, {
      session,
      body: { action, version: v, ...(comment ? { comment } : {}) },
    });

  it('reads the registry’s figures and names the facts the enterprise has not given', async () => {
    const page = await my();
    expect(page.dataYear).toBe(DATA_YEAR);
    expect(page.registryFacts.rdExpense).toBe(400);
    const innovative = page.tiers.find((x: { tier: string }) => x.tier === 'innovative');
    expect(innovative.standard.documentNumber).toContain('63号');
    expect(innovative.assessment.status).toBe('incomplete');
    const missing = innovative.assessment.missing.map((m: { fact: string }) => m.fact);
    expect(missing).toContain('ipClassIHighValue');
    expect(missing).toContain('inStrategicCatalogue');
    expect(page.ownVersion).toBe(0);
  });

  it('refuses facts of the wrong kind or contradicting each other, naming each field, and writes nothing', async () => {
    const wrong = await t.request('PUT', '/api/my/cultivation/facts', {
      session: ent,
      body: { year: DATA_YEAR, version: 0, facts: { bogus: 1, rdInstitution: 'huge', ipClassII: 'two' } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(fields(wrong).sort()).toEqual(['facts.bogus', 'facts.ipClassII', 'facts.rdInstitution']);
    const contradicting = await t.request('PUT', '/api/my/cultivation/facts', {
      session: ent,
      body: { year: DATA_YEAR, version: 0, facts: { ipClassII: -1, nationalMarketShare: 120 } },
    });
    expect(contradicting.statusCode).toBe(400);
    expect(fields(contradicting).sort()).toEqual(['facts.ipClassII', 'facts.nationalMarketShare']);
    expect((await my()).ownVersion).toBe(0);
  });

  it('saves its facts on the version read, and scores §7.1: 30 + 25 + 25 = 80, likely', async () => {
    const facts = WORKED_CASE_FACTS;
    const saved = await t.request('PUT', '/api/my/cultivation/facts', {
      session: ent,
      body: { year: DATA_YEAR, version: 0, facts },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    const stale = await t.request('PUT', '/api/my/cultivation/facts', {
      session: ent,
      body: { year: DATA_YEAR, version: 0, facts },
    });
    expect(stale.statusCode).toBe(409);
    const innovative = (await my()).tiers.find((x: { tier: string }) => x.tier === 'innovative');
    expect(innovative.assessment.total).toBe(80);
    expect(innovative.assessment.dimensions.map((d: { points: number }) => d.points)).toEqual([30, 25, 25]);
    expect(innovative.assessment.status).toBe('likely');
  });

  it('refuses a tier whose prerequisite is not held, then takes the application once', async () => {
    const early = await t.request('POST', '/api/my/cultivation/applications', {
      session: ent,
      body: { tier: 'specialised' },
    });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toContain('tier');
    const applied = await t.request('POST', '/api/my/cultivation/applications', {
      session: ent,
      body: { tier: 'innovative' },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const application = applied.json();
    expect(application).toMatchObject({ stage: 'county_review', score: 80, status: 'likely' });
    expect(application.dueOn > TODAY).toBe(true);
    appId = application.id;
    version = application.version;
    const again = await t.request('POST', '/api/my/cultivation/applications', {
      session: ent,
      body: { tier: 'innovative' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('shows it in the county’s queue, not in another county’s, whose official may not open it', async () => {
    const queue = (await t.request('GET', '/api/cultivation/applications', { session: county })).json();
    expect(queue.items.map((a: { id: number }) => a.id)).toContain(appId);
    // The total from the pipeline's counts agrees with the rows counted (a search counts them).
    const staged = (
      await t.request('GET', '/api/cultivation/applications?stage=county_review&tier=innovative', {
        session: county,
      })
    ).json();
    const searched = (
      await t.request(
        'GET',
        `/api/cultivation/applications?stage=county_review&q=${encodeURIComponent(e.name)}`,
        {
          session: county,
        },
      )
    ).json();
    expect(staged.total).toBe(1);
    expect(searched.total).toBe(1);
    expect(searched.items[0]).toMatchObject({ id: appId, enterpriseName: e.name, uscc: e.uscc });
    const other = (await t.request('GET', '/api/cultivation/applications', { session: otherCounty })).json();
    expect(other.items.map((a: { id: number }) => a.id)).not.toContain(appId);
    const opened = await t.request('GET', `/api/cultivation/applications/${e.id}/${appId}`, {
      session: otherCounty,
    });
    expect(opened.statusCode).toBe(403);
    expect((await act(otherCounty, 'recommend')).statusCode).toBe(403);
  });

  it('lets only the county act at its stage: the province may not recommend or approve for it', async () => {
    expect((await act(province, 'recommend')).statusCode).toBe(403);
    const approve = await act(province, 'approve');
    expect(approve.statusCode).toBe(400);
    expect(fields(approve)).toEqual(['action']);
    const detail = (
      await t.request('GET', `/api/cultivation/applications/${e.id}/${appId}`, { session: county })
    ).json();
    expect(detail.actions.sort()).toEqual(['recommend', 'reject', 'return']);
  });

  it('returns it for corrections with reasons (its clock stops), and the enterprise resubmits it', async () => {
    const bare = await act(county, 'return');
    expect(fields(bare)).toEqual(['comment']);
    const returned = await act(county, 'return', '请补充知识产权证书');
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      stage: 'returned',
      dueOn: null,
      returnComment: '请补充知识产权证书',
    });
    version = returned.json().version;
    const resubmitted = await t.request('POST', `/api/my/cultivation/applications/${appId}/resubmit`, {
      session: ent,
      body: { version },
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json().stage).toBe('county_review');
    expect(resubmitted.json().dueOn > TODAY).toBe(true);
    version = resubmitted.json().version;
  });

  it('goes up to the province, onto public notice, and cannot be announced before the notice ends', async () => {
    const stale = await act(county, 'recommend', undefined, version - 1);
    expect(stale.statusCode).toBe(409);
    const up = await act(county, 'recommend');
    expect(up.json().stage).toBe('province_review');
    version = up.json().version;
    const approved = await act(province, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      stage: 'notice',
      noticeFrom: addDays(TODAY, 1),
      noticeTo: addDays(TODAY, 5),
    });
    version = approved.json().version;
    const early = await act(province, 'announce');
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual(['action']);
  });

  it('shows on the enterprise’s timeline the answer to an objection: dismissed, the reason and when', async () => {
    await sql`update cultivation_applications set notice_from = ${TODAY}::date,
      notice_to = ${addDays(TODAY, 4)}::date where id = ${appId}`.execute(t.handle.db);
    const lodged = await t.request('POST', `/api/public/cultivation/notices/${e.id}/${appId}/objections`, {
      body: { name: '赵六', contact: '13900000000', content: '该企业的发明专利已转让他人。' },
    });
    expect(lodged.statusCode, lodged.body).toBe(200);
    const answered = await t.request('POST', `/api/cultivation/objections/${e.id}/${lodged.json().id}`, {
      session: province,
      body: { state: 'dismissed', answer: '经核实，专利仍在企业名下。' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const detail = (
      await t.request('GET', `/api/my/cultivation/applications/${appId}`, { session: ent })
    ).json();
    const answer = detail.events.find((x: { action: string }) => x.action === 'objection_dismissed');
    expect(answer).toMatchObject({
      actorRole: 'official',
      comment: '经核实，专利仍在企业名下。',
      fromStage: 'notice',
      toStage: 'notice',
      at: answered.json().answeredAt,
    });
    expect(detail.events.map((x: { action: string }) => x.action).slice(-2)).toEqual([
      'objection',
      'objection_dismissed',
    ]);
    // The reviewer reads the same timeline.
    const reviewed = (
      await t.request('GET', `/api/cultivation/applications/${e.id}/${appId}`, { session: province })
    ).json();
    expect(reviewed.events.at(-1)).toMatchObject({ action: 'objection_dismissed' });
  });

  it('once the notice is over, is announced: the registry holds the recognition for 3 years', async () => {
    await sql`update cultivation_applications set notice_from = ${addDays(TODAY, -6)}::date,
      notice_to = ${addDays(TODAY, -1)}::date where id = ${appId}`.execute(t.handle.db);
    const announced = await act(province, 'announce');
    expect(announced.statusCode, announced.body).toBe(200);
    const validTo = `${Number(TODAY.slice(0, 4)) + 3}${TODAY.slice(4)}`;
    expect(announced.json()).toMatchObject({
      stage: 'recognised',
      validFrom: TODAY,
      validTo: addDays(validTo, -1),
    });
    version = announced.json().version;
    const innovative = (await my()).tiers.find((x: { tier: string }) => x.tier === 'innovative');
    expect(innovative.heldUntil).toBe(addDays(validTo, -1));
    // The registry's record names the standard by its document, not by Huiqi's id of it.
    const registry = (await t.request('GET', `/api/enterprises/${e.id}`, { session: province })).json();
    const note = registry.certifications.find((c: { name: string }) => c.name === '创新型中小企业').note;
    expect(note).toContain('工信部企业〔2022〕63号《优质中小企业梯度培育管理暂行办法》');
    expect(note).not.toContain('2022-innovative');
  });

  it('reminds the enterprise once when its recognition ends within 90 days', async () => {
    expect((await cultivationDue(t.handle.db, TODAY)).reminded).toBe(0);
    await sql`update cultivation_applications set valid_to = ${addDays(TODAY, 30)}::date where id = ${appId}`.execute(
      t.handle.db,
    );
    expect((await cultivationDue(t.handle.db, TODAY)).reminded).toBe(1);
    expect((await cultivationDue(t.handle.db, addDays(TODAY, 1))).reminded).toBe(0);
    const inbox = JSON.stringify((await t.request('GET', '/api/my/notifications', { session: ent })).json());
    expect(inbox).toContain(`将于 ${addDays(TODAY, 30)} 到期`);
  });

  it('is revoked with reasons by the province, and the registry no longer holds it', async () => {
    expect(fields(await act(province, 'revoke'))).toEqual(['comment']);
    const revoked = await act(province, 'revoke', '发现申报材料弄虚作假');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ stage: 'revoked', revokedReason: '发现申报材料弄虚作假' });
    const innovative = (await my()).tiers.find((x: { tier: string }) => x.tier === 'innovative');
    expect(innovative.heldUntil).toBeNull();
    const detail = (
      await t.request('GET', `/api/my/cultivation/applications/${appId}`, { session: ent })
    ).json();
    expect(detail.events.map((x: { action: string }) => x.action)).toEqual([
      'submitted',
      'return',
      'resubmitted',
      'recommend',
      'approve',
      'objection',
      'objection_dismissed',
      'announce',
      'revoke',
    ]);
  });

  it('keeps another enterprise’s application out of reach of this enterprise', async () => {
    const stranger = await signIn(
      t,
      await anEnterpriseUser(t.handle.db, await anEnterprise(t.handle.db, { region: '320583' })),
    );
    const response = await t.request('GET', `/api/my/cultivation/applications/${appId}`, {
      session: stranger,
    });
    expect(response.statusCode).toBe(404);
    const admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
    const all = (await t.request('GET', '/api/cultivation/applications', { session: admin })).json();
    expect(all.items.map((a: { id: number }) => a.id)).toContain(appId);
  });

  it('refuses an action its stage does not offer in words, naming the stage and the action, never their codes', async () => {
    const detail = (
      await t.request('GET', `/api/cultivation/applications/${e.id}/${appId}`, { session: province })
    ).json();
    const refused = await act(province, 'announce', undefined, detail.version);
    expect(refused.statusCode).toBe(400);
    const message = (refused.json() as { errors: { message: string }[] }).errors[0]?.message ?? '';
    expect(message).toContain('已撤销');
    expect(message).toContain('公示期满，公告认定');
    expect(message).not.toMatch(/revoked|announce/);
  });
});
