/**
 * Issue 20, "bad input and faults": a write that would break a rule on Citus — one USCC, one enterprise — made on
 * two shards' paths at once is refused as on one PostgreSQL. Two counties' officials import the same new USCC,
 * each as an enterprise of their own county, and the two imports write side by side: the first holds its claim
 * of the code (registry.writes.ts, `enterprise_usccs`) uncommitted while the second's claim, with an enterprise
 * id of another shard, waits for it. The first creates the enterprise; the second finds it registered outside its
 * importer's region and refuses the row (IMPORT_ENTERPRISE_OUT_OF_SCOPE). The same race runs on a plain
 * PostgreSQL database of the coordinator's server, and both end alike, down to the rejected row's report.
 */
import { type Kysely, type KyselyPlugin, type QueryId, RawNode, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/reference/uscc.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { claimNextJob, runImportJob } from '../../src/server/modules/registry/index.ts';
import { ERROR_CODES } from '../../src/shared/errors.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { untilASessionWaitsForALock } from '../helpers/db.ts';
import { anOfficial, signIn } from '../helpers/factories.ts';

const HEADER = '统一社会信用代码,企业名称,注册地行政区划代码,行业代码,年度,从业人员,营业收入（万元）';
const FIRST_COUNTY = '320583';
const SECOND_COUNTY = '320581';

/**
 * The database as an import sees it, its transaction held open right after it claimed a USCC (the claim's
 * statement answered, nothing committed) until `release()`.
 */
function heldAfterClaim(db: Kysely<Database>) {
  const claims = new WeakSet<QueryId>();
  let claimed!: () => void;
  const isClaimed = new Promise<void>((resolve) => (claimed = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      if (RawNode.is(node) && /insert into enterprise_usccs/.test(node.sqlFragments.join('')))
        claims.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }) {
      if (claims.has(queryId)) {
        claimed();
        await released;
      }
      return result;
    },
  };
  return { db: db.withPlugin(plugin), isClaimed, release };
}

/** Whether a database is a Citus one (this run also makes plain PostgreSQL ones). */
async function isCitus(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ citus: boolean }>`
    select exists (select 1 from pg_extension where extname = 'citus') as citus`.execute(db);
  return rows[0]?.citus === true;
}

/**
 * Draws enterprise ids until the next two fall on different shards of `enterprises`, so that the two imports'
 * claims (the first draws the next id, the second the one after) are on two shards' paths. Returns the last id
 * drawn. On plain PostgreSQL one draw.
 */
async function nextIdsOnTwoShards(db: Kysely<Database>): Promise<number> {
  for (;;) {
    const { rows } = await sql<{ id: number }>`
      select nextval(pg_get_serial_sequence('enterprises', 'id')) as id`.execute(db);
    const id = Number(rows[0]?.id);
    if (!(await isCitus(db))) return id;
    const { rows: shards } = await sql<{ apart: boolean }>`
      select get_shard_id_for_distribution_column('enterprises', ${id + 1}::bigint)
        <> get_shard_id_for_distribution_column('enterprises', ${id + 2}::bigint) as apart`.execute(db);
    if (shards[0]?.apart) return id;
  }
}

/** One side of the race: a county's app, signed in. */
interface County {
  t: TestApp;
  official: Session;
  region: string;
}

