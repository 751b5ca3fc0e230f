/**
 * The registry-wide scoring behind the dashboard's likely candidates, over HTTP (issue 18): a province's official
 * (for their province) or an admin starts it, audited once; while a run over the same enterprises is queued or
 * running a second request is refused saying so; its progress and, once done, when the scores were last computed
 * and by whom are read back; officials below a province and another province's are refused.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { anEnterprise, anOfficial, aUser, signIn } from '../../../../test/helpers/factories.ts';
import { listAudit } from '../audit/index.ts';
import { JOB_KINDS, runDueJobs } from '../jobs/index.ts';
import { cultivationScoringHandler } from './cultivation.scoring.ts';

describe('cultivation dashboard: starting and following the registry-wide scoring', () => {
  let t: TestApp;
  let county: Session;
  let province: Session;
  let elsewhere: Session;
  let admin: Session;
  let provinceUser = '';

  const overview = (session: Session, query = '') =>
    t.request('GET', `/api/cultivation/scoring${query}`, { session });
  const start = (session: Session, body: Record<string, string> = {}) =>
    t.request('POST', '/api/cultivation/scoring', { session, body });
  const queuedEntries = async () =>
    (await listAudit(t.handle.db, { action: 'cultivation.scoring_queued', page: 1, pageSize: 50 })).total;
  const run = () => runDueJobs(t.handle.db, { [JOB_KINDS.cultivationScoring]: cultivationScoringHandler() });

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    await anEnterprise(t.handle.db, { region: '320583' });
    await anEnterprise(t.handle.db, { region: '320583' });
    await anEnterprise(t.handle.db, { region: '330106' });
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    const official = await anOfficial(t.handle.db, { region: '320000' });
    provinceUser = official.username;
    province = await signIn(t, official);
    elsewhere = await signIn(t, await anOfficial(t.handle.db, { region: '330000' }));
    admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
  });
  afterAll(() => t.close());

  it('says the scores were never computed, and who may compute them', async () => {
    const read = await overview(province);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ regionCode: '320000', canStart: true, current: null, last: null });
    expect((await overview(county)).json()).toMatchObject({ canStart: false, current: null, last: null });
  });

  it('refuses a county’s official and another province’s, and audits nothing', async () => {
    const below = await start(county);
    expect(below.statusCode).toBe(403);
    expect(below.json().message).toContain('省级主管部门');
    const other = await start(elsewhere, { regionCode: '320000' });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    expect((await overview(elsewhere, '?regionCode=320000')).statusCode).toBe(403);
    expect(await queuedEntries()).toBe(0);
  });

  it('queues one run for the province, audited once; a second request while it waits says so', async () => {
    const started = await start(province);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().current).toMatchObject({
      regionCode: '320000',
      status: 'queued',
      enterprises: 0,
      expected: 2,
      startedBy: provinceUser,
    });
    const again = await start(province);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('正在进行');
    expect(again.json().message).toContain(provinceUser);
    // A county's official sees the run over their county under way too.
    expect((await overview(county)).json().current).toMatchObject({ id: started.json().current.id });
    expect(await queuedEntries()).toBe(1);
  });

  it('once run, tells when the scores were last computed, and takes another run', async () => {
    expect(await run()).toBe(1);
    const done = (await overview(province)).json();
    expect(done.current).toBeNull();
    expect(done.last).toMatchObject({
      status: 'succeeded',
      enterprises: 2,
      expected: 2,
      startedBy: provinceUser,
    });
    expect(done.last.finishedAt).not.toBeNull();
    // The county's page reads the province's run as its own last computation.
    expect((await overview(county)).json().last).toMatchObject({ id: done.last.id });
    const again = await start(province);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().current.status).toBe('queued');
    expect(again.json().last.id).toBe(done.last.id);
    expect(await queuedEntries()).toBe(2);
    await run();
  });

  it('holds a province’s run while the admin’s national one waits; another province’s run is its own', async () => {
    const national = await start(admin);
    expect(national.statusCode, national.body).toBe(200);
    expect(national.json().current).toMatchObject({ regionCode: null, expected: 3 });
    const held = await start(province);
    expect(held.statusCode).toBe(409);
    expect(held.json().message).toContain('全国');
    await run();
    expect((await start(elsewhere)).statusCode).toBe(200);
    // Claimed by a runner (its dedupe key cleared as a claim does), the run under way still holds another back.
    await sql`update jobs set status = 'running', started_at = now(), heartbeat_at = now(), dedupe_key = null
      where kind = ${JOB_KINDS.cultivationScoring} and status = 'queued'`.execute(t.handle.db);
    const running = await start(elsewhere);
    expect(running.statusCode).toBe(409);
    expect((await overview(elsewhere)).json().current).toMatchObject({
      regionCode: '330000',
      status: 'running',
    });
    await sql`update jobs set status = 'succeeded', finished_at = now()
      where kind = ${JOB_KINDS.cultivationScoring} and status = 'running'`.execute(t.handle.db);
    expect((await start(province)).statusCode).toBe(200);
  });
});
