/**
 * Figure (issue 16, measure 3): the public release page — `GET /api/public/monitoring/surveys/:surveyId`, a
 * published series across its periods with the latest release's figures — p99 ≤ 50 ms with 10 years of monthly
 * releases on PostgreSQL, beside the same page read the naive way, measured in the same run.
 *
 * - Data: `huiqi_bench_monitoring` (bench/monitoring-data.ts builds or reuses it): the national survey's wave of
 *   2026-05 computed by the module (`computeRun`: ~50,000 figures by industry × province × size and every
 *   aggregate), 119 earlier months made from its figures with a drift by month and noise by figure (as many rows
 *   each), and 120 releases scheduled and published — ~6,000,000 figures in `monitoring_figures`.
 * - The server (bench/monitoring-public-server.ts) runs in its own process: the app (`buildApp`, over HTTP) and the
 *   peer on a bare Fastify of its own — the survey, every published release (latest version per period kept in the
 *   process), one query per period for the series' figure, and the latest release's figures all loaded and
 *   filtered in the process.
 * - Two pages: the headline (the overall index of all enterprises, the default) and a selection (a sub-index of
 *   one province: the public sees one breakdown at a time). Each timed one request at a time after a warm-up (`--requests`, fewer
 *   when they take more than the budget), then under load (autocannon, `--connections`, `--seconds`). The answers
 *   of ours and the peer are compared (every point and the latest figures).
 *
 * Usage: npx tsx bench/monitoring-public.ts [--requests 2000] [--seconds 10] [--connections 10]
 */
import os from 'node:os';
import { printFigures } from './financing-data.ts';
import {
  type LoadResult,
  load,
  numberOption,
  printTable,
  startChild,
  stopChild,
  timeRequests,
} from './lib.ts';
import {
  buildMonitoringBenchDatabase,
  buildMonitoringReleases,
  MONITORING_BENCH_AUDIT_KEY,
} from './monitoring-data.ts';

const REQUESTS = numberOption('requests', 2000);
const SECONDS = numberOption('seconds', 10);
const CONNECTIONS = numberOption('connections', 10);

const built = await buildMonitoringBenchDatabase();
const releases = await buildMonitoringReleases(built);

const server = await startChild(
  ['--import', 'tsx', 'bench/monitoring-public-server.ts'],
  {
    HUIQI_MODE: 'development',
    HUIQI_WEB_DIR: '/nonexistent',
    HUIQI_DEMO: 'false',
    HUIQI_AUDIT_KEY: MONITORING_BENCH_AUDIT_KEY,
    DATABASE_URL: built.url,
    LOG_LEVEL: 'silent',
  },
  /LISTENING (http:\/\/\S+ http:\/\/\S+)/,
);
const [appUrl, peerUrl] = server.url.split(' ') as [string, string];

const CASES = [
  { label: 'headline (overall, all enterprises)', query: '' },
  {
    // The public sees one breakdown at a time (docs/reference/monitoring.md §12): a province.
    label: 'a selection (market sub-index, 440000)',
    query: '?measure=sub:market&regionCode=440000',
  },
];

type Page = {
  points: {
    period: string;
    value: string | null;
    shown: string | null;
    releaseId: number;
    releaseVersion: number;
  }[];
  latest: {
    period: string;
    releaseId: number;
    figures: { measure: string; value: string | null; responses: number }[];
  };
  measures: string[];
  groups: { industries: string[]; regions: string[]; sizes: string[] };
};
/** What both answers must agree on. */
const comparable = (p: Page) => ({
  points: p.points.map((x) => [x.period, x.value, x.shown, x.releaseId, x.releaseVersion]),
  latest: [
    p.latest.period,
    p.latest.releaseId,
    p.latest.figures.map((f) => [f.measure, f.value, f.responses]),
  ],
  measures: p.measures,
  groups: p.groups,
});

