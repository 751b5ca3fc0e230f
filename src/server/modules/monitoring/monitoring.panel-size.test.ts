/**
 * A panel larger than one statement's parameters allow (65,535; a notice takes eight, so 8,192 notices): opening a
 * wave still gives every member its questionnaire and its notice (issue 16).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { anOfficial, signIn } from '../../../../test/helpers/factories.ts';
import { addDays } from '../../../reference/calendar.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';
import { writeEnterpriseBatch } from '../registry/index.ts';
import { periodOf } from './monitoring.rules.ts';

const MEMBERS = 8_400;

describe('a wave for a large panel', () => {
  let t: TestApp;
  let statistician: Session;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    await writeEnterpriseBatch(
      t.handle.db,
      Array.from({ length: MEMBERS }, (_, i) => ({
        uscc: makeUscc(`91320583MA${String(i).padStart(7, '0')}`),
        name: `昆山样本${i}号有限公司`,
        formerNames: [],
        legalRepresentative: '张三',
        regionCode: '320583',
        industryCode: i % 2 === 0 ? 'C34' : 'F51',
        establishedOn: '2015-03-01',
        status: 'active' as const,
        ownershipType: '私营',
        certifications: [],
        figures: {
          year: 2025,
          employees: 8,
          operatingRevenue: 100,
          mainBusinessRevenue: null,
          totalAssets: 100,
          totalLiabilities: null,
          rdExpense: null,
          rdStaff: null,
          taxableIncome: null,
          vatTaxpayerType: null,
        },
      })),
      'test',
    );
    statistician = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
  }, 120_000);
  afterAll(async () => t.close());

  it('gives every member its questionnaire and its notice', async () => {
    const post = (url: string, body?: unknown) => t.request('POST', url, { session: statistician, body });
    const survey = (
      await post('/api/monitoring/surveys', {
        code: 'census',
        nameZh: '小微企业普查式调查',
        frequency: 'quarterly',
        questions: [{ code: 'orders', textZh: '新订单比上季', kind: 'three_level' }],
      })
    ).json();
    const draw = await post(`/api/monitoring/surveys/${survey.id}/draw`, {
      sampleSize: MEMBERS,
      allocation: 'proportional',
    });
    expect(draw.statusCode, draw.body).toBe(200);
    const today = todayInChina();
    const wave = await post(`/api/monitoring/surveys/${survey.id}/waves`, {
      period: periodOf(today, 'quarterly'),
      opensOn: today,
      closesOn: addDays(today, 10),
    });
    expect(wave.statusCode, wave.body).toBe(200);
    expect(wave.json().members).toBe(MEMBERS);
    const notices = await t.handle.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'monitoring')
      .executeTakeFirstOrThrow();
    expect(Number(notices.n)).toBe(MEMBERS);
  }, 120_000);
});
