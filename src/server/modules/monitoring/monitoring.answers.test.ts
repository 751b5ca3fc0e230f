/**
 * The enterprise's questionnaire and the notices around it (issue 16): the questionnaire reaches the inbox with its
 * period and days written for each language, and when an enterprise answers again after a send-back, the official
 * who sent it back is told, with a link to the response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { addDays } from '../../../reference/calendar.ts';
import { todayInChina } from '../../../shared/today.ts';
import { previousPeriod } from './monitoring.rules.ts';
import { noticeDay, noticePeriod } from './monitoring.waves.ts';

const today = todayInChina();
const LAST_MONTH = previousPeriod(today.slice(0, 7));

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Reply = Record<string, any>;

const QUESTIONS = ['orders', 'prices', 'costs', 'staff_trend', 'profit'].map((code) => ({
  code,
  textZh: `本月${code}比上月`,
  kind: 'three_level',
  required: true,
}));

describe('notices of a questionnaire', () => {
  let t: TestApp;
  let statistician: Session;
  let colleague: Session;
  let colleagueId: number;
  let statisticianId: number;
  let wave: Reply;
  let firm: MadeEnterprise;
  let me: Session;
  const firms: MadeEnterprise[] = [];

  const get = (session: Session, url: string) => t.request('GET', url, { session });
  const post = (session: Session, url: string, body?: unknown) => t.request('POST', url, { session, body });
  const ok = (response: { statusCode: number; body: string; json: () => unknown }): Reply => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Reply;
  };
  const inbox = async (session: Session) =>
    ok(await get(session, '/api/my/notifications?pageSize=100')).items as {
      title: { zh: string; en: string };
      link: string | null;
    }[];

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    for (let i = 0; i < 6; i++)
      firms.push(
        await anEnterprise(db, { region: '320583', industryCode: 'C34', employees: 8, revenue: 150 }),
      );
    const official = await anOfficial(db, { region: '320500' });
    statisticianId = official.id;
    statistician = await signIn(t, official);
    const other = await anOfficial(db, { region: '320500' });
    colleagueId = other.id;
    colleague = await signIn(t, other);
    const survey = ok(
      await post(statistician, '/api/monitoring/surveys', {
        code: 'climate',
        nameZh: '景气调查',
        nameEn: 'Climate survey',
        frequency: 'monthly',
        questions: QUESTIONS,
      }),
    );
    ok(
      await post(statistician, `/api/monitoring/surveys/${survey.id}/draw`, {
        sampleSize: 6,
        allocation: 'proportional',
      }),
    );
    wave = ok(
      await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
        period: LAST_MONTH,
        opensOn: today,
        closesOn: addDays(today, 5),
      }),
    );
    firm = firms[0] as MadeEnterprise;
    me = await signIn(t, await anEnterpriseUser(db, firm));
  });
  afterAll(async () => t.close());

  it('words the questionnaire’s period and days for the reader, not as ISO codes', async () => {
    const notice = (await inbox(me)).find((n) => n.link === `/app/my/surveys/${wave.id}`);
    expect(notice?.title.zh).toContain(`（${noticePeriod(LAST_MONTH).zh}）`);
    expect(notice?.title.zh).toContain(
      `${noticeDay(today).zh}起填报，截止${noticeDay(addDays(today, 5)).zh}`,
    );
    expect(notice?.title.en).toContain(
      `(${noticePeriod(LAST_MONTH).en}) from ${noticeDay(today).en} by ${noticeDay(addDays(today, 5)).en}`,
    );
    expect(JSON.stringify(notice?.title)).not.toContain(today);
    expect(noticeDay('2026-12-07')).toEqual({ zh: '2026年12月7日', en: 'Dec 7, 2026' });
    expect(noticePeriod('2026-12')).toEqual({ zh: '2026年12月', en: 'Dec 2026' });
    expect(noticePeriod('2026-Q4')).toEqual({ zh: '2026年第4季度', en: '2026 Q4' });
  });

  it('tells the official who sent answers back that the enterprise answered again, linking the response', async () => {
    let form = ok(await get(me, `/api/my/surveys/${wave.id}`));
    // Every answer the same: flagged as straight-lining.
    form = ok(
      await post(me, `/api/my/surveys/${wave.id}/submit`, {
        answers: QUESTIONS.map((q) => ({ questionCode: q.code, level: 'same' })),
        version: form.version,
      }),
    );
    const url = `/api/monitoring/waves/${wave.id}/responses/${firm.id}`;
    let detail = ok(await get(colleague, url));
    const flag = detail.flags.find((f: Reply) => f.kind === 'straight_lining');
    detail = ok(
      await post(colleague, `${url}/flags/${flag.id}`, {
        decision: 'return',
        note: '请核实各题是否都持平',
        version: detail.version,
      }),
    );
    expect(detail.state).toBe('returned');
    const before = await inbox(colleague);
    form = ok(await get(me, `/api/my/surveys/${wave.id}`));
    ok(
      await post(me, `/api/my/surveys/${wave.id}/submit`, {
        answers: QUESTIONS.map((q, i) => ({ questionCode: q.code, level: i === 0 ? 'up' : 'same' })),
        version: form.version,
      }),
    );
    const after = await inbox(colleague);
    expect(after.length).toBe(before.length + 1);
    const notice = after.find(
      (n) =>
        n.link ===
        `/app/monitoring/surveys/${wave.surveyId}/waves/${wave.id}?tab=responses&response=${firm.id}`,
    );
    expect(notice?.title.zh).toContain(firm.name);
    expect(notice?.title.zh).toContain('重新提交');
    expect(notice?.title.zh).toContain(noticePeriod(LAST_MONTH).zh);
    expect(notice?.title.en).toContain(`Climate survey (${noticePeriod(LAST_MONTH).en}) again`);
    // The wave's maker, who did not send it back, is not told.
    expect((await inbox(statistician)).some((n) => n.link?.includes('response='))).toBe(false);
    expect(statisticianId).not.toBe(colleagueId);
  });

  it('tells no one when an enterprise merely submits a second time without a send-back', async () => {
    const other = firms[1] as MadeEnterprise;
    const session = await signIn(t, await anEnterpriseUser(t.handle.db, other));
    const answers = QUESTIONS.map((q, i) => ({ questionCode: q.code, level: i % 2 === 0 ? 'up' : 'down' }));
    let form = ok(await get(session, `/api/my/surveys/${wave.id}`));
    form = ok(await post(session, `/api/my/surveys/${wave.id}/submit`, { answers, version: form.version }));
    const before = (await inbox(colleague)).length;
    ok(await post(session, `/api/my/surveys/${wave.id}/submit`, { answers, version: form.version }));
    expect((await inbox(colleague)).length).toBe(before);
  });
});
