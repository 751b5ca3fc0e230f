/**
 * A wave's dates and its members' notices, the panel's size, and re-submissions (issue 16, a user's trial): a wave
 * opens for last period, this one or the next, never a period further ahead; a wave whose first day is still to
 * come tells its members on that day (the daily `monitoring-due` run), not when it is opened; a sample size that is
 * not a whole number of at least 1 is refused on its field; an answer corrected before the deadline replaces the
 * earlier one without a duplicate flag (after the deadline, within the grace, it is flagged); an enterprise answering
 * a wave closed early is told the day it closed.
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
import { monitoringDue } from './index.ts';
import { periodOf, previousPeriod } from './monitoring.rules.ts';

const today = todayInChina();
const THIS_MONTH = periodOf(today, 'monthly');
const LAST_MONTH = previousPeriod(THIS_MONTH);
/** The month after this one, and the one after that. */
const nextMonth = (period: string) => periodOf(addDays(`${period}-28`, 7), 'monthly');
const NEXT_MONTH = nextMonth(THIS_MONTH);
const MONTH_AFTER_NEXT = nextMonth(NEXT_MONTH);
const CITY = '320500';

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Reply = Record<string, any>;

describe('a wave’s dates, the panel’s size and re-submissions', () => {
  let t: TestApp;
  let statistician: Session;
  const firms: MadeEnterprise[] = [];
  let nextId = 0;

  const post = (session: Session, url: string, body?: unknown) => t.request('POST', url, { session, body });
  const get = (session: Session, url: string) => t.request('GET', url, { session });
  const ok = (response: { statusCode: number; body: string; json: () => unknown }): Reply => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Reply;
  };
  const fieldsOf = (response: { json: () => unknown }) =>
    ((response.json() as Reply).errors ?? []).map((e: { field: string }) => e.field);

  /** A monthly survey of one question with its whole frame (8 enterprises) as its panel. */
  const aSurveyWithPanel = async () => {
    nextId += 1;
    const survey = ok(
      await post(statistician, '/api/monitoring/surveys', {
        code: `trial${nextId}`,
        nameZh: `试用调查${nextId}`,
        frequency: 'monthly',
        questions: [{ code: 'orders', textZh: '新订单比上月', kind: 'three_level', required: true }],
      }),
    );
    ok(
      await post(statistician, `/api/monitoring/surveys/${survey.id}/draw`, {
        sampleSize: firms.length,
        allocation: 'proportional',
      }),
    );
    return survey;
  };
  const noticesOf = async (waveId: number) =>
    Number(
      (
        await t.handle.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('link', '=', `/app/my/surveys/${waveId}`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    for (let i = 0; i < 8; i++)
      firms.push(
        await anEnterprise(t.handle.db, {
          region: '320583',
          industryCode: 'C34',
          employees: 8,
          revenue: 150,
        }),
      );
    statistician = await signIn(t, await anOfficial(t.handle.db, { region: CITY }));
  });
  afterAll(async () => t.close());

  describe('the panel’s size', () => {
    for (const sampleSize of [0, -5, 2.5, 'abc'])
      it(`refuses a sample size of ${JSON.stringify(sampleSize)} on its field and draws nothing`, async () => {
        nextId += 1;
        const survey = ok(
          await post(statistician, '/api/monitoring/surveys', {
            code: `size${nextId}`,
            nameZh: '样本量',
            frequency: 'monthly',
            questions: [{ code: 'orders', textZh: '新订单比上月', kind: 'three_level' }],
          }),
        );
        const response = await post(statistician, `/api/monitoring/surveys/${survey.id}/draw`, {
          sampleSize,
          allocation: 'proportional',
        });
        expect(response.statusCode, response.body).toBe(400);
        expect(fieldsOf(response)).toEqual(['sampleSize']);
        expect(response.json().errors[0].message).toBe('样本量须为 1 至 1,000,000 之间的整数');
        const panel = ok(await get(statistician, `/api/monitoring/surveys/${survey.id}/panel`));
        expect(panel.total).toBe(0);
      });
  });

  describe('a wave’s period and first day', () => {
    let survey: Reply;
    beforeAll(async () => {
      survey = await aSurveyWithPanel();
    });
    const open = (body: Record<string, unknown>) =>
      post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, body);

    it('refuses a period after the next one, on the period', async () => {
      const response = await open({
        period: MONTH_AFTER_NEXT,
        opensOn: `${MONTH_AFTER_NEXT}-01`,
        closesOn: `${MONTH_AFTER_NEXT}-10`,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['period']);
      expect(response.json().errors[0].message).toContain(NEXT_MONTH);
    });

    it('refuses a first day after the next period and a deadline before it, both at once', async () => {
      const response = await open({
        period: NEXT_MONTH,
        opensOn: `${MONTH_AFTER_NEXT}-02`,
        closesOn: `${MONTH_AFTER_NEXT}-01`,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['opensOn', 'closesOn']);
    });

    it('refuses a first day outside the period and the one after it, on the period', async () => {
      const response = await open({
        period: LAST_MONTH,
        opensOn: `${NEXT_MONTH}-01`,
        closesOn: `${NEXT_MONTH}-09`,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['period']);
    });

    it('opens a wave for last month, this month and the next', async () => {
      for (const [period, opensOn] of [
        [LAST_MONTH, today],
        [THIS_MONTH, today],
        [NEXT_MONTH, `${NEXT_MONTH}-01`],
      ] as const) {
        const wave = ok(await open({ period, opensOn, closesOn: addDays(opensOn, 10) }));
        expect(wave).toMatchObject({ period, opensOn, state: 'open', members: firms.length });
      }
      // The survey list carries the latest wave's first day (the web shows next month's as not yet open).
      const surveys = ok(await get(statistician, '/api/monitoring/surveys?pageSize=100')).items;
      const latest = surveys.find((s: Reply) => s.latestWave?.period === NEXT_MONTH)?.latestWave;
      expect(latest).toMatchObject({ state: 'open', opensOn: `${NEXT_MONTH}-01` });
    });
  });

  describe('answers submitted again', () => {
    let survey: Reply;
    let wave: Reply;
    const submit = async (firm: MadeEnterprise, level: string) => {
      const me = await signIn(t, await anEnterpriseUser(t.handle.db, firm));
      const form = ok(await get(me, `/api/my/surveys/${wave.id}`));
      return post(me, `/api/my/surveys/${wave.id}/submit`, {
        answers: [{ questionCode: 'orders', level }],
        version: form.version,
      });
    };
    const flagsOf = async (firm: MadeEnterprise) =>
      ok(await get(statistician, `/api/monitoring/waves/${wave.id}/responses/${firm.id}`)).flags.map(
        (f: Reply) => f.kind,
      );
    beforeAll(async () => {
      survey = await aSurveyWithPanel();
      wave = ok(
        await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
          period: THIS_MONTH,
          opensOn: today,
          closesOn: addDays(today, 10),
          graceDays: 5,
        }),
      );
    });

    it('replaces an answer corrected before the deadline, without a duplicate flag', async () => {
      const firm = firms[0] as MadeEnterprise;
      ok(await submit(firm, 'up'));
      ok(await submit(firm, 'down'));
      expect(await flagsOf(firm)).not.toContain('duplicate');
      const detail = ok(await get(statistician, `/api/monitoring/waves/${wave.id}/responses/${firm.id}`));
      expect(detail.answers).toMatchObject([{ questionCode: 'orders', level: 'down' }]);
    });

    it('flags a second submission after the deadline, within the grace, as a duplicate', async () => {
      const firm = firms[1] as MadeEnterprise;
      ok(await submit(firm, 'up'));
      await t.handle.db
        .updateTable('monitoring_waves')
        .set({ opens_on: addDays(today, -2), closes_on: addDays(today, -1) })
        .where('id', '=', wave.id)
        .execute();
      ok(await submit(firm, 'same'));
      expect(await flagsOf(firm)).toEqual(expect.arrayContaining(['duplicate', 'late']));
    });

    it('tells an enterprise answering a wave closed early the day it was closed', async () => {
      ok(await post(statistician, `/api/monitoring/waves/${wave.id}/close`));
      const refused = await submit(firms[2] as MadeEnterprise, 'up');
      expect(refused.statusCode).toBe(400);
      expect(fieldsOf(refused)).toEqual(['answers']);
      const [year, month, day] = today.split('-').map(Number);
      expect(refused.json().errors[0].message).toContain(`${year}年${month}月${day}日`);
      // Its questionnaire says the day it closed, not a deadline (plus grace) that no longer holds.
      const me = await signIn(t, await anEnterpriseUser(t.handle.db, firms[2] as MadeEnterprise));
      const mine = ok(await get(me, '/api/my/surveys')).items.find((r: Reply) => r.waveId === wave.id);
      expect(mine).toMatchObject({ waveState: 'closed', closedEarlyOn: today });
      expect(ok(await get(me, `/api/my/surveys/${wave.id}`))).toMatchObject({
        open: false,
        closedEarlyOn: today,
      });
    });
  });

  describe('members told', () => {
    it('tells the members of a wave opening today at once', async () => {
      const survey = await aSurveyWithPanel();
      const wave = ok(
        await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
          period: THIS_MONTH,
          opensOn: today,
          closesOn: addDays(today, 10),
        }),
      );
      expect(await noticesOf(wave.id)).toBe(firms.length);
    });

    it('tells the members of a wave opening later on its first day (the daily run), once', async () => {
      const survey = await aSurveyWithPanel();
      const opensOn = `${NEXT_MONTH}-01`;
      const wave = ok(
        await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
          period: NEXT_MONTH,
          opensOn,
          closesOn: addDays(opensOn, 10),
        }),
      );
      expect(await noticesOf(wave.id)).toBe(0);
      await monitoringDue(t.handle.db, addDays(opensOn, -1));
      expect(await noticesOf(wave.id)).toBe(0);
      const run = await monitoringDue(t.handle.db, opensOn);
      expect(run.told).toBeGreaterThanOrEqual(firms.length);
      expect(await noticesOf(wave.id)).toBe(firms.length);
      const title = await t.handle.db
        .selectFrom('notifications')
        .select('title_zh')
        .where('link', '=', `/app/my/surveys/${wave.id}`)
        .executeTakeFirstOrThrow();
      expect(title.title_zh).toContain('起填报');
      // The next day's run, and the same day's again, tell no one twice.
      await monitoringDue(t.handle.db, opensOn);
      await monitoringDue(t.handle.db, addDays(opensOn, 1));
      expect(await noticesOf(wave.id)).toBe(firms.length);
    });
  });
});