const loadBefore = os.loadavg() as [number, number, number];
const single: {
  label: string;
  ours: Awaited<ReturnType<typeof timeRequests>>;
  peer: Awaited<ReturnType<typeof timeRequests>>;
  agree: boolean;
  points: number;
}[] = [];
const loaded: LoadResult[] = [];
try {
  const path = `/api/public/monitoring/surveys/${releases.surveyId}`;
  const peerPath = `/bench/peer/monitoring/surveys/${releases.surveyId}`;
  for (const c of CASES) {
    const ours = await timeRequests(`${appUrl}${path}${c.query}`, '', REQUESTS, 120_000);
    const peer = await timeRequests(`${peerUrl}${peerPath}${c.query}`, '', REQUESTS, 60_000);
    const a = comparable(ours.body as unknown as Page);
    const b = comparable(peer.body as unknown as Page);
    const agree = JSON.stringify(a) === JSON.stringify(b);
    if (!agree) {
      for (const k of Object.keys(a) as (keyof typeof a)[])
        if (JSON.stringify(a[k]) !== JSON.stringify(b[k]))
          console.log(
            `${c.label}: ${k} differ:\n  ours ${JSON.stringify(a[k]).slice(0, 400)}\n  peer ${JSON.stringify(b[k]).slice(0, 400)}`,
          );
    }
    single.push({ label: c.label, ours, peer, agree, points: (ours.body as unknown as Page).points.length });
    console.log(`  ${c.label}: ours p99 ${ours.p99.toFixed(1)} ms, peer p99 ${peer.p99.toFixed(1)} ms`);
  }
  const head = CASES[0] as (typeof CASES)[number];
  loaded.push(await load(`huiqi: GET ${path}`, `${appUrl}${path}`, SECONDS, CONNECTIONS));
  loaded.push(
    await load(`peer:  the naive page`, `${peerUrl}${peerPath}${head.query}`, SECONDS, CONNECTIONS),
  );
} finally {
  await stopChild(server.child);
}
const loadAfter = os.loadavg() as [number, number, number];

console.log(
  `\n${releases.releases} published monthly releases of survey ${releases.surveyId}, ${releases.figures.toLocaleString('en')} figures (${releases.figuresPerRun.toLocaleString('en')} a release) (PostgreSQL)\n`,
);
console.log(
  `${'one request at a time'.padEnd(64)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'calls'.padStart(6)}`,
);
for (const s of single) {
  console.log(
    `${`ours: ${s.label}`.padEnd(64)} ${s.ours.p50.toFixed(1).padStart(8)} ${s.ours.p99.toFixed(1).padStart(8)} ${String(s.ours.requests).padStart(6)}`,
  );
  console.log(
    `${`peer: ${s.label}`.padEnd(64)} ${s.peer.p50.toFixed(1).padStart(8)} ${s.peer.p99.toFixed(1).padStart(8)} ${String(s.peer.requests).padStart(6)}`,
  );
}
console.log(`\nUnder load: ${CONNECTIONS} connections, ${SECONDS} s each`);
printTable(loaded);
for (const s of single)
  console.log(`${s.label}: ${s.points} points; ours and the peer ${s.agree ? 'agree' : 'DISAGREE'}.`);
console.log(
  `Load average (1, 5 min) on ${os.cpus().length} cores: ${loadBefore[0].toFixed(1)}, ${loadBefore[1].toFixed(1)} before; ${loadAfter[0].toFixed(1)}, ${loadAfter[1].toFixed(1)} after (other work on this machine).`,
);
printFigures(
  single.map((s) => ({
    figure: `public page, ${releases.releases} monthly releases, ${s.label}: p99 (p50)`,
    ours: `${s.ours.p99.toFixed(1)} ms (${s.ours.p50.toFixed(1)})`,
    peer: `${s.peer.p99.toFixed(1)} ms (${s.peer.p50.toFixed(1)})`,
    target: 'p99 ≤ 50 ms, same answer',
    met: s.ours.p99 <= 50 && s.agree && s.points === releases.releases,
  })),
);
