/**
 * The debtor look-up of the complaint form (issue 12): a credit code (USCC, GB 32100-2015) typed by an enterprise or
 * an official gives the registered enterprise's name and region, nothing else, so the form can fill the debtor's
 * name. Rate-limited: it answers one code at a time, not a way to walk the registry.
 */
import type { Kysely, Transaction } from 'kysely';
import Type from 'typebox';
import { findRegion } from '../../../reference/regions.ts';
import { isValidUscc } from '../../../reference/uscc.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';

/** Look-ups one client may make a minute. */
const LOOKUPS_PER_MINUTE = 60;

const LookupParams = Type.Object({
  uscc: Type.String({ pattern: '^[0-9A-HJ-NP-RTUW-Y]{18}$', description: 'USCC, 18 characters' }),
});
const LookupSchema = Type.Object({
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
});

/** The name and region of the enterprise registered under a USCC, or undefined. */
export async function findEnterpriseName(db: Kysely<Database>, uscc: string) {
  if (!isValidUscc(uscc)) return undefined;
  const row = await db
    .selectFrom('enterprises')
    .select(['name', 'region_code'])
    .where('uscc', '=', uscc)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    name: row.name,
    regionCode: row.region_code,
    regionName: findRegion(row.region_code)?.name ?? row.region_code,
  };
}

/**
 * The id and region of each registered enterprise among some USCCs, by USCC, in one query (another module's batch
 * of rows naming enterprises by their code: a department's credit records). A code the registry lacks is absent.
 */
export async function findEnterprisesByUscc(
  db: Kysely<Database> | Transaction<Database>,
  uscc: readonly string[],
): Promise<Map<string, { id: number; regionCode: string }>> {
  const found = new Map<string, { id: number; regionCode: string }>();
  const codes = [...new Set(uscc)];
  if (codes.length === 0) return found;
  const rows = await db
    .selectFrom('enterprises')
    .select(['id', 'uscc', 'region_code'])
    .where('uscc', 'in', codes)
    .execute();
  for (const r of rows) found.set(r.uscc.trim(), { id: r.id, regionCode: r.region_code });
  return found;
}

/** Registers GET /api/registry/lookup/:uscc. */
export function registryLookupRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/registry/lookup/:uscc',
    {
      config: {
        access: { roles: ['enterprise', 'official', 'admin'] },
        rateLimit: { max: LOOKUPS_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['registry'],
        summary:
          "A registered enterprise's name and region by its USCC (404 when the registry does not know it)",
        params: LookupParams,
        response: { 200: LookupSchema, ...errorResponses },
      },
    },
    async (request) => {
      const found = await findEnterpriseName(db, request.params.uscc);
      if (!found)
        throw new AppError('NOT_FOUND', [], {
          zh: '登记库中没有这个统一社会信用代码',
          en: 'The registry has no enterprise with this credit code',
        });
      return found;
    },
  );
}
