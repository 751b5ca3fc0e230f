/**
 * The server of bench/monitoring-public.ts: the app itself (`buildApp`, no job runners), plus the peer — the public
 * release page read the naive way — on a bare Fastify instance of its own, in the same process and on the same
 * database (a pool of its own).
 *
 * The peer's page, the same answer as `GET /api/public/monitoring/surveys/:surveyId`: the survey; every published
 * release of the survey (the latest version of each period kept in the process); then one query per period for the
 * figure of the series; and the latest release's figures all loaded (every group of every measure, ~50,000 rows)
 * and filtered in the process for the page's figures (the group picked; '' = all) and the groups it offers.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { formatIndex } from '../src/reference/monitoring.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';

const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl });
const app = await buildApp({ config, db: handle.db, logger: false });
const peer = Fastify({ logger: false });
const peerHandle = await openDatabase({ databaseUrl: config.databaseUrl });
const db = peerHandle.db;

const shown = (value: string | null) => (value === null ? null : formatIndex(Number(value)));
const ORDER = (m: string) => (m === 'overall' ? 0 : m === 'pmi' ? 1 : m.startsWith('sub:') ? 2 : 3);

peer.get('/bench/peer/monitoring/surveys/:surveyId', async (request, reply) => {
  const surveyId = Number((request.params as { surveyId: string }).surveyId);
  const q = request.query as { measure?: string; industry?: string; regionCode?: string; size?: string };
  const measure = q.measure ?? 'overall';
  const industry = q.industry ?? '';
  const region = q.regionCode ?? '';
  const size = q.size ?? '';
  const { rows: surveys } = await sql<{ id: number; name_zh: string; name_en: string; region_code: string }>`
    select id, name_zh, name_en, region_code from monitoring_surveys where id = ${surveyId}`.execute(db);
  const survey = surveys[0];
  if (!survey) return reply.code(404).send({ code: 'NOT_FOUND' });
  const { rows: all } = await sql<{
    id: number;
    period: string;
    release_version: number;
    run_id: number;
    publish_at: Date;
    commentary_zh: string;
    commentary_en: string;
    correction_note: string | null;
  }>`
    select id, period, release_version, run_id, publish_at, commentary_zh, commentary_en, correction_note
    from monitoring_releases
    where kind = 'index' and survey_id = ${surveyId} and state = 'scheduled' and publish_at <= now()
    order by period, release_version`.execute(db);
  const latestOf = new Map<string, (typeof all)[number]>();
  for (const r of all) latestOf.set(r.period, r);
  const releases = [...latestOf.values()];
  const points = [];
  for (const r of releases) {
    const { rows } = await sql<{ value: string | null }>`
      select trim_scale(value)::text as value from monitoring_figures where run_id = ${r.run_id}
        and measure = ${measure} and industry = ${industry} and region_code = ${region} and size = ${size}`.execute(
      db,
    );
    const value = rows[0]?.value ?? null;
    // The public is given a figure as shown, to one decimal (docs/reference/monitoring.md §12).
    points.push({
      period: r.period,
      value: shown(value),
      shown: shown(value),
      releaseId: Number(r.id),
      releaseVersion: r.release_version,
    });
  }
  const last = releases.at(-1);
  if (!last) return reply.code(404).send({ code: 'NOT_FOUND' });
  const { rows: figures } = await sql<{
    measure: string;
    industry: string;
    region_code: string;
    size: string;
    value: string | null;
    responses: number;
  }>`
    select measure, industry, region_code, size, trim_scale(value)::text as value, responses
    from monitoring_figures where run_id = ${last.run_id}`.execute(db);
  // The latest figures of the group picked ('' = all), as the page shows them.
  const headline = figures
    .filter((f) => f.industry === industry && f.region_code === region && f.size === size)
    .sort((a, b) => ORDER(a.measure) - ORDER(b.measure) || (a.measure < b.measure ? -1 : 1))
    .map((f) => ({
      measure: f.measure,
      industry: f.industry,
      regionCode: f.region_code,
      size: f.size,
      value: shown(f.value),
      shown: shown(f.value),
      responses: f.responses,
    }));
  const distinct = (
    pick: (f: (typeof figures)[number]) => string,
    only: (f: (typeof figures)[number]) => boolean,
  ) =>
    [...new Set(figures.filter((f) => f.measure === 'overall' && only(f)).map(pick))]
      .filter((x) => x !== '')
      .sort();
  return {
    surveyId: Number(survey.id),
    nameZh: survey.name_zh,
    nameEn: survey.name_en,
    regionCode: survey.region_code,
    measure,
    industry,
    region,
    size,
    points,
    latest: {
      releaseId: Number(last.id),
      period: last.period,
      publishAt: last.publish_at,
      commentaryZh: last.commentary_zh,
      commentaryEn: last.commentary_en,
      correctionNote: last.correction_note,
      releaseVersion: last.release_version,
      figures: headline.filter((f) => !f.measure.startsWith('q:')),
    },
    // The measures the survey publishes: the all-enterprises group's.
    measures: figures
      .filter((f) => f.industry === '' && f.region_code === '' && f.size === '')
      .sort((a, b) => ORDER(a.measure) - ORDER(b.measure) || (a.measure < b.measure ? -1 : 1))
      .map((f) => f.measure),
    groups: {
      industries: distinct(
        (f) => f.industry,
        (f) => f.region_code === '' && f.size === '',
      ),
      regions: distinct(
        (f) => f.region_code,
        (f) => f.industry === '' && f.size === '',
      ),
      sizes: distinct(
        (f) => f.size,
        (f) => f.industry === '' && f.region_code === '',
      ),
    },
  };
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
const peerAddress = await peer.listen({ host: '127.0.0.1', port: 0 });
console.log(`LISTENING ${address} ${peerAddress}`);
const stop = async () => {
  await app.close();
  await peer.close();
  await peerHandle.close();
  await handle.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
