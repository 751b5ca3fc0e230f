/**
 * An enterprise's financing history (issue 15: "financing outcomes feed the registry"): its demands with each
 * bank's outcome, and its receivables by state, for the officials whose region covers it (and admins, auditors).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { loadEnterpriseFacts } from '../registry/index.ts';
import { demandsOfEnterprise, responsesOfDemand } from './financing.repository.ts';

type Db = Kysely<Database>;

export async function enterpriseFinancing(db: Db, caller: Caller, enterpriseId: number) {
  const actor = requireActor(caller);
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!facts?.regionCode) throw new AppError('NOT_FOUND');
  assertInRegion(actor, facts.regionCode);
  const { rows } = await demandsOfEnterprise(db, enterpriseId, {}, 1, 200);
  const responses = await Promise.all(rows.map((d) => responsesOfDemand(db, enterpriseId, d.id)));
  const names = await findInstitutionNames(
    db,
    responses.flat().map((r) => r.institution_id),
  );
  const counts = await db
    .selectFrom('receivables')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('enterprise_id', '=', enterpriseId)
    .groupBy('state')
    .execute();
  const count = (state: string) => Number(counts.find((c) => c.state === state)?.n ?? 0);
  return {
    demands: rows.map((d, i) => ({
      id: d.id,
      postedOn: d.posted_on,
      amount: d.amount,
      termMonths: d.term_months,
      purposes: d.purposes,
      state: d.state,
      outcomes: (responses[i] ?? []).map((r) => ({
        institutionName: names.get(r.institution_id) ?? '',
        state: r.state,
        grantedAmount: r.granted_amount,
        grantedRate: r.granted_rate,
        security: r.security,
        firstLoan: r.first_loan,
        declineReason: r.decline_reason,
        decidedAt: r.decided_at?.toISOString() ?? null,
      })),
    })),
    receivables: {
      requested: count('requested'),
      confirmed: count('confirmed'),
      financed: count('financed'),
    },
  };
}
