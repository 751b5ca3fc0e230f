/**
 * A published release as the public reads it (issue 16, a new user's trial): the PMI's trace lists each component as
 * it enters the PMI — the supplier delivery times as 100 − its index, its own index beside it — so that the weights
 * × the values listed give the PMI; the method says which weights were used (the run's recorded weight sets: the
 * platform's equal unverified defaults, or a dated set with its basis), not that they are value-added shares.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { anOfficial, signIn } from '../../../../test/helpers/factories.ts';

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Reply = Record<string, any>;

describe('a published release read by the public', () => {
  let t: TestApp;
  let releaseId: number;

  const get = async (url: string, headers?: Record<string, string>) => {
    const response = await t.request('GET', url, headers ? { headers } : {});
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const release = await t.handle.db
      .selectFrom('monitoring_releases')
      .select('id')
      .where('kind', '=', 'index')
      .where('state', '=', 'scheduled')
      .where('publish_at', '<=', new Date())
      .orderBy('period', 'desc')
      .orderBy('release_version', 'desc')
      .executeTakeFirstOrThrow();
    releaseId = Number(release.id);
  });
  afterAll(async () => t.close());

  it('lists the PMI’s components as they enter it: the weights × the values listed give the PMI', async () => {
    const trace = (
      await get(`/api/public/monitoring/releases/${releaseId}/trace?measure=pmi`)
    ).json() as Reply;
    expect(trace.figure.value).not.toBeNull();
    const components = trace.components as Reply[];
    expect(components.map((c) => c.measure)).toEqual([
      'pmi:new_orders',
      'pmi:output',
      'pmi:employment',
      'pmi:supplier_delivery',
      'pmi:raw_material_inventory',
    ]);
    const sum = components.reduce((s, c) => s + Number(c.weight) * Number(c.value), 0);
    // Each value is shown to one decimal: the sum is the PMI within their rounding.
    expect(Math.abs(sum - Number(trace.figure.value))).toBeLessThanOrEqual(0.05);
    const delivery = components.find((c) => c.measure === 'pmi:supplier_delivery') as Reply;
    expect(Number(delivery.value)).toBeCloseTo(100 - Number(delivery.index), 5);
    expect(delivery.label).toBe(`供应商配送时间指数（由指数 ${delivery.index} 取 100 − 指数）`);
    // The others enter as they are.
    expect(components.filter((c) => c.index !== undefined).map((c) => c.measure)).toEqual([
      'pmi:supplier_delivery',
    ]);
    // One step down, the delivery times' own index, as its label says.
    const own = (
      await get(`/api/public/monitoring/releases/${releaseId}/trace?measure=pmi:supplier_delivery`)
    ).json() as Reply;
    expect(own.figure.shown).toBe(delivery.index);
  });

  it('names the weight sets a release used with their bases; a trace, the set its method weighs with', async () => {
    const release = (await get(`/api/public/monitoring/releases/${releaseId}`)).json() as Reply;
    const industrySet = {
      kind: 'industry',
      regionCode: '',
      effectiveFrom: '2000-01-01',
      verified: false,
      basis: ['平台默认：各行业等权（中国中小企业发展指数的行业增加值权重未公开，待按本地增加值占比设定）'],
    };
    expect(release.weights).toContainEqual(industrySet);
    expect(release.weights.map((w: Reply) => w.kind).sort()).toEqual(['industry', 'sub_index']);
    const overall = (
      await get(`/api/public/monitoring/releases/${releaseId}/trace?measure=overall`)
    ).json() as Reply;
    expect(overall.weights).toEqual(industrySet);
    // The method says where the defaults come from, in the reader's language.
    expect(overall.method).toContain('来源：全国平台默认权重集');
    const en = (
      await get(`/api/public/monitoring/releases/${releaseId}/trace?measure=overall`, {
        'accept-language': 'en',
      })
    ).json() as Reply;
    expect(en.method).toContain('Source: the national default set of the platform');
    // The PMI weighs its components by its formula, not by a weight set.
    const pmi = (await get(`/api/public/monitoring/releases/${releaseId}/trace?measure=pmi`)).json() as Reply;
    expect(pmi.weights).toBeNull();
  });

  it('says in the method which weights the run used: the equal unverified defaults, or a dated set with its basis', async () => {
    const method = async (query: string, lang = 'zh-CN') =>
      (
        (
          await get(`/api/public/monitoring/releases/${releaseId}/trace?${query}`, {
            'accept-language': lang,
          })
        ).json() as Reply
      ).method as string;
    const overall = await method('measure=overall');
    expect(overall).toContain('本期使用平台默认权重：各行业等权，尚未核实（并非增加值占比）');
    expect(overall).not.toContain('行业权重（增加值占比）');
    expect(await method('measure=overall', 'en')).toContain(
      'This period used the platform’s default weights: the industries weighted equally, not verified',
    );
    const { runId, industry } = await t.handle.db
      .selectFrom('monitoring_releases as r')
      .innerJoin('monitoring_figures as f', 'f.run_id', 'r.run_id')
      .select(['r.run_id as runId', 'f.industry'])
      .where('r.id', '=', releaseId)
      .where('f.industry', '<>', '')
      .where('f.measure', '=', 'overall')
      .where('f.region_code', '=', '')
      .where('f.size', '=', '')
      .executeTakeFirstOrThrow();
    expect(await method(`measure=overall&industry=${industry}`)).toContain(
      '本期使用平台默认权重：各分项等权，尚未核实',
    );
    // A run that used a dated, verified set of a region names it with its basis.
    const codes = await t.handle.db
      .selectFrom('monitoring_weights')
      .select('code')
      .where('kind', '=', 'industry')
      .where('region_code', '=', '')
      .execute();
    await t.handle.db
      .insertInto('monitoring_weights')
      .values(
        codes.map((c) => ({
          kind: 'industry' as const,
          code: c.code,
          region_code: '320000',
          effective_from: '2025-01-01',
          weight: '0.125',
          basis: '江苏统计年鉴 2024 行业增加值',
          verified: true,
        })),
      )
      .execute();
    await sql`update monitoring_runs set weights = jsonb_set(weights, '{sources}', ${JSON.stringify([
      { kind: 'sub_index', regionCode: '', effectiveFrom: '2000-01-01', verified: false },
      { kind: 'industry', regionCode: '320000', effectiveFrom: '2025-01-01', verified: true },
    ])}::jsonb) where id = ${runId}`.execute(t.handle.db);
    expect(await method('measure=overall')).toContain(
      '本期使用江苏省自 2025-01-01 起的权重（依据：江苏统计年鉴 2024 行业增加值），已核实',
    );
  });

  it('gives a release’s figures as CSV or XLSX, as the page shows them; a corrected version gives none', async () => {
    const release = (await get(`/api/public/monitoring/releases/${releaseId}`)).json() as Reply;
    const csv = await get(`/api/public/monitoring/releases/${releaseId}?format=csv&lang=zh`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(`release-${releaseId}-`);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('期次,指标,行业,地区,规模,指数,答卷数,发布版本');
    // One line a figure the page lists, each as shown (one decimal) or withheld in words.
    expect(lines.length - 1).toBe(release.figures.length);
    const overall = release.figures.find(
      (f: Reply) => f.measure === 'overall' && f.industry === '' && f.regionCode === '' && f.size === '',
    );
    expect(lines).toContain(
      `${release.period},中小企业发展指数,全部,全部,全部,${overall.shown},${overall.responses},${release.releaseVersion}`,
    );
    // Questions by their text, not their codes.
    expect(lines.some((l) => l.includes(',q:'))).toBe(false);
    const en = await get(`/api/public/monitoring/releases/${releaseId}?format=csv&lang=en`);
    expect(en.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      'Period,Measure,Industry,Region,Size,Index,Responses,Release version',
    );
    const xlsx = await get(`/api/public/monitoring/releases/${releaseId}?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Corrected by a later version: the first keeps its words, gives no file, and says which version to read.
    await sql`insert into monitoring_releases (kind, survey_id, region_code, period, release_version, wave_id,
        run_id, state, correction_note, publish_at, reviewed_by)
      select kind, survey_id, region_code, period, release_version + 1, wave_id, run_id, 'scheduled', '更正说明',
        now() - interval '1 second', reviewed_by
      from monitoring_releases where id = ${releaseId}`.execute(t.handle.db);
    const old = await t.request('GET', `/api/public/monitoring/releases/${releaseId}?format=csv`);
    expect(old.statusCode).toBe(404);
    expect(old.json().message).toContain(`第${release.releaseVersion + 1}版`);
    // The officials' list says the first version was corrected, and by which.
    const official = await signIn(t, await anOfficial(t.handle.db, { region: release.regionCode }));
    const listed = await t.request('GET', `/api/monitoring/releases/${releaseId}`, { session: official });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().supersededBy).toMatchObject({ releaseVersion: release.releaseVersion + 1 });
  });
});
