/**
 * Monitoring through the API (issue 16): a statistician designs a survey (bad questions refused on their field),
 * draws a panel from the registry (repeatable by seed, replacement of drop-outs from the stratum), opens a wave
 * (every member told), members answer (drafts, ranges, the deadline, not in the panel: 404), the quality flags are
 * decided (accepted, or sent back and answered again), the wave is computed (deterministically: a recomputation
 * gives the same figures) and traced down to weighted counts and answers, and a release goes draft → reviewed by
 * another official → scheduled, invisible to the public until its time, corrected by a new version with a note.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
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
import { monitoringDue } from './index.ts';
import { previousPeriod } from './monitoring.rules.ts';

const today = todayInChina();
/** The month before this one (the wave asked now) and this month (a second wave). */
const THIS_MONTH = today.slice(0, 7);
const LAST_MONTH = previousPeriod(THIS_MONTH);
const CITY = '320500';

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Reply = Record<string, any>;

const level = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  textZh: `本月${code}比上月`,
  kind: 'three_level',
  required: true,
  ...extra,
});

const QUESTIONS = [
  level('orders', { subIndex: 'market', direction: 'up_is_good', weight: '0.6' }),
  level('prices', { subIndex: 'market', direction: 'up_is_good', weight: '0.4' }),
  level('costs', { subIndex: 'cost', direction: 'down_is_good', weight: '1' }),
  level('staff_trend', { subIndex: 'labour', direction: 'up_is_good', weight: '1' }),
  level('profit', { subIndex: 'profit', direction: 'up_is_good', weight: '1' }),
  {
    code: 'staff',
    textZh: '月末从业人员数',
    kind: 'number',
    required: true,
    unit: '人',
    min: '0',
    max: '5000',
    decimals: 0,
    registryFigure: 'employees',
  },
  { code: 'note', textZh: '意见建议', kind: 'text', required: false },
];

