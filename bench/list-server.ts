/**
 * The server of bench/enterprise-list.ts: the app itself (no job runners, so no daily matching of the million
 * enterprises runs during the measurement), plus the peer — the list, search and home queries as they were
 * before issue 11 — on routes of its own, in the same process and on the same database.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { planSearch } from '../src/server/modules/registry/index.ts';

const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl });
const db = handle.db;
const app = await buildApp({ config, db, logger: false });
// The peer on a bare Fastify instance of its own (the app is sealed once built); the official's region comes in
// the query string instead of a session, which spares the peer the session look-up.
const peer = Fastify({ logger: false });
// A pool of its own, so a slow peer query still running when its client gave up never holds ours up.
const peerHandle = await openDatabase({ databaseUrl: config.databaseUrl });
const peerDb = peerHandle.db;

/**
 * The previous list query: the same filter, OFFSET paging and an exact count(*) of every match. Its sort is
 * written `name_initials || ''` so it cannot use the name-order index this change adds: the plan it had.
 */
peer.get('/bench/peer/enterprises', async (request) => {
  const query = request.query as { q?: string; page?: string; prefix: string };
  const { q, page: pageText } = query;
  const page = Number(pageText ?? 1);
  const prefix = `${query.prefix}%`;
  const plan = q ? planSearch(q) : null;
  let where = sql`e.region_code like ${prefix}`;
  if (plan?.kind === 'uscc') where = sql`${where} and e.uscc like ${`${plan.prefix}%`}`;
  if (plan?.kind === 'initials') where = sql`${where} and strpos(e.name_initials, ${plan.text}) > 0`;
  if (plan?.kind === 'name')
    where =
      plan.terms.length > 0
        ? sql`${where} and e.search_terms @> ${plan.terms}::text[]`
        : sql`${where} and strpos(lower(e.name), ${plan.text}) > 0`;
  const text = plan && plan.kind !== 'uscc' ? plan.text : null;
  const order = text
    ? sql`case when lower(e.name) = ${text} then 0 when starts_with(lower(e.name), ${text}) then 1
          when strpos(lower(e.name), ${text}) > 0 then 2 when starts_with(e.name_initials, ${text}) then 3 else 4 end,
          length(e.name), e.id`
    : sql`e.name_initials || '', e.name collate "C", e.id`;
  const joinSize = sql`left join enterprise_sizes s on s.enterprise_id = e.id and s.standard = 'cn-2011'
      and s.year = (select max(year) from size_stats where standard = 'cn-2011')`;
  const [items, count] = await Promise.all([
    sql`
        select e.id, e.uscc, e.name, e.region_code as "regionCode", r.full_name as "regionName",
          e.industry_code as "industryCode", i.name_zh as "industryNameZh", i.name_en as "industryNameEn",
          e.status, e.established_on as "establishedOn", s.year, s.size
        from enterprises e ${joinSize}
        join regions r on r.code = e.region_code
        left join industries i on i.code = left(e.industry_code, 3)
        where ${where} order by ${order} limit 20 offset ${(page - 1) * 20}`.execute(peerDb),
    sql<{ n: number }>`select count(*)::int as n from enterprises e ${joinSize} where ${where}`.execute(
      peerDb,
    ),
  ]);
  return { items: items.rows, total: count.rows[0]?.n ?? 0, page, pageSize: 20 };
});

/** The previous home page of an official: its counts grouped from the enterprises themselves. */
peer.get('/bench/peer/home', async (request) => {
  const { code, prefix: regionPrefix } = request.query as { code: string; prefix: string };
  const prefix = `${regionPrefix}%`;
  const [region, total, byChildRegion, bySection] = await Promise.all([
    sql`select full_name from regions where code = ${code}`.execute(peerDb),
    sql`select count(*)::int as n from enterprises where region_code like ${prefix}`.execute(peerDb),
    sql`
      select c.code as key, c.name as "nameZh", c.name as "nameEn", count(*)::int as count
      from regions c join enterprises e on left(e.region_code, length(
        case c.level when 'province' then left(c.code, 2) when 'city' then left(c.code, 4) else c.code end)) =
        case c.level when 'province' then left(c.code, 2) when 'city' then left(c.code, 4) else c.code end
      where c.parent_code = ${code}
      group by c.code, c.name order by count desc, c.code`.execute(peerDb),
    sql`
      select i.code as key, i.name_zh as "nameZh", i.name_en as "nameEn", count(*)::int as count
      from enterprises e join industries i on i.code = left(e.industry_code, 1)
      where e.region_code like ${prefix}
      group by i.code, i.name_zh, i.name_en order by count desc, i.code`.execute(peerDb),
  ]);
  return {
    region: region.rows[0],
    total: total.rows[0],
    byChildRegion: byChildRegion.rows,
    bySection: bySection.rows,
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
