/**
 * The demo's monitoring keeps to the module's own rules (issue 16): its panel joined before the first wave it
 * answered, and every submitted questionnaire carries exactly the flags the module's checks raise on its answers —
 * none in the six published months, and this month a straight-lined questionnaire, a headcount that jumps and a
 * required answer left out.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { enterpriseFactsSql, latestSizeYear } from '../registry/index.ts';
import { questionsOf } from './monitoring.repository.ts';
import { qualityFlags, type StoredAnswer } from './monitoring.rules.ts';

interface ResponseRow {
  wave_id: number;
  enterprise_id: number;
  survey_id: number;
  survey_version: number;
  period: string;
  closes_on: string;
  state: string;
  submitted_on: string;
  joined_on: string;
}

describe('the monitoring demo', () => {
  let t: TestApp;
  let responses: ResponseRow[];

  beforeAll(async () => {
    t = await createTestApp();
    const { rows } = await sql<ResponseRow>`
      select r.wave_id, r.enterprise_id, w.survey_id, w.survey_version, w.period,
        to_char(w.closes_on, 'YYYY-MM-DD') as closes_on, r.state,
        to_char(r.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as submitted_on,
        to_char(m.joined_on, 'YYYY-MM-DD') as joined_on
      from monitoring_responses r join monitoring_waves w on w.id = r.wave_id
      join monitoring_panel_members m on m.survey_id = w.survey_id and m.enterprise_id = r.enterprise_id
      where r.state in ('submitted', 'accepted')
      order by w.period, r.enterprise_id`.execute(t.handle.db);
    responses = rows;
  });
  afterAll(() => t.close());

  it('has every panel member join before the first wave it answers', async () => {
    expect(responses.length).toBeGreaterThan(6 * 8);
    for (const r of responses)
      expect(r.joined_on <= r.submitted_on, `${r.enterprise_id} ${r.period}`).toBe(true);
    const { rows } = await sql<{ first_wave: string; drawn: string }>`
      select (select to_char(min(opens_on), 'YYYY-MM-DD') from monitoring_waves) as first_wave,
        (select to_char(max(created_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') from monitoring_draws) as drawn`.execute(
      t.handle.db,
    );
    expect(rows[0]?.drawn && rows[0].drawn < (rows[0].first_wave ?? '')).toBe(true);
  });

  it('flags each submitted questionnaire exactly as the module’s checks flag its answers', async () => {
    const db = t.handle.db;
    const year = (await latestSizeYear(db)) ?? 0;
    const answersOf = async (waveId: number, enterpriseId: number): Promise<StoredAnswer[]> =>
      (
        await sql<StoredAnswer>`
          select question_code as "questionCode", level, trim_scale(number)::text as number, choice, text
          from monitoring_answers where wave_id = ${waveId} and enterprise_id = ${enterpriseId}`.execute(db)
      ).rows;
    const questions = await questionsOf(db, Number(responses[0]?.survey_id), 1);
    let checked = 0;
    for (const r of responses) {
      const previous = responses
        .filter((p) => p.enterprise_id === r.enterprise_id && p.period < r.period)
        .at(-1);
      const registry = await sql<{ employees: string | null }>`
        select employees::text as employees from ${enterpriseFactsSql.figures(year)} f
        where f.enterprise_id = ${r.enterprise_id}`.execute(db);
      const expected = qualityFlags({
        questions,
        answers: await answersOf(r.wave_id, r.enterprise_id),
        previous: previous ? await answersOf(previous.wave_id, previous.enterprise_id) : [],
        registry: { employees: registry.rows[0]?.employees ?? null },
        day: r.submitted_on,
        closesOn: r.closes_on,
        earlierSubmission: null,
      });
      const stored = await sql<{ kind: string; question_code: string | null }>`
        select kind, question_code from monitoring_flags
        where wave_id = ${r.wave_id} and enterprise_id = ${r.enterprise_id}`.execute(db);
      const pairs = (list: { kind: string; code: string | null }[]) =>
        list.map((f) => `${f.kind}:${f.code ?? ''}`).sort();
      expect(
        pairs(stored.rows.map((f) => ({ kind: f.kind, code: f.question_code }))),
        `${r.enterprise_id} ${r.period}`,
      ).toEqual(pairs(expected.map((f) => ({ kind: f.kind, code: f.questionCode }))));
      checked += 1;
    }
    expect(checked).toBe(responses.length);
  });

  it('shows the published months clean and this month’s straight-lining, jump and missing answer open', async () => {
    const { rows } = await sql<{ state: string; kind: string; wave_state: string }>`
      select f.state, f.kind, w.state as wave_state from monitoring_flags f
      join monitoring_waves w on w.id = f.wave_id order by f.kind`.execute(t.handle.db);
    expect(rows.filter((f) => f.wave_state === 'closed')).toEqual([]);
    expect(rows.every((f) => f.state === 'open')).toBe(true);
    const kinds = new Set(rows.map((f) => f.kind));
    expect(kinds.has('straight_lining')).toBe(true);
    expect(kinds.has('jump_last_wave')).toBe(true);
    expect(kinds.has('missing')).toBe(true);
  });
});