describe('monitoring through the API', () => {
  let t: TestApp;
  let statistician: Session;
  let colleague: Session;
  let farOfficial: Session;
  let admin: Session;
  const firms: MadeEnterprise[] = [];
  let outsider: Session;
  let survey: Reply;

  const get = (session: Session | undefined, url: string) =>
    t.request('GET', url, session ? { session } : {});
  const post = (session: Session, url: string, body?: unknown) => t.request('POST', url, { session, body });
  const put = (session: Session, url: string, body?: unknown) => t.request('PUT', url, { session, body });
  const ok = (response: { statusCode: number; body: string; json: () => unknown }): Reply => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Reply;
  };
  const fieldsOf = (response: { json: () => unknown }) =>
    ((response.json() as Reply).errors ?? []).map((e: { field: string }) => e.field);
  const sessions = new Map<number, Session>();
  const sessionOf = async (firm: MadeEnterprise) => {
    let s = sessions.get(firm.id);
    if (!s) {
      s = await signIn(t, await anEnterpriseUser(t.handle.db, firm));
      sessions.set(firm.id, s);
    }
    return s;
  };
  const answersOf = (levels: string[], staff = '20') => [
    ...['orders', 'prices', 'costs', 'staff_trend', 'profit'].map((questionCode, i) => ({
      questionCode,
      level: levels[i % levels.length],
    })),
    { questionCode: 'staff', number: staff },
  ];

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    // Two counties of the city, two industries, micro and small: 40 enterprises with figures (size classes).
    for (let i = 0; i < 40; i++)
      firms.push(
        await anEnterprise(db, {
          region: i % 2 === 0 ? '320583' : '320581',
          industryCode: i % 4 < 2 ? 'C34' : 'F51',
          employees: i % 3 === 0 ? 60 : 8,
          revenue: i % 3 === 0 ? 3000 : 150,
        }),
      );
    statistician = await signIn(t, await anOfficial(db, { region: CITY }));
    colleague = await signIn(t, await anOfficial(db, { region: '320000' }));
    farOfficial = await signIn(t, await anOfficial(db, { region: '110101' }));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    outsider = await signIn(t, await anEnterpriseUser(db, await anEnterprise(db, { region: '110101' })));
  });
  afterAll(async () => t.close());

  describe('design', () => {
    it('refuses an index question without a direction, on its field, and stores nothing', async () => {
      const response = await post(statistician, '/api/monitoring/surveys', {
        code: 'climate',
        nameZh: '景气调查',
        frequency: 'monthly',
        questions: [level('orders', { subIndex: 'market', weight: '1' })],
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['questions[0].direction']);
      expect(ok(await get(statistician, '/api/monitoring/surveys')).total).toBe(0);
    });

    it('refuses question weights of a sub-index that do not sum to 1', async () => {
      const response = await post(statistician, '/api/monitoring/surveys', {
        code: 'climate',
        nameZh: '景气调查',
        frequency: 'monthly',
        questions: [
          level('orders', { subIndex: 'market', direction: 'up_is_good', weight: '0.6' }),
          level('prices', { subIndex: 'market', direction: 'up_is_good', weight: '0.3' }),
        ],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field: 'questions[0].weight' });
      expect(response.json().errors[0].message).toContain('0.9');
    });

    it('creates a survey in the official’s region; another region’s official cannot see it', async () => {
      survey = ok(
        await post(statistician, '/api/monitoring/surveys', {
          code: 'climate',
          nameZh: '全市中小企业景气调查',
          frequency: 'monthly',
          questions: QUESTIONS,
        }),
      );
      expect(survey).toMatchObject({ regionCode: CITY, currentVersion: 1, frozen: false, canEdit: true });
      expect(survey.questions).toHaveLength(7);
      expect((await get(farOfficial, `/api/monitoring/surveys/${survey.id}`)).statusCode).toBe(403);
      expect(ok(await get(farOfficial, '/api/monitoring/surveys')).total).toBe(0);
      // A national survey is an admin's.
      const national = await post(statistician, '/api/monitoring/surveys', {
        code: 'national',
        nameZh: '全国调查',
        frequency: 'monthly',
        regionCode: '',
        questions: QUESTIONS,
      });
      expect(national.statusCode).toBe(400);
      expect(fieldsOf(national)).toEqual(['regionCode']);
    });
  });

  describe('panel', () => {
    it('refuses a sample larger than the frame, naming the frame', async () => {
      const response = await post(statistician, `/api/monitoring/surveys/${survey.id}/draw`, {
        sampleSize: 41,
        allocation: 'proportional',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field: 'sampleSize' });
      expect(response.json().errors[0].message).toContain('40');
    });

    it('draws a stratified panel with design weights; the same seed draws the same panel', async () => {
      const draw = ok(
        await post(statistician, `/api/monitoring/surveys/${survey.id}/draw`, {
          sampleSize: 20,
          allocation: 'proportional',
          seed: 'fixed',
        }),
      );
      expect(draw.frame).toBe(40);
      expect(draw.strata.reduce((s: number, x: Reply) => s + x.sample, 0)).toBe(20);
      expect(draw.strata.map((s: Reply) => s.regionCode).sort()).toContain('320583');
      for (const s of draw.strata) expect(Number(s.designWeight)).toBeCloseTo(s.frame / s.sample, 5);
      const first = ok(await get(statistician, `/api/monitoring/surveys/${survey.id}/panel?pageSize=50`));
      expect(first.total).toBe(20);
      // Drawing again asks to confirm the replacement, then with the same seed takes the same enterprises.
      const again = await post(statistician, `/api/monitoring/surveys/${survey.id}/draw`, {
        sampleSize: 20,
        allocation: 'proportional',
        seed: 'fixed',
      });
      expect(again.statusCode).toBe(409);
      expect(fieldsOf(again)).toEqual(['replace']);
      ok(
        await post(statistician, `/api/monitoring/surveys/${survey.id}/draw`, {
          sampleSize: 20,
          allocation: 'proportional',
          seed: 'fixed',
          replace: true,
        }),
      );
      const second = ok(
        await get(statistician, `/api/monitoring/surveys/${survey.id}/panel?state=active&pageSize=50`),
      );
      const ids = (page: Reply) => page.items.map((m: Reply) => m.enterpriseId).sort();
      expect(ids(second)).toEqual(ids(first));
      const makeup = ok(await get(statistician, `/api/monitoring/surveys/${survey.id}/panel/makeup`));
      expect(makeup).toMatchObject({ frame: 40, panel: 20 });
      expect(makeup.bySize.reduce((s: number, r: Reply) => s + r.weightedShare, 0)).toBeCloseTo(1, 3);
    });

    it('replaces a drop-out from its own stratum', async () => {
      const page = ok(
        await get(statistician, `/api/monitoring/surveys/${survey.id}/panel?state=active&pageSize=50`),
      );
      const member = page.items[0];
      const dropped = ok(
        await post(statistician, `/api/monitoring/surveys/${survey.id}/panel/${member.enterpriseId}/drop`, {
          reason: '企业停产',
          version: member.version,
        }),
      );
      expect(dropped.dropped).toMatchObject({ state: 'dropped', leftReason: '企业停产' });
      expect(dropped.replacement).toMatchObject({
        state: 'active',
        industry: member.industry,
        regionCode: member.regionCode,
        size: member.size,
        designWeight: member.designWeight,
        replacesEnterpriseId: member.enterpriseId,
      });
      const stale = await post(
        statistician,
        `/api/monitoring/surveys/${survey.id}/panel/${member.enterpriseId}/drop`,
        {
          reason: '再次',
          version: member.version,
        },
      );
      expect(stale.statusCode).toBe(409);
    });
  });

  describe('a wave', () => {
    let wave: Reply;
    let members: number[];
    const member = (i: number) => firms.find((f) => f.id === members[i]) as MadeEnterprise;

    it('refuses a deadline in the past and a period of the wrong form', async () => {
      const past = await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
        period: '2026-01',
        opensOn: addDays(today, -10),
        closesOn: addDays(today, -1),
      });
      expect(fieldsOf(past)).toEqual(['closesOn']);
      const quarterly = await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
        period: '2026-Q4',
        opensOn: today,
        closesOn: addDays(today, 5),
      });
      expect(fieldsOf(quarterly)).toEqual(['period']);
      // A period months ahead of its opening day, or long past, is refused on the period.
      const ahead = await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
        period: `${Number(today.slice(0, 4)) + 1}-06`,
        opensOn: today,
        closesOn: addDays(today, 5),
      });
      expect(fieldsOf(ahead)).toEqual(['period']);
      expect(ahead.json().errors[0].message).toContain('下一期');
    });

    it('opens: every active member gets the questionnaire in its inbox; the version is frozen', async () => {
      wave = ok(
        await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
          period: LAST_MONTH,
          opensOn: today,
          closesOn: addDays(today, 5),
          graceDays: 2,
        }),
      );
      expect(wave).toMatchObject({ members: 20, state: 'open', counts: { pending: 20 }, responseRate: 0 });
      const responses = ok(await get(statistician, `/api/monitoring/waves/${wave.id}/responses?pageSize=50`));
      members = responses.items.map((r: Reply) => r.enterpriseId);
      const me = await sessionOf(member(0));
      const inbox = JSON.stringify(ok(await get(me, '/api/my/notifications')));
      expect(inbox).toContain(`/app/my/surveys/${wave.id}`);
      expect(ok(await get(statistician, `/api/monitoring/surveys/${survey.id}`)).frozen).toBe(true);
    });

    it('a change to a frozen version makes the next; the wave keeps its questions', async () => {
      const current = ok(await get(statistician, `/api/monitoring/surveys/${survey.id}`));
      const changed = ok(
        await put(statistician, `/api/monitoring/surveys/${survey.id}`, {
          nameZh: current.nameZh,
          frequency: 'monthly',
          questions: [...QUESTIONS, { code: 'extra', textZh: '新增问题', kind: 'text', required: false }],
          note: '加一题',
          version: current.version,
        }),
      );
      expect(changed).toMatchObject({ currentVersion: 2, frozen: false });
      const me = await sessionOf(member(0));
      const form = ok(await get(me, `/api/my/surveys/${wave.id}`));
      expect(form.questions).toHaveLength(7);
      const stale = await put(statistician, `/api/monitoring/surveys/${survey.id}`, {
        nameZh: current.nameZh,
        frequency: 'monthly',
        questions: QUESTIONS,
        version: current.version,
      });
      expect(stale.statusCode).toBe(409);
    });

    it('takes no answer before the wave’s first day', async () => {
      const db = t.handle.db;
      await sql`update monitoring_waves set opens_on = ${addDays(today, 1)}::date where id = ${wave.id}`.execute(
        db,
      );
      const me = await sessionOf(member(0));
      const form = ok(await get(me, `/api/my/surveys/${wave.id}`));
      expect(form.open).toBe(false);
      const early = await put(me, `/api/my/surveys/${wave.id}`, { answers: [], version: form.version });
      expect(fieldsOf(early)).toEqual(['answers']);
      expect(early.json().errors[0].message).toContain(addDays(today, 1));
      await sql`update monitoring_waves set opens_on = ${today}::date where id = ${wave.id}`.execute(db);
    });

    it('refuses an enterprise not in the panel (404) and a number outside its range (on its field)', async () => {
      expect((await get(outsider, `/api/my/surveys/${wave.id}`)).statusCode).toBe(404);
      expect(
        (await put(outsider, `/api/my/surveys/${wave.id}`, { answers: [], version: 1 })).statusCode,
      ).toBe(404);
      const me = await sessionOf(member(0));
      const form = ok(await get(me, `/api/my/surveys/${wave.id}`));
      const bad = await post(me, `/api/my/surveys/${wave.id}/submit`, {
        answers: answersOf(['up'], '9000'),
        version: form.version,
      });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad)).toEqual(['answers[5].number']);
      // Nothing was written.
      expect(ok(await get(me, `/api/my/surveys/${wave.id}`)).answers).toEqual([]);
    });

    it('keeps a draft; submits; flags straight-lining and a jump against the registry', async () => {
      const me = await sessionOf(member(0));
      let form = ok(await get(me, `/api/my/surveys/${wave.id}`));
      form = ok(
        await put(me, `/api/my/surveys/${wave.id}`, {
          answers: answersOf(['up']).slice(0, 2),
          version: form.version,
        }),
      );
      expect(form).toMatchObject({ state: 'draft' });
      expect(form.answers.map((a: Reply) => a.questionCode)).toEqual(['orders', 'prices']);
      form = ok(
        await post(me, `/api/my/surveys/${wave.id}/submit`, {
          answers: answersOf(['same'], '400'),
          version: form.version,
        }),
      );
      expect(form.state).toBe('submitted');
      const detail = ok(
        await get(statistician, `/api/monitoring/waves/${wave.id}/responses/${member(0).id}`),
      );
      expect(detail.flags.map((f: Reply) => f.kind).sort()).toEqual(['jump_registry', 'straight_lining']);
      // The officials' export: the time on China's clock, the flags and the region by name, every answer.
      const csv = await get(statistician, `/api/monitoring/waves/${wave.id}/responses/export?format=csv`);
      expect(csv.statusCode).toBe(200);
      const [header, ...lines] = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(header).toContain('提交时间（北京时间）');
      expect(header).toContain('orders ');
      const line = lines.find((l) => l.includes(member(0).uscc)) ?? '';
      expect(line).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(line).not.toMatch(/T\d{2}:\d{2}:\d{2}/);
      expect(line).toContain('答案雷同');
      expect(line).toContain('与登记库差异大');
      expect(line).toContain('持平');
      expect(line).toContain(',400');
      // A draft over a submission is refused (submit again instead).
      const draft = await put(me, `/api/my/surveys/${wave.id}`, { answers: [], version: form.version });
      expect(fieldsOf(draft)).toEqual(['answers']);
    });

    it('sends a flagged response back with a question; the enterprise answers again', async () => {
      let detail = ok(await get(statistician, `/api/monitoring/waves/${wave.id}/responses/${member(0).id}`));
      const jump = detail.flags.find((f: Reply) => f.kind === 'jump_registry');
      detail = ok(
        await post(
          statistician,
          `/api/monitoring/waves/${wave.id}/responses/${member(0).id}/flags/${jump.id}`,
          {
            decision: 'return',
            note: '从业人员400人与登记的人数相差较大，请核实',
            version: detail.version,
          },
        ),
      );
      expect(detail).toMatchObject({
        state: 'returned',
        returnedQuestion: '从业人员400人与登记的人数相差较大，请核实',
      });
      const me = await sessionOf(member(0));
      let form = ok(await get(me, `/api/my/surveys/${wave.id}`));
      expect(form.returnedQuestion).toContain('请核实');
      form = ok(
        await post(me, `/api/my/surveys/${wave.id}/submit`, {
          answers: answersOf(['up', 'down', 'same'], '9'),
          version: form.version,
        }),
      );
      detail = ok(await get(statistician, `/api/monitoring/waves/${wave.id}/responses/${member(0).id}`));
      expect(detail.flags.filter((f: Reply) => f.state === 'open')).toEqual([]);
      expect(detail.flags.map((f: Reply) => [f.kind, f.state])).toEqual([['jump_registry', 'returned']]);
    });

    it('is followed by stratum; computes deterministically and traces a figure down to its answers', async () => {
      // Twelve more members answer.
      for (let i = 1; i <= 12; i++) {
        const me = await sessionOf(member(i));
        const form = ok(await get(me, `/api/my/surveys/${wave.id}`));
        ok(
          await post(me, `/api/my/surveys/${wave.id}/submit`, {
            answers: answersOf(
              [['up', 'same', 'down'][i % 3] as string, ['down', 'up'][i % 2] as string],
              String(5 + (i % 4)),
            ),
            version: form.version,
          }),
        );
      }
      const progress = ok(await get(statistician, `/api/monitoring/waves/${wave.id}`));
      expect(progress.counts.submitted).toBe(13);
      expect(progress.responseRate).toBeCloseTo(13 / 20, 4);
      expect(progress.byStratum.reduce((s: number, r: Reply) => s + r.members, 0)).toBe(20);
      const run = ok(await post(statistician, `/api/monitoring/waves/${wave.id}/compute`));
      expect(run.responses).toBe(13);
      const overall = run.figures.find((f: Reply) => f.measure === 'overall');
      expect(Number(overall.value)).toBeGreaterThan(0);
      expect(overall.shown).toMatch(/^\d+\.\d$/);
      const again = ok(await post(statistician, `/api/monitoring/waves/${wave.id}/compute`));
      expect(again.figuresSha256).toBe(run.figuresSha256);
      expect(again.figures).toEqual(run.figures);
      // overall → industries → sub-indices → questions → weighted counts and answers.
      const step1 = ok(await get(statistician, `/api/monitoring/runs/${run.id}/trace?measure=overall`));
      expect(step1.components.map((c: Reply) => c.industry).sort()).toEqual(['industry', 'wholesale_retail']);
      // The weights it stands on: the platform's equal defaults, not verified, each set with its recorded basis; the
      // trace names the set its method weighs with.
      const defaults = (kind: string, basis: string) => ({
        kind,
        regionCode: '',
        effectiveFrom: '2000-01-01',
        verified: false,
        basis: [expect.stringContaining(basis)],
      });
      expect(run.weightSources).toHaveLength(2);
      expect(run.weightSources).toEqual(
        expect.arrayContaining([defaults('sub_index', '各分项指数等权'), defaults('industry', '各行业等权')]),
      );
      expect(step1.weights).toEqual(defaults('industry', '各行业等权'));
      const industry = step1.components[0].industry;
      const step2 = ok(
        await get(statistician, `/api/monitoring/runs/${run.id}/trace?measure=overall&industry=${industry}`),
      );
      expect(step2.components.map((c: Reply) => c.measure)).toEqual([
        'sub:cost',
        'sub:labour',
        'sub:market',
        'sub:profit',
      ]);
      const step3 = ok(
        await get(
          statistician,
          `/api/monitoring/runs/${run.id}/trace?measure=sub:market&industry=${industry}`,
        ),
      );
      expect(step3.components.map((c: Reply) => [c.measure, c.weight])).toEqual([
        ['q:orders', '0.6'],
        ['q:prices', '0.4'],
      ]);
      const step4 = ok(
        await get(statistician, `/api/monitoring/runs/${run.id}/trace?measure=q:orders&industry=${industry}`),
      );
      const { up, same, down } = step4.counts;
      const index = (200 * Number(up) + 100 * Number(same)) / (Number(up) + Number(same) + Number(down));
      expect(Number(step4.figure.value)).toBeCloseTo(index, 5);
      const n = step4.counts.responses.up + step4.counts.responses.same + step4.counts.responses.down;
      if (n >= 5) {
        expect(step4.answers).toHaveLength(n);
        expect(JSON.stringify(step4.answers)).not.toMatch(/测试企业|\d{17}/);
      } else expect(step4.answersWithheld).toContain(String(n));
      expect(
        (await get(farOfficial, `/api/monitoring/runs/${run.id}/trace?measure=overall`)).statusCode,
      ).toBe(403);
    });

    it('releases: reviewed by another official, scheduled, public only from its time, corrected with a note', async () => {
      const early = ok(await get(statistician, `/api/monitoring/waves/${wave.id}`));
      const tooEarly = await post(statistician, '/api/monitoring/releases', { runId: early.latestRun.id });
      expect(fieldsOf(tooEarly)).toEqual(['runId']);
      ok(await post(statistician, `/api/monitoring/waves/${wave.id}/close`));
      const me = await sessionOf(member(15));
      const late = await post(me, `/api/my/surveys/${wave.id}/submit`, {
        answers: answersOf(['up']),
        version: 1,
      });
      expect(fieldsOf(late)).toEqual(['answers']);
      const run = ok(await post(statistician, `/api/monitoring/waves/${wave.id}/compute`));
      let release = ok(
        await post(statistician, '/api/monitoring/releases', {
          runId: run.id,
          commentaryZh: '11月全市中小企业景气指数',
        }),
      );
      expect(release).toMatchObject({ state: 'draft', releaseVersion: 1, actions: ['edit', 'withdraw'] });
      // Its response rate is told beside the threshold below which it is flagged.
      expect(release).toMatchObject({ members: 20, responses: run.responses, lowResponseRate: 0.5 });
      expect(release.responseRate).toBeCloseTo(run.responses / 20, 6);
      expect(ok(await get(statistician, `/api/monitoring/waves/${wave.id}`)).lowResponseRate).toBe(0.5);
      // The flags still undecided are told (their answers count as submitted).
      const { rows: open } = await sql<{ n: number }>`select count(*)::int as n from monitoring_flags
        where wave_id = ${wave.id} and state = 'open'`.execute(t.handle.db);
      expect(release.openFlags).toBe(open[0]?.n);
      // The region's other officials are told a draft awaits review; its author is not.
      const inboxOf = async (who: Session) => JSON.stringify(ok(await get(who, '/api/my/notifications')));
      expect(await inboxOf(colleague)).toContain(`/app/monitoring/releases/${release.id}`);
      expect(await inboxOf(statistician)).not.toContain(`/app/monitoring/releases/${release.id}`);
      // Published without review: refused. Reviewed by its author: refused.
      const unreviewed = await post(statistician, `/api/monitoring/releases/${release.id}/schedule`, {
        publishAt: new Date(Date.now() + 3600_000).toISOString(),
        version: release.version,
      });
      expect(fieldsOf(unreviewed)).toEqual(['publishAt']);
      expect(unreviewed.json().errors[0].message).toContain('审核');
      const self = await post(statistician, `/api/monitoring/releases/${release.id}/review`, {
        version: release.version,
      });
      expect(fieldsOf(self)).toEqual(['version']);
      // The reviewer cannot rewrite what they approve: only the author edits a draft.
      const rewritten = await put(colleague, `/api/monitoring/releases/${release.id}`, {
        commentaryZh: '复核人改写的解读',
        version: release.version,
      });
      expect(fieldsOf(rewritten)).toEqual(['commentaryZh']);
      expect(ok(await get(colleague, `/api/monitoring/releases/${release.id}`)).actions).not.toContain(
        'edit',
      );
      // The reviewer sends it back with what to change: it stays a draft, the comment is on it, its author told.
      // Its author cannot send it back; an empty comment is refused on its field.
      expect(
        fieldsOf(
          await post(statistician, `/api/monitoring/releases/${release.id}/return`, {
            comment: '请补充说明',
            version: release.version,
          }),
        ),
      ).toEqual(['version']);
      expect(
        fieldsOf(
          await post(colleague, `/api/monitoring/releases/${release.id}/return`, {
            comment: '  ',
            version: release.version,
          }),
        ),
      ).toEqual(['comment']);
      expect(ok(await get(colleague, `/api/monitoring/releases/${release.id}`)).actions).toContain('return');
      release = ok(
        await post(colleague, `/api/monitoring/releases/${release.id}/return`, {
          comment: '请在解读中说明回收率偏低的原因',
          version: release.version,
        }),
      );
      expect(release).toMatchObject({
        state: 'draft',
        returned: { comment: '请在解读中说明回收率偏低的原因' },
      });
      expect(release.returned.by).toBeTruthy();
      expect(await inboxOf(statistician)).toContain('被退回修改：请在解读中说明回收率偏低的原因');
      release = ok(
        await put(statistician, `/api/monitoring/releases/${release.id}`, {
          commentaryEn: 'SME index, November',
          version: release.version,
        }),
      );
      expect(release.returned).not.toBeNull();
      release = ok(
        await post(colleague, `/api/monitoring/releases/${release.id}/review`, { version: release.version }),
      );
      expect(release.state).toBe('reviewed');
      // Reviewed: the comment has done its work.
      expect(release.returned).toBeNull();
      // Its author is told it was reviewed.
      expect(await inboxOf(statistician)).toContain('已审核通过');
      const past = await post(statistician, `/api/monitoring/releases/${release.id}/schedule`, {
        publishAt: new Date(Date.now() - 3600_000).toISOString(),
        version: release.version,
      });
      expect(fieldsOf(past)).toEqual(['publishAt']);
      release = ok(
        await post(statistician, `/api/monitoring/releases/${release.id}/schedule`, {
          publishAt: new Date(Date.now() + 3600_000).toISOString(),
          version: release.version,
        }),
      );
      expect(release.state).toBe('scheduled');
      // Not public before its time, by any route.
      expect(ok(await get(undefined, '/api/public/monitoring')).items).toEqual([]);
      expect((await get(undefined, `/api/public/monitoring/surveys/${survey.id}`)).statusCode).toBe(404);
      expect((await get(undefined, `/api/public/monitoring/releases/${release.id}`)).statusCode).toBe(404);
      expect(
        (await get(undefined, `/api/public/monitoring/releases/${release.id}/trace?measure=overall`))
          .statusCode,
      ).toBe(404);
      // Its time comes.
      await sql`update monitoring_releases set publish_at = now() - interval '1 minute' where id = ${release.id}`.execute(
        t.handle.db,
      );
      const series = ok(await get(undefined, `/api/public/monitoring/surveys/${survey.id}`));
      expect(series.points).toEqual([
        // The public gets a figure as shown, to one decimal (officials in full).
        expect.objectContaining({ period: LAST_MONTH, releaseVersion: 1, value: run.figures[0].shown }),
      ]);
      expect(series.latest.commentaryZh).toBe('11月全市中小企业景气指数');
      ok(await get(undefined, `/api/public/monitoring/releases/${release.id}/trace?measure=overall`));
      // The public sees a question's figure and method, never its answers by level — weighted counts, shares or the
      // answer list (officials see all three).
      const counted = ok(
        await get(
          undefined,
          `/api/public/monitoring/releases/${release.id}/trace?measure=q:orders&industry=industry`,
        ),
      );
      expect(counted).toMatchObject({ counts: null, shares: null, answers: null });
      expect(counted.method).toContain('景气指数');
      // A group of fewer than five answers: officials see its figure; the public does not, nor its counts.
      let small: Reply | undefined;
      for (const industry of run.groups.industries)
        for (const regionCode of run.groups.regions)
          for (const size of run.groups.sizes) {
            const q = `industry=${industry}&regionCode=${regionCode}&size=${size}`;
            const f = ok(await get(statistician, `/api/monitoring/runs/${run.id}?${q}`)).figures.find(
              (x: Reply) => x.measure === 'q:orders',
            );
            if (f && f.responses > 0 && f.responses < 5) small ??= { ...f, q };
          }
      expect(small?.value).not.toBeNull();
      expect(small?.withheld).toBe('few');
      // Nor can a withheld figure be worked out by subtraction: in each total and its parts along one dimension
      // (with answers), where the total is published, none or at least two parts are withheld — a published total
      // less the published rest would give one back.
      const groups: { industry: string; regionCode: string; size: string }[] = [];
      for (const industry of ['', ...run.groups.industries])
        for (const regionCode of ['', ...run.groups.regions])
          for (const size of ['', ...run.groups.sizes]) groups.push({ industry, regionCode, size });
      const keyOf = (g: { industry: string; regionCode: string; size: string }) =>
        `${g.industry}|${g.regionCode}|${g.size}`;
      const answered = new Map<string, boolean>();
      let protector: string | undefined;
      const published = new Map<string, boolean>();
      for (const g of groups) {
        const q = new URLSearchParams(g);
        const f = ok(await get(statistician, `/api/monitoring/runs/${run.id}?${q}`)).figures.find(
          (x: Reply) => x.measure === 'q:orders',
        );
        answered.set(keyOf(g), (f?.responses ?? 0) > 0);
        const breakdowns = [g.industry, g.regionCode, g.size].filter((x) => x !== '').length;
        if (f?.withheld === 'complementary' && breakdowns === 1) protector ??= q.toString();
        const reply = await get(
          undefined,
          `/api/public/monitoring/surveys/${survey.id}?measure=q:orders&${q}`,
        );
        // A cross-classified group is not public at all: refused, naming the field that crosses.
        if ([g.industry, g.regionCode, g.size].filter((x) => x !== '').length > 1) {
          expect(reply.statusCode).toBe(400);
          expect(fieldsOf(reply)).toEqual([g.size !== '' ? 'size' : 'regionCode']);
          published.set(keyOf(g), false);
          continue;
        }
        published.set(keyOf(g), ok(reply).points[0].value !== null);
      }
      let checked = 0;
      for (const g of groups)
        for (const [dim, values] of [
          ['industry', run.groups.industries],
          ['regionCode', run.groups.regions],
          ['size', run.groups.sizes],
        ] as const) {
          if (g[dim] !== '' || !published.get(keyOf(g))) continue;
          const parts = (values as string[])
            .map((v) => keyOf({ ...g, [dim]: v }))
            .filter((k) => answered.get(k));
          const hiddenParts = parts.filter((k) => !published.get(k)).length;
          expect(hiddenParts, `${keyOf(g)} along ${dim}`).not.toBe(1);
          if (hiddenParts >= 2) checked++;
        }
      // The run has such a case: a group withheld with another to protect it, its counts withheld with it.
      expect(checked).toBeGreaterThan(0);
      if (protector) {
        const guarded = ok(
          await get(
            undefined,
            `/api/public/monitoring/releases/${release.id}/trace?measure=q:orders&${protector}`,
          ),
        );
        expect(guarded).toMatchObject({ counts: null, figure: { value: null, withheld: 'complementary' } });
        expect(guarded.answersWithheld).toContain('推算');
      }
      // The small group is a cross-classified one (an industry × area × size): not public at all, nor its trace.
      const hidden = await get(
        undefined,
        `/api/public/monitoring/surveys/${survey.id}?measure=q:orders&${small?.q}`,
      );
      expect(hidden.statusCode).toBe(400);
      const trace = await get(
        undefined,
        `/api/public/monitoring/releases/${release.id}/trace?measure=q:orders&${small?.q}`,
      );
      expect(fieldsOf(trace)).toEqual(['size']);
      const officials = ok(
        await get(statistician, `/api/monitoring/runs/${run.id}/trace?measure=q:orders&${small?.q}`),
      );
      expect(officials.counts).not.toBeNull();
      const csv = await get(undefined, `/api/public/monitoring/surveys/${survey.id}/export?format=csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain(LAST_MONTH);
      expect(csv.body).toContain('中小企业发展指数');
      expect(csv.body).toContain('全部');
      const question = await get(
        undefined,
        `/api/public/monitoring/surveys/${survey.id}/export?format=csv&measure=q:costs&lang=en`,
      );
      expect(question.body).toContain('本月costs比上月');
      // A published release is not withdrawn; a correction needs its note.
      const withdraw = await post(statistician, `/api/monitoring/releases/${release.id}/withdraw`, {
        version: (await get(statistician, `/api/monitoring/releases/${release.id}`)).json().version,
      });
      expect(fieldsOf(withdraw)).toEqual(['version']);
      const noNote = await post(statistician, '/api/monitoring/releases', { runId: run.id });
      expect(fieldsOf(noNote)).toEqual(['correctionNote']);
      const correction = ok(
        await post(statistician, '/api/monitoring/releases', {
          runId: run.id,
          correctionNote: '更正评论文字',
        }),
      );
      expect(correction).toMatchObject({ releaseVersion: 2, correctionNote: '更正评论文字', state: 'draft' });
      // The review notice names the period in words, not its code.
      expect(await inboxOf(colleague)).not.toContain(`${LAST_MONTH}（第2版）`);
      expect(await inboxOf(colleague)).toContain(
        `${LAST_MONTH.slice(0, 4)}年${Number(LAST_MONTH.slice(5))}月（第2版）`,
      );
      // Once the correction is out, the first version keeps its words but not its figures, nor its trace: two
      // versions' withheld figures side by side would give some back.
      let v2 = ok(
        await post(colleague, `/api/monitoring/releases/${correction.id}/review`, {
          version: correction.version,
        }),
      );
      v2 = ok(
        await post(statistician, `/api/monitoring/releases/${correction.id}/schedule`, {
          publishAt: new Date(Date.now() + 3600_000).toISOString(),
          version: v2.version,
        }),
      );
      // Before its time, the first version is still the current one.
      expect(
        ok(await get(undefined, `/api/public/monitoring/releases/${release.id}`)).supersededBy,
      ).toBeNull();
      await sql`update monitoring_releases set publish_at = now() - interval '1 second' where id = ${correction.id}`.execute(
        t.handle.db,
      );
      const first = ok(await get(undefined, `/api/public/monitoring/releases/${release.id}`));
      expect(first).toMatchObject({
        releaseVersion: 1,
        figures: [],
        supersededBy: { id: correction.id, releaseVersion: 2 },
      });
      expect(first.commentaryZh).toBe('11月全市中小企业景气指数');
      const oldTrace = await get(
        undefined,
        `/api/public/monitoring/releases/${release.id}/trace?measure=overall`,
      );
      expect(oldTrace.statusCode).toBe(404);
      expect(oldTrace.json().message ?? JSON.stringify(oldTrace.json())).toContain('第2版');
      const current = ok(await get(undefined, `/api/public/monitoring/releases/${correction.id}`));
      expect(current).toMatchObject({ releaseVersion: 2, supersededBy: null });
      expect(current.figures.length).toBeGreaterThan(0);
    });

    it('reminds members who have not answered before the deadline, once, and closes a wave after its grace', async () => {
      const second = ok(
        await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
          period: THIS_MONTH,
          opensOn: today,
          closesOn: addDays(today, 2),
        }),
      );
      const first = await monitoringDue(t.handle.db, today);
      expect(first.reminded).toBe(20);
      expect((await monitoringDue(t.handle.db, today)).reminded).toBe(0);
      const after = await monitoringDue(t.handle.db, addDays(today, 3));
      expect(after.closed).toBe(1);
      expect(ok(await get(statistician, `/api/monitoring/waves/${second.id}`)).state).toBe('closed');
    });

    it('names a question the current version dropped, in a series export, as the version that asked it', async () => {
      // The second wave froze version 2; dropping 「costs」 and rewording 「orders」 makes version 3.
      const current = ok(await get(statistician, `/api/monitoring/surveys/${survey.id}`));
      const changed = ok(
        await put(statistician, `/api/monitoring/surveys/${survey.id}`, {
          nameZh: current.nameZh,
          frequency: 'monthly',
          questions: QUESTIONS.filter((q) => q.code !== 'costs').map((q) =>
            q.code === 'orders' ? { ...q, textZh: '本月订单量比上月' } : q,
          ),
          note: '删去成本题',
          version: current.version,
        }),
      );
      expect(changed.currentVersion).toBe(current.currentVersion + 1);
      expect(changed.questions.map((q: Reply) => q.code)).not.toContain('costs');
      const exported = async (measure: string) => {
        const reply = await get(
          undefined,
          `/api/public/monitoring/surveys/${survey.id}/export?format=csv&measure=${measure}`,
        );
        expect(reply.statusCode, reply.body).toBe(200);
        return reply.body.split(/\r?\n/)[1];
      };
      expect(await exported('q:costs')).toContain('本月costs比上月');
      expect(await exported('q:costs')).not.toContain('q:costs');
      // A question still asked is named as the current version words it.
      expect(await exported('q:orders')).toContain('本月订单量比上月');
    });
  });

  describe('weights', () => {
    it('are public with their basis; a set must be whole and sum to 1; officials set their region’s', async () => {
      const listed = ok(await get(undefined, '/api/monitoring/weights'));
      expect(listed.items.filter((w: Reply) => w.kind === 'industry' && w.regionCode === '')).toHaveLength(8);
      expect(listed.items.every((w: Reply) => w.basis.length > 0)).toBe(true);
      const items = [
        'industry',
        'construction',
        'transport',
        'real_estate',
        'wholesale_retail',
        'social_services',
        'information',
        'accommodation_catering',
      ].map((code, i) => ({
        code,
        weight: i === 0 ? '0.3' : '0.1',
      }));
      const national = await put(statistician, '/api/monitoring/weights', {
        kind: 'industry',
        regionCode: '',
        effectiveFrom: '2026-01-01',
        items,
        basis: '本市统计年鉴2025',
        verified: true,
      });
      expect(fieldsOf(national)).toEqual(['regionCode']);
      const wrong = await put(statistician, '/api/monitoring/weights', {
        kind: 'industry',
        regionCode: CITY,
        effectiveFrom: '2026-01-01',
        items: items.map((i) => ({ ...i, weight: '0.1' })),
        basis: '本市统计年鉴2025',
        verified: true,
      });
      expect(wrong.json().errors[0].message).toContain('0.8');
      ok(
        await put(statistician, '/api/monitoring/weights', {
          kind: 'industry',
          regionCode: CITY,
          effectiveFrom: '2026-01-01',
          items,
          basis: '本市统计年鉴2025',
          verified: true,
        }),
      );
      const far = await put(farOfficial, '/api/monitoring/weights', {
        kind: 'industry',
        regionCode: CITY,
        effectiveFrom: '2026-01-01',
        items,
        basis: '外地',
        verified: false,
      });
      expect(far.statusCode).toBe(403);
      void admin;
    });
  });

  describe('the registry’s monthly statistics', () => {
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    it('are counted for an ended month only, with entries and exits, and released like an index', async () => {
      const db = t.handle.db;
      const thisMonth = await post(statistician, '/api/monitoring/registry-runs', {
        period: today.slice(0, 7),
      });
      expect(fieldsOf(thisMonth)).toEqual(['period']);
      // An enterprise established last month (an entry) and one that left "active" last month (an exit).
      const entry = await anEnterprise(db, {
        region: '320583',
        industryCode: 'F51',
        employees: 5,
        revenue: 50,
      });
      await sql`update enterprises set established_on = ${`${lastMonth}-15`}::date where id = ${entry.id}`.execute(
        db,
      );
      const exit = firms[39] as MadeEnterprise;
      await sql`update enterprises set status = 'cancelled', status_changed_on = ${`${lastMonth}-20`}::date
        where id = ${exit.id}`.execute(db);
      const run = ok(await post(statistician, '/api/monitoring/registry-runs', { period: lastMonth }));
      expect(run).toMatchObject({ kind: 'registry', regionCode: CITY, waveId: null });
      const all = (measure: string) => run.figures.find((f: Reply) => f.measure === measure);
      expect(all('entries')).toMatchObject({ value: '1', shown: '1' });
      expect(all('exits')).toMatchObject({ value: '1' });
      // The city's 40 (one gone) and the one established last month.
      expect(all('enterprises').value).toBe('40');
      expect(run.groups.regions).toEqual(['320581', '320583']);
      const byCounty = ok(
        await get(statistician, `/api/monitoring/runs/${run.id}?regionCode=320583&size=micro`),
      );
      expect(byCounty.figures.length).toBeGreaterThan(0);
      let release = ok(
        await post(statistician, '/api/monitoring/releases', { runId: run.id, commentaryZh: '登记企业月报' }),
      );
      release = ok(
        await post(colleague, `/api/monitoring/releases/${release.id}/review`, { version: release.version }),
      );
      release = ok(
        await post(statistician, `/api/monitoring/releases/${release.id}/schedule`, {
          publishAt: new Date().toISOString(),
          version: release.version,
        }),
      );
      expect(release.state).toBe('published');
      const series = ok(
        await get(undefined, `/api/public/monitoring/registry?region=${CITY}&measure=entries`),
      );
      expect(series).toMatchObject({ kind: 'registry', surveyId: null, measure: 'entries' });
      expect(series.points).toEqual([expect.objectContaining({ period: lastMonth, value: '1', shown: '1' })]);
      const listed = ok(await get(undefined, '/api/public/monitoring'));
      expect(listed.items.map((i: Reply) => i.kind)).toContain('registry');
      const xlsx = await get(
        undefined,
        `/api/public/monitoring/registry/export?region=${CITY}&format=xlsx&measure=entries&regionCode=320583`,
      );
      expect(xlsx.statusCode).toBe(200);
      // Named after the group it holds; the counts are number cells.
      expect(xlsx.headers['content-disposition']).toContain('registry-320500-entries-320583.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
      const count = sheet.getRow(2).getCell(6);
      expect(typeof count.value).toBe('number');
      expect((await get(undefined, '/api/public/monitoring/registry?region=110101')).statusCode).toBe(404);
      const runs = ok(await get(statistician, '/api/monitoring/registry-runs'));
      expect(runs.items[0]).toMatchObject({ period: lastMonth, released: true });
      expect(ok(await get(farOfficial, '/api/monitoring/registry-runs')).total).toBe(0);
    });
  });
});
