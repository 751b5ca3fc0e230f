/**
 * Keeping a recognition over HTTP and in the daily run (issue 18; docs/reference/cultivation.md §6.1, §9): a
 * recognised enterprise reports a material change, which its province accepts; a change found in the registry is due
 * 3 months after it was found, told once, and flags the recognition when not reported by then; accepting clears the
 * flag; the decision is the recognising province's; an enterprise without a recognition is told why it cannot
 * report; a run stopped part-way writes nothing and a second run of the day changes nothing; an expired recognition
 * reads 已到期 and its registry certification ends; the annual data update is shown and reminded once a year.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { applyInnovative, aWorkedCaseEnterprise } from '../../../../test/helpers/cultivation-factories.ts';
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
import { writeEnterpriseBatch } from '../registry/index.ts';
import { addMonths, reportDueOn } from './cultivation.changes.rules.ts';
import { cultivationDue } from './cultivation.due.ts';

const TODAY = todayInChina();

describe('cultivation: keeping a recognition', () => {
  let t: TestApp;
  let province: Session;
  let county: Session;
  let otherProvince: Session;
  let admin: Session;

  /** A §7.1 enterprise of a county recognised as an innovative SME today, its user signed in. */
  async function aRecognition(region = '320583') {
    const e = await aWorkedCaseEnterprise(t.handle.db, region);
    const session = await signIn(t, await anEnterpriseUser(t.handle.db, e));
    const applied = await applyInnovative(t, session);
    const act = async (who: Session, action: string, version: number) => {
      const r = await t.request('POST', `/api/cultivation/applications/${e.id}/${applied.id}/actions`, {
        session: who,
        body: { action, version },
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { version: number; validTo: string };
    };
    const recommended = await act(county, 'recommend', applied.version);
    const approved = await act(province, 'approve', recommended.version);
    await sql`update cultivation_applications set notice_from = ${addDays(TODAY, -6)}::date,
      notice_to = ${addDays(TODAY, -1)}::date where id = ${applied.id}`.execute(t.handle.db);
    const announced = await act(province, 'announce', approved.version);
    return { e, session, applicationId: applied.id, validTo: announced.validTo };
  }

  /** The registry's record of the enterprise written again with another name or region. */
  async function registryChange(e: MadeEnterprise, change: { name?: string; regionCode?: string }) {
    await writeEnterpriseBatch(
      t.handle.db,
      [
        {
          uscc: e.uscc,
          name: change.name ?? e.name,
          formerNames: [],
          legalRepresentative: '张三',
          regionCode: change.regionCode ?? e.regionCode,
          industryCode: 'C34',
          establishedOn: '2015-06-01',
          status: 'active',
          ownershipType: '私营',
          certifications: [],
          figures: null,
        },
      ],
      'test',
    );
  }

  const my = async (session: Session) => {
    const r = await t.request('GET', '/api/my/cultivation/changes', { session });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const changesOf = async (session: Session, query = '') => {
    const r = await t.request('GET', `/api/cultivation/changes${query}`, { session });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const notices = async (enterpriseId: number, like: string) => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from notifications
      where enterprise_id = ${enterpriseId} and kind = 'cultivation' and title_zh like ${like}`.execute(
      t.handle.db,
    );
    return rows[0]?.n ?? 0;
  };
  const audits = async (action: string, targetId: number) => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log
      where action = ${action} and target_id = ${String(targetId)}`.execute(t.handle.db);
    return rows[0]?.n ?? 0;
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    otherProvince = await signIn(t, await anOfficial(t.handle.db, { region: '110000' }));
    admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
  });
  afterAll(() => t.close());

  it('counts 3 months to the same day, or the month’s last day when it has none', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(reportDueOn(null, '2026-12-07')).toBe('2027-03-07');
    expect(reportDueOn('2026-09-01', '2026-12-07')).toBe('2026-12-01');
  });

  it('refuses a report from an enterprise without a recognition, saying why on the field', async () => {
    const e = await anEnterprise(t.handle.db);
    const session = await signIn(t, await anEnterpriseUser(t.handle.db, e));
    const r = await t.request('POST', '/api/my/cultivation/changes', {
      session,
      body: {
        kind: 'rename',
        changedOn: TODAY,
        newName: '新名称有限公司',
        description: '股东会决议变更名称',
      },
    });
    expect(r.statusCode).toBe(400);
    const error = r.json();
    expect(error.errors[0].field).toBe('kind');
    expect(error.errors[0].message).toContain('没有有效的梯度培育认定');
    expect((await my(session)).recognitions).toEqual([]);
    const english = await t.request('POST', '/api/my/cultivation/changes', {
      session,
      headers: { 'accept-language': 'en' },
      body: {
        kind: 'rename',
        changedOn: TODAY,
        newName: '新名称有限公司',
        description: '股东会决议变更名称',
      },
    });
    expect(english.json().errors[0].message).toContain('holds no recognition in force');
  });

  it('takes a rename reported by a recognised enterprise, its fields checked, and its province accepts it', async () => {
    const { e, session, applicationId } = await aRecognition();
    const page = await my(session);
    expect(page.recognitions).toHaveLength(1);
    expect(page.recognitions[0]).toMatchObject({ applicationId, state: 'valid', flaggedOn: null });
    // Bad fields, each named.
    const bad = await t.request('POST', '/api/my/cultivation/changes', {
      session,
      body: { kind: 'rename', changedOn: addDays(TODAY, 2), newName: e.name, description: '改' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((x: { field: string }) => x.field)
        .sort(),
    ).toEqual(['changedOn', 'description', 'newName']);
    const reported = await t.request('POST', '/api/my/cultivation/changes', {
      session,
      body: {
        kind: 'rename',
        changedOn: TODAY,
        newName: '苏州新名称科技有限公司',
        description: '经股东会决议更名',
      },
    });
    expect(reported.statusCode, reported.body).toBe(200);
    const change = reported.json().items[0];
    expect(change).toMatchObject({
      state: 'reported',
      kind: 'rename',
      oldName: e.name,
      newName: '苏州新名称科技有限公司',
      dueOn: addMonths(TODAY, 3),
      detected: false,
    });
    expect(await audits('cultivation.change_reported', change.id)).toBe(1);
    // The same kind again while it waits: refused.
    const again = await t.request('POST', '/api/my/cultivation/changes', {
      session,
      body: {
        kind: 'rename',
        changedOn: TODAY,
        newName: '苏州又一名称有限公司',
        description: '再次更名说明',
      },
    });
    expect(again.statusCode).toBe(409);

    const listed = await changesOf(province, '?state=reported&kind=rename');
    const row = listed.items.find((x: { id: number }) => x.id === change.id);
    expect(row.actions).toEqual(['accept', 'revoke']);
    const accepted = await t.request('POST', `/api/cultivation/changes/${e.id}/${change.id}/accept`, {
      session: province,
      body: { version: row.version, comment: '名称变更已核实' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      state: 'accepted',
      decisionComment: '名称变更已核实',
      actions: [],
    });
    expect(await audits('cultivation.change_accepted', change.id)).toBe(1);
    expect((await my(session)).changes[0].state).toBe('accepted');
    // The new name is the record now: the registry renamed so does not open a change.
    await registryChange(e, { name: '苏州新名称科技有限公司' });
    expect((await cultivationDue(t.handle.db, TODAY)).detected).toBe(0);
  });

  it('refuses the decision to an official of another province (not found) and to a county (the province decides)', async () => {
    const { e, session } = await aRecognition();
    const reported = await t.request('POST', '/api/my/cultivation/changes', {
      session,
      body: {
        kind: 'merger',
        changedOn: TODAY,
        party: '苏州合并方有限公司',
        description: '吸收合并苏州合并方有限公司',
      },
    });
    expect(reported.statusCode, reported.body).toBe(200);
    const change = reported.json().items[0];
    expect((await changesOf(otherProvince)).items.map((x: { id: number }) => x.id)).not.toContain(change.id);
    const foreign = await t.request('POST', `/api/cultivation/changes/${e.id}/${change.id}/accept`, {
      session: otherProvince,
      body: { version: change.version },
    });
    expect(foreign.statusCode).toBe(404);
    const byCounty = await t.request('POST', `/api/cultivation/changes/${e.id}/${change.id}/accept`, {
      session: county,
      body: { version: change.version },
    });
    expect(byCounty.statusCode).toBe(403);
    expect(byCounty.json().message).toContain('省级主管部门');
    // The county sees it, without actions.
    const seen = (await changesOf(county)).items.find((x: { id: number }) => x.id === change.id);
    expect(seen.actions).toEqual([]);
    // The province's list as CSV, in the reader's language.
    const csv = await t.request('GET', '/api/cultivation/changes/export?format=csv&kind=merger&lang=zh', {
      session: province,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('变更类型');
    expect(csv.body).toContain(e.name);
    expect(csv.body).toContain('苏州合并方有限公司');
    expect(csv.body).toContain('已报告待处理');
    const foreignCsv = await t.request('GET', '/api/cultivation/changes/export?format=csv', {
      session: otherProvince,
    });
    expect(foreignCsv.body).not.toContain(e.name);
  });

  it('finds a rename in the registry, due 3 months after it was found, tells the enterprise once, flags it after the due day, and accepting the late report clears the flag', async () => {
    const { e, session, applicationId } = await aRecognition();
    await cultivationDue(t.handle.db, TODAY);
    await registryChange(e, { name: `${e.name}（更名）` });
    const first = await cultivationDue(t.handle.db, TODAY);
    expect(first.detected).toBe(1);
    const open = (await my(session)).changes[0];
    expect(open).toMatchObject({
      state: 'open',
      detected: true,
      foundOn: TODAY,
      dueOn: addMonths(TODAY, 3),
      newName: `${e.name}（更名）`,
    });
    expect(await notices(e.id, '企业库显示%')).toBe(1);
    // The next days: nothing new, no second notice.
    expect((await cultivationDue(t.handle.db, addDays(TODAY, 1))).detected).toBe(0);
    expect(await notices(e.id, '企业库显示%')).toBe(1);
    // The due day itself is still in time; the day after flags.
    expect((await cultivationDue(t.handle.db, open.dueOn)).flagged).toBe(0);
    const after = addDays(open.dueOn, 1);
    expect((await cultivationDue(t.handle.db, after)).flagged).toBe(1);
    expect((await cultivationDue(t.handle.db, after)).flagged).toBe(0);
    const flagged = (await my(session)).recognitions[0];
    expect(flagged).toMatchObject({ state: 'flagged', flaggedOn: after });
    expect(flagged.flagReason.zh).toContain(`未在 ${open.dueOn} 前报告`);
    expect(await notices(e.id, '%已被标记%')).toBe(1);
    expect(await audits('cultivation.recognition_flagged', applicationId)).toBe(1);
    const listed = await t.request('GET', '/api/cultivation/recognitions?state=flagged', {
      session: province,
    });
    expect(listed.json().items.map((r: { applicationId: number }) => r.applicationId)).toContain(
      applicationId,
    );

    // Reported late: it fills the open change; the flag stands until the province accepts.
    const reported = await t.request('POST', '/api/my/cultivation/changes', {
      session,
      body: {
        kind: 'rename',
        changedOn: TODAY,
        newName: `${e.name}（更名）`,
        description: '更名后未及时报告',
      },
    });
    expect(reported.statusCode, reported.body).toBe(200);
    const change = reported.json().items[0];
    expect(change).toMatchObject({ id: open.id, state: 'reported', flaggedOn: after });
    expect((await my(session)).recognitions[0].state).toBe('flagged');
    const accepted = await t.request('POST', `/api/cultivation/changes/${e.id}/${change.id}/accept`, {
      session: province,
      body: { version: change.version },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await my(session)).recognitions[0]).toMatchObject({
      state: 'valid',
      flaggedOn: null,
      flagReason: null,
    });
  });

  it('keeps the flag while another change of the recognition stands overdue, and clears it with the last', async () => {
    const { e, session } = await aRecognition();
    await cultivationDue(t.handle.db, TODAY);
    await registryChange(e, { name: `${e.name}（两项）`, regionCode: '110105' });
    expect((await cultivationDue(t.handle.db, TODAY)).detected).toBe(2);
    const late = addDays(addMonths(TODAY, 3), 1);
    expect((await cultivationDue(t.handle.db, late)).flagged).toBe(2);
    // One notice of the flag for the enterprise, however many changes flagged it.
    expect(await notices(e.id, '%已被标记%')).toBe(1);
    const report = async (body: Record<string, unknown>) => {
      const r = await t.request('POST', '/api/my/cultivation/changes', { session, body });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().items[0];
    };
    const renamed = await report({
      kind: 'rename',
      changedOn: TODAY,
      newName: `${e.name}（两项）`,
      description: '更名未及时报告',
    });
    const moved = await report({
      kind: 'relocation',
      changedOn: TODAY,
      newRegionCode: '110105',
      description: '迁往北京市朝阳区',
    });
    const accept = (change: { id: number; version: number }) =>
      t.request('POST', `/api/cultivation/changes/${e.id}/${change.id}/accept`, {
        session: province,
        body: { version: change.version },
      });
    expect((await accept(renamed)).statusCode).toBe(200);
    expect((await my(session)).recognitions[0].state).toBe('flagged');
    expect((await accept(moved)).statusCode).toBe(200);
    expect((await my(session)).recognitions[0].state).toBe('valid');
  });

  it('a run stopped part-way writes nothing; run again twice, the second changes nothing', async () => {
    const { e, session } = await aRecognition();
    // Recorded when it was announced: the run has nothing to record.
    expect((await cultivationDue(t.handle.db, TODAY)).recorded).toBe(0);
    await registryChange(e, { name: `${e.name}（新）` });
    let steps = 0;
    const killing = {
      throwIfAborted() {
        steps += 1;
        // After the expiry reminders, the recording of the recognitions and the detection, before it commits.
        if (steps === 3) throw new Error('the process was killed');
      },
    } as unknown as AbortSignal;
    await expect(cultivationDue(t.handle.db, TODAY, killing)).rejects.toThrow('killed');
    const untouched = await my(session);
    expect(untouched.changes).toEqual([]);
    expect(await notices(e.id, '企业库显示%')).toBe(0);

    const first = await cultivationDue(t.handle.db, TODAY);
    expect(first.detected).toBe(1);
    const second = await cultivationDue(t.handle.db, TODAY);
    expect(second).toMatchObject({ recorded: 0, detected: 0, flagged: 0, expired: 0, updateReminded: 0 });
    expect((await my(session)).changes).toHaveLength(1);
    expect(await notices(e.id, '企业库显示%')).toBe(1);
  });

  it('finds a move to another province: the new province sees it, the recognising province decides', async () => {
    const { e } = await aRecognition();
    await cultivationDue(t.handle.db, TODAY);
    await registryChange(e, { regionCode: '110105' });
    expect((await cultivationDue(t.handle.db, TODAY)).detected).toBe(1);
    const moved = (await changesOf(otherProvince, '?kind=relocation')).items.find(
      (x: { enterpriseId: number }) => x.enterpriseId === e.id,
    );
    expect(moved).toMatchObject({
      state: 'open',
      newRegionCode: '110105',
      oldRegionCode: '320583',
      actions: [],
    });
    const home = (await changesOf(province, '?kind=relocation')).items.find(
      (x: { enterpriseId: number }) => x.enterpriseId === e.id,
    );
    // Not reported yet: only revoking is open to the recognising province.
    expect(home.actions).toEqual(['revoke']);
    const noReason = await t.request('POST', `/api/cultivation/changes/${e.id}/${home.id}/revoke`, {
      session: province,
      body: { version: home.version },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('comment');
    const revoked = await t.request('POST', `/api/cultivation/changes/${e.id}/${home.id}/revoke`, {
      session: province,
      body: { version: home.version, comment: '企业已迁出本省，不再符合本省认定' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked', actions: [] });
    const application = await t.request(
      'GET',
      `/api/cultivation/applications/${e.id}/${home.applicationId}`,
      { session: province },
    );
    expect(application.json()).toMatchObject({ stage: 'revoked' });
    expect(application.json().revokedReason).toContain('迁往外省');
  });

  it('records what a recognition is kept against when it is announced: a rename before the day’s run is found', async () => {
    const { e } = await aRecognition();
    // No daily run between the announcement and the rename.
    await registryChange(e, { name: `${e.name}（当日更名）` });
    expect((await cultivationDue(t.handle.db, TODAY)).detected).toBe(1);
  });

  it('revokes over a change in one transaction: when closing the change fails, the recognition stands', async () => {
    const { e } = await aRecognition();
    await cultivationDue(t.handle.db, TODAY);
    await registryChange(e, { regionCode: '110105' });
    await cultivationDue(t.handle.db, TODAY);
    const home = (await changesOf(province, '?kind=relocation')).items.find(
      (x: { enterpriseId: number }) => x.enterpriseId === e.id,
    );
    // The change's write fails (as a lost connection would, after the application's revocation was written).
    await sql`create function refuse_revoked_change() returns trigger language plpgsql as $$
      begin raise exception 'closing the change failed'; end $$`.execute(t.handle.db);
    await sql`create trigger refuse_revoked_change before update on cultivation_changes
      for each row when (new.state = 'revoked') execute function refuse_revoked_change()`.execute(
      t.handle.db,
    );
    try {
      const failed = await t.request('POST', `/api/cultivation/changes/${e.id}/${home.id}/revoke`, {
        session: province,
        body: { version: home.version, comment: '企业已迁出本省' },
      });
      expect(failed.statusCode).toBe(500);
    } finally {
      await sql`drop trigger refuse_revoked_change on cultivation_changes`.execute(t.handle.db);
      await sql`drop function refuse_revoked_change()`.execute(t.handle.db);
    }
    const application = await t.request(
      'GET',
      `/api/cultivation/applications/${e.id}/${home.applicationId}`,
      { session: province },
    );
    expect(application.json()).toMatchObject({ stage: 'recognised' });
    const again = (await changesOf(province, '?kind=relocation')).items.find(
      (x: { id: number }) => x.id === home.id,
    );
    expect(again).toMatchObject({ state: 'open', version: home.version });
    // Tried again, it goes through.
    const revoked = await t.request('POST', `/api/cultivation/changes/${e.id}/${home.id}/revoke`, {
      session: province,
      body: { version: home.version, comment: '企业已迁出本省' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
  });

  it('an expired recognition reads 已到期 (expired) and its registry certification ends the day after its last', async () => {
    const { e, session, applicationId } = await aRecognition();
    const lastDay = addDays(TODAY, -1);
    await sql`update cultivation_applications set valid_from = ${addDays(TODAY, -1096)}::date,
      valid_to = ${lastDay}::date where id = ${applicationId}`.execute(t.handle.db);
    expect((await my(session)).recognitions[0].state).toBe('expired');
    const run = await cultivationDue(t.handle.db, TODAY);
    expect(run.expired).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ ended_on: string }>`select to_char(ended_on, 'YYYY-MM-DD') as ended_on
      from enterprise_certifications where enterprise_id = ${e.id}`.execute(t.handle.db);
    expect(rows.map((r) => r.ended_on)).toEqual([TODAY]);
    expect(await audits('cultivation.recognition_expired', applicationId)).toBe(1);
    expect((await cultivationDue(t.handle.db, TODAY)).expired).toBe(0);
    const listed = await t.request('GET', '/api/cultivation/recognitions?state=expired', {
      session: province,
    });
    expect(listed.json().items.map((r: { applicationId: number }) => r.applicationId)).toContain(
      applicationId,
    );
    // Nothing to report under an expired recognition.
    const r = await t.request('POST', '/api/my/cultivation/changes', {
      session,
      body: { kind: 'merger', changedOn: TODAY, party: '某某公司', description: '合并说明文字' },
    });
    expect(r.statusCode).toBe(400);
  });

  it('shows this year’s data update, lists those lacking it, and reminds them once a year from the province’s day', async () => {
    const { e, session, applicationId } = await aRecognition();
    expect((await my(session)).update).toMatchObject({
      done: true,
      remindOn: '06-30',
      remindOnIsDefault: true,
    });
    await sql`update cultivation_facts set updated_at = ${`${Number(TODAY.slice(0, 4)) - 1}-12-31T10:00:00+08:00`}
      where enterprise_id = ${e.id}`.execute(t.handle.db);
    const page = await my(session);
    expect(page.update.done).toBe(false);
    expect(page.recognitions[0].updateDone).toBe(false);
    const lacking = await t.request('GET', '/api/cultivation/recognitions?lacksUpdate=true', {
      session: province,
    });
    expect(lacking.json().items.map((r: { applicationId: number }) => r.applicationId)).toContain(
      applicationId,
    );
    // A later day set by the province: not yet reminded before it.
    const bad = await t.request('PUT', '/api/cultivation/update-days/320000', {
      session: province,
      body: { remindOn: '02-30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('remindOn');
    const foreign = await t.request('PUT', '/api/cultivation/update-days/320000', {
      session: otherProvince,
      body: { remindOn: '12-31' },
    });
    expect(foreign.statusCode).toBe(403);
    const set = await t.request('PUT', '/api/cultivation/update-days/320000', {
      session: province,
      body: { remindOn: '12-31' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const year = TODAY.slice(0, 4);
    await cultivationDue(t.handle.db, `${year}-12-30`);
    expect(await notices(e.id, '%年度数据%')).toBe(0);
    await cultivationDue(t.handle.db, `${year}-12-31`);
    expect(await notices(e.id, '%年度数据%')).toBe(1);
    await cultivationDue(t.handle.db, `${year}-12-31`);
    expect(await notices(e.id, '%年度数据%')).toBe(1);
    const reset = await t.request('PUT', '/api/cultivation/update-days/320000', {
      session: admin,
      body: { remindOn: '06-30' },
    });
    expect(reset.statusCode).toBe(200);
  });
});