describe('one USCC imported in two counties at once, on Citus as on one PostgreSQL', () => {
  let citus: TestApp;
  let plain: TestApp;
  const counties = new Map<TestApp, { first: County; second: County }>();

  beforeAll(async () => {
    citus = await createTestApp({ demo: false });
    plain = await createTestApp({ demo: false, database: { citus: false } });
    expect(await isCitus(citus.handle.db)).toBe(true);
    expect(await isCitus(plain.handle.db)).toBe(false);
    for (const t of [citus, plain]) {
      const side = async (region: string): Promise<County> => ({
        t,
        official: await signIn(t, await anOfficial(t.handle.db, { region })),
        region,
      });
      counties.set(t, { first: await side(FIRST_COUNTY), second: await side(SECOND_COUNTY) });
    }
  });
  afterAll(async () => {
    await citus?.close();
    await plain?.close();
  });

  /** A county's official uploads a one-row file registering `uscc` in the county; the import's id. */
  async function upload(county: County, uscc: string, mode: string): Promise<number> {
    const file = [
      HEADER,
      `${uscc},竞争登记${county.region}机械有限公司,${county.region},C34,2025,20,800`,
    ].join('\n');
    const response = await county.t.app.inject({
      method: 'POST',
      url: `/api/registry/imports?fileName=race.csv&mode=${mode}`,
      headers: {
        cookie: county.official.cookie,
        'x-csrf-token': county.official.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: file,
    });
    expect(response.statusCode, response.body).toBe(202);
    return response.json().id;
  }

  /** An import as its official reads it, in both languages: the job and its rejected rows. */
  async function report(county: County, id: number) {
    const read = async (language: string) => {
      const headers = { 'accept-language': language };
      const job = await county.t.request('GET', `/api/registry/imports/${id}`, {
        session: county.official,
        headers,
      });
      const errors = await county.t.request('GET', `/api/registry/imports/${id}/errors`, {
        session: county.official,
        headers,
      });
      const { status, rowsRead, rowsLoaded, rowsRejected, rowsUnchanged, errorMessage } = job.json();
      return {
        status,
        rowsRead,
        rowsLoaded,
        rowsRejected,
        rowsUnchanged,
        errorMessage,
        errors: errors.json().items,
      };
    };
    return { zh: await read('zh'), en: await read('en') };
  }

  /** The race on one database: both imports of `uscc`, the first holding its claim while the second waits. */
  async function race(t: TestApp, uscc: string, mode: string) {
    const { first, second } = counties.get(t) as { first: County; second: County };
    const drawn = await nextIdsOnTwoShards(t.handle.db);
    const firstId = await upload(first, uscc, mode);
    const secondId = await upload(second, uscc, mode);
    expect(await claimNextJob(t.handle.db)).toBe(firstId);
    expect(await claimNextJob(t.handle.db)).toBe(secondId);
    const held = heldAfterClaim(t.handle.db);
    const firstRun = runImportJob(held.db, firstId, todayInChina());
    let secondRun: Promise<unknown> = Promise.resolve();
    try {
      await held.isClaimed;
      secondRun = runImportJob(t.handle.db, secondId, todayInChina());
      // The second's claim of the code waits for the first's (on Citus: on the worker of the code's shard).
      await untilASessionWaitsForALock(t.handle);
    } finally {
      held.release();
    }
    expect(await firstRun).toBe('succeeded');
    await secondRun;
    const enterprises = await t.handle.db
      .selectFrom('enterprises')
      .select(['id', 'name', 'region_code'])
      .where('uscc', '=', uscc)
      .execute();
    const claims = await t.handle.db
      .selectFrom('enterprise_usccs')
      .select('enterprise_id')
      .where('uscc', '=', uscc)
      .execute();
    const { rows } = await sql<{ last: number }>`
      select pg_sequence_last_value(pg_get_serial_sequence('enterprises', 'id')::regclass) as last`.execute(
      t.handle.db,
    );
    return {
      first: await report(first, firstId),
      second: await report(second, secondId),
      enterprises: enterprises.map((e) => ({ name: e.name, region: e.region_code })),
      // The ids as drawn, relative to the last drawn before the race: the first's enterprise, the second's claim.
      ids: {
        enterprise: enterprises.map((e) => Number(e.id) - drawn),
        claimed: claims.map((c) => Number(c.enterprise_id) - drawn),
        drawnBySecond: Number(rows[0]?.last) - drawn,
      },
    };
  }

  /** The report of a row refused because its enterprise is registered in the other county. */
  const refusedRow = (language: 'zh' | 'en') => ({
    row: 2,
    field: 'uscc',
    code: 'IMPORT_ENTERPRISE_OUT_OF_SCOPE',
    message: ERROR_CODES.IMPORT_ENTERPRISE_OUT_OF_SCOPE[language],
  });

  it('refuses the second of two all-or-nothing imports of one new USCC, its file rejected as on PostgreSQL', async () => {
    const uscc = makeUscc('91320583RC0000001');
    const onCitus = await race(citus, uscc, 'all_or_nothing');
    const onPostgres = await race(plain, uscc, 'all_or_nothing');
    expect(onCitus).toEqual(onPostgres);
    expect(onCitus.enterprises).toEqual([
      { name: `竞争登记${FIRST_COUNTY}机械有限公司`, region: FIRST_COUNTY },
    ]);
    expect(onCitus.ids).toEqual({ enterprise: [1], claimed: [1], drawnBySecond: 2 });
    expect(onCitus.first.en).toMatchObject({
      status: 'succeeded',
      rowsLoaded: 1,
      rowsRejected: 0,
      errors: [],
    });
    expect(onCitus.second.en).toMatchObject({
      status: 'rejected',
      rowsLoaded: 0,
      rowsRejected: 1,
      errorMessage:
        '1 row has an error; nothing was imported; the enterprise of row 2 is registered outside your region',
    });
    expect(onCitus.second.en.errors).toMatchObject([refusedRow('en')]);
    expect(onCitus.second.zh.errors).toMatchObject([refusedRow('zh')]);
    // The enterprise the first created and the id the second drew are on two shards.
    const { rows } = await sql<{ apart: boolean }>`
      select get_shard_id_for_distribution_column('enterprises', e.id)
        <> get_shard_id_for_distribution_column('enterprises', e.id + 1) as apart
      from enterprises e where e.uscc = ${uscc}`.execute(citus.handle.db);
    expect(rows).toEqual([{ apart: true }]);
  });

  it('refuses the row of the second of two valid-rows imports of one new USCC, as on PostgreSQL', async () => {
    const uscc = makeUscc('91320583RC0000002');
    const onCitus = await race(citus, uscc, 'valid_rows');
    const onPostgres = await race(plain, uscc, 'valid_rows');
    expect(onCitus).toEqual(onPostgres);
    expect(onCitus.enterprises).toEqual([
      { name: `竞争登记${FIRST_COUNTY}机械有限公司`, region: FIRST_COUNTY },
    ]);
    expect(onCitus.ids).toEqual({ enterprise: [1], claimed: [1], drawnBySecond: 2 });
    expect(onCitus.first.en).toMatchObject({
      status: 'succeeded',
      rowsLoaded: 1,
      rowsRejected: 0,
      errors: [],
    });
    expect(onCitus.second.en).toMatchObject({ status: 'succeeded', rowsLoaded: 0, rowsRejected: 1 });
    expect(onCitus.second.en.errors).toMatchObject([refusedRow('en')]);
    expect(onCitus.second.zh.errors).toMatchObject([refusedRow('zh')]);
  });
});
