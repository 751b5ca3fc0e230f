/**
 * Qualifications (资质: 高新技术企业, 专精特新…) that officials record on an enterprise with their evidence, and end
 * early with a reason (revoked, recorded in error). Ending keeps the row: `valid_to` becomes the day before
 * `ended_on` and the certificate's own end date moves to `issued_valid_to`, so eligibility (which counts a
 * certification on the days from `valid_from` to `valid_to`) no longer counts it from `ended_on` on.
 */
import type { Kysely, Transaction } from 'kysely';
import { addDays, isRealDate } from '../../../reference/calendar.ts';
import type { AddQualificationBody, EndQualificationBody } from '../../../shared/api/registry.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { enqueueJobs, JOB_KINDS } from '../jobs/index.ts';
import { getEnterprise } from './registry.service.ts';

/** Who may record qualifications: officials within their region, admins anywhere. */
function officialOrAdmin(caller: Caller): Actor {
  const actor = caller.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  return actor;
}

/** Locks the enterprise row and checks the actor's scope on its region as stored. */
async function lockInScope(trx: Transaction<Database>, actor: Actor, enterpriseId: number): Promise<void> {
  const enterprise = await trx
    .selectFrom('enterprises')
    .select(['id', 'region_code'])
    .where('id', '=', enterpriseId)
    .forUpdate()
    .executeTakeFirst();
  if (!enterprise) throw new AppError('NOT_FOUND');
  assertInRegion(actor, enterprise.region_code);
}

function realDate(field: string, value: string): void {
  if (!isRealDate(value)) throw AppError.field(field, { zh: '不是有效的日期', en: 'is not a real date' });
}

function cleaned(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** An official records a qualification with its evidence; audited; the enterprise's policies are matched again. */
export async function addQualification(
  db: Kysely<Database>,
  enterpriseId: number,
  body: AddQualificationBody,
  caller: Caller,
) {
  const actor = officialOrAdmin(caller);
  const name = body.name.trim();
  if (!name) throw AppError.field('name', { zh: '不能为空', en: 'is required' });
  const certificateNumber = cleaned(body.certificateNumber);
  if (!certificateNumber) throw AppError.field('certificateNumber', { zh: '不能为空', en: 'is required' });
  const issuingBody = cleaned(body.issuingBody);
  if (!issuingBody) throw AppError.field('issuingBody', { zh: '不能为空', en: 'is required' });
  realDate('validFrom', body.validFrom);
  const validTo = body.validTo ?? null;
  if (validTo !== null) {
    realDate('validTo', validTo);
    if (validTo < body.validFrom)
      throw AppError.field('validTo', { zh: '不能早于起始日期', en: 'cannot be before the start date' });
  }
  return db.transaction().execute(async (trx) => {
    await lockInScope(trx, actor, enterpriseId);
    const existing = await trx
      .selectFrom('enterprise_certifications')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('name', '=', name)
      .where('valid_from', '=', body.validFrom)
      .executeTakeFirst();
    if (existing)
      throw new AppError('CONFLICT', [], {
        zh: `该企业已登记 ${body.validFrom} 起的“${name}”`,
        en: `This enterprise already has "${name}" from ${body.validFrom} on record`,
      });
    const row = await trx
      .insertInto('enterprise_certifications')
      .values({
        enterprise_id: enterpriseId,
        name,
        valid_from: body.validFrom,
        valid_to: validTo,
        source: actor.role === 'admin' ? 'admin' : 'official',
        certificate_number: certificateNumber,
        issuing_body: issuingBody,
        evidence_url: cleaned(body.evidenceUrl),
        note: cleaned(body.note),
        recorded_by: actor.userId,
        issued_valid_to: null,
        ended_on: null,
        ended_at: null,
        ended_by: null,
        end_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'enterprise.qualification_added',
        targetType: 'enterprise',
        targetId: enterpriseId,
        requestId: caller.requestId,
        summary: {
          qualificationId: row.id,
          name,
          validFrom: body.validFrom,
          validTo,
          certificateNumber,
          issuingBody,
          evidenceUrl: cleaned(body.evidenceUrl),
        },
      },
    );
    await enqueueJobs(trx, [{ kind: JOB_KINDS.enterpriseMatch, payload: { enterpriseIds: [enterpriseId] } }]);
    return getEnterprise(trx, actor, enterpriseId);
  });
}

/** An official ends a qualification from a date on, with the reason; the record and its history stay. */
export async function endQualification(
  db: Kysely<Database>,
  enterpriseId: number,
  qualificationId: number,
  body: EndQualificationBody,
  caller: Caller,
  today: string,
) {
  const actor = officialOrAdmin(caller);
  realDate('endedOn', body.endedOn);
  if (body.endedOn > today)
    throw AppError.field('endedOn', { zh: '不能晚于今天', en: 'cannot be in the future' });
  const reason = body.reason.trim();
  if (!reason) throw AppError.field('reason', { zh: '请说明终止原因', en: 'state why it ends' });
  return db.transaction().execute(async (trx) => {
    await lockInScope(trx, actor, enterpriseId);
    const current = await trx
      .selectFrom('enterprise_certifications')
      .selectAll()
      .where('id', '=', qualificationId)
      .where('enterprise_id', '=', enterpriseId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND');
    if (current.ended_at !== null)
      throw new AppError('CONFLICT', [], {
        zh: `“${current.name}”已于 ${current.ended_on} 终止`,
        en: `"${current.name}" was already ended on ${current.ended_on}`,
      });
    if (current.valid_to !== null && current.valid_to < body.endedOn)
      throw AppError.field('endedOn', {
        zh: `该资质已于 ${current.valid_to} 到期，无需终止`,
        en: `the qualification already expired on ${current.valid_to}; nothing to end`,
      });
    const lastDay = addDays(body.endedOn, -1);
    await trx
      .updateTable('enterprise_certifications')
      .set({
        issued_valid_to: current.valid_to,
        valid_to: lastDay,
        ended_on: body.endedOn,
        ended_at: new Date(),
        ended_by: actor.userId,
        end_reason: reason,
      })
      .where('id', '=', current.id)
      .execute();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'enterprise.qualification_ended',
        targetType: 'enterprise',
        targetId: enterpriseId,
        requestId: caller.requestId,
        summary: {
          qualificationId: current.id,
          name: current.name,
          validFrom: current.valid_from,
          before: { validTo: current.valid_to },
          after: { validTo: lastDay },
          endedOn: body.endedOn,
          reason,
        },
      },
    );
    await enqueueJobs(trx, [{ kind: JOB_KINDS.enterpriseMatch, payload: { enterpriseIds: [enterpriseId] } }]);
    return getEnterprise(trx, actor, enterpriseId);
  });
}
