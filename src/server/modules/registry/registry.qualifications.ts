import path from 'node:path';
import type { Readable } from 'node:stream';
import { type Kysely, sql, type Transaction } from 'kysely';
import { addDays, isRealDate } from '../../../reference/calendar.ts';
import {
  type AddQualificationBody,
  type EndQualificationBody,
  QUALIFICATION_EVIDENCE,
} from '../../../shared/api/registry.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import {
  type AcceptedFiles,
  acceptedExtension,
  cleanFileName,
  type FileStore,
  keepReceived,
  openStored,
  receive,
  tooLarge,
} from '../../lib/stored-files.ts';
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
    await enqueueJobs(trx, [
      {
        kind: JOB_KINDS.enterpriseMatch,
        payload: { enterpriseIds: [enterpriseId] },
        requestId: caller.requestId,
      },
    ]);
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
    await enqueueJobs(trx, [
      {
        kind: JOB_KINDS.enterpriseMatch,
        payload: { enterpriseIds: [enterpriseId] },
        requestId: caller.requestId,
      },
    ]);
    return getEnterprise(trx, actor, enterpriseId);
  });
}

// ---- evidence files ------------------------------------------------------------------------------------------

/** Where evidence files are kept: `<dataDir>/qualification-evidence`, each within the attachment size limit. */
export function qualificationEvidenceStore(config: Config): FileStore {
  return { dir: path.join(config.dataDir, 'qualification-evidence'), maxBytes: config.attachmentMaxBytes };
}

/** A certificate is a PDF or a scan or photo of it. */
const EVIDENCE_FILES: AcceptedFiles = {
  kinds: QUALIFICATION_EVIDENCE.kinds,
  described: { zh: 'PDF 或图片（JPG、PNG、GIF、WebP）', en: 'PDF or an image (JPG, PNG, GIF, WebP)' },
};

/** An evidence upload: the body as a stream, the name the client gave, the Content-Length it declared. */
export interface EvidenceUpload {
  stream: Readable;
  fileName: string;
  declaredBytes: number | null;
  stage: 'added' | 'ended';
}

function tooManyFiles(): AppError {
  const limit = QUALIFICATION_EVIDENCE.maxFiles;
  const message = {
    zh: `每项资质最多 ${limit} 个证明文件`,
    en: `a qualification may have at most ${limit} evidence files`,
  };
  return new AppError('TOO_MANY_ATTACHMENTS', [{ field: 'file', message }], {
    zh: `该资质已有 ${limit} 个证明文件，已达上限`,
    en: `This qualification already has ${limit} evidence files, the most allowed`,
  });
}

/** The qualification of the enterprise, checked for the stage the file is for; NOT_FOUND / 409 otherwise. */
async function qualificationForEvidence(
  db: Kysely<Database> | Transaction<Database>,
  enterpriseId: number,
  qualificationId: number,
  stage: 'added' | 'ended',
) {
  const qualification = await db
    .selectFrom('enterprise_certifications')
    .select(['id', 'name', 'ended_at'])
    .where('id', '=', qualificationId)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
  if (!qualification) throw new AppError('NOT_FOUND');
  if (stage === 'ended' && qualification.ended_at === null) {
    const message = {
      zh: `“${qualification.name}”尚未终止，不能附终止依据`,
      en: `"${qualification.name}" has not been ended; there is no ending to attach a notice to`,
    };
    throw new AppError('CONFLICT', [{ field: 'stage', message }], message);
  }
  const { n } = await db
    .selectFrom('qualification_evidence')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('certification_id', '=', qualificationId)
    .executeTakeFirstOrThrow();
  if (n >= QUALIFICATION_EVIDENCE.maxFiles) throw tooManyFiles();
  return qualification;
}

/**
 * An official attaches an evidence file to a qualification of an enterprise in their region: checked before the
 * body is read (scope, qualification, stage, count, name, declared size), streamed within the size limit, its type
 * sniffed (PDF or image), moved into place in the transaction that writes its row and the audit entry.
 */
export async function uploadQualificationEvidence(
  db: Kysely<Database>,
  store: FileStore,
  caller: Caller,
  enterpriseId: number,
  qualificationId: number,
  upload: EvidenceUpload,
) {
  const actor = officialOrAdmin(caller);
  const enterprise = await db
    .selectFrom('enterprises')
    .select('region_code')
    .where('id', '=', enterpriseId)
    .executeTakeFirst();
  if (!enterprise) throw new AppError('NOT_FOUND');
  assertInRegion(actor, enterprise.region_code);
  await qualificationForEvidence(db, enterpriseId, qualificationId, upload.stage);
  const fileName = cleanFileName(upload.fileName);
  const extension = acceptedExtension(fileName, EVIDENCE_FILES);
  if (upload.declaredBytes !== null && upload.declaredBytes > store.maxBytes) throw tooLarge(store.maxBytes);

  const received = await receive(upload.stream, store);
  await keepReceived(db, store, received, { extension, accepted: EVIDENCE_FILES }, async (trx, file) => {
    // The enterprise's lock serialises uploads: two at once cannot both take the last place.
    await lockInScope(trx, actor, enterpriseId);
    const qualification = await qualificationForEvidence(trx, enterpriseId, qualificationId, upload.stage);
    const row = await trx
      .insertInto('qualification_evidence')
      .values({
        certification_id: qualificationId,
        enterprise_id: enterpriseId,
        stage: upload.stage,
        file_name: fileName,
        content_type: file.contentType,
        size_bytes: received.bytes,
        sha256: received.sha256,
        storage_key: file.storageKey,
        uploaded_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'enterprise.qualification_evidence_added',
        targetType: 'enterprise',
        targetId: enterpriseId,
        requestId: caller.requestId,
        summary: {
          qualificationId,
          name: qualification.name,
          stage: upload.stage,
          evidenceId: row.id,
          fileName,
          contentType: file.contentType,
          sizeBytes: received.bytes,
          sha256: received.sha256,
        },
      },
    );
  });
  return getEnterprise(db, actor, enterpriseId);
}

/** One evidence file of a qualification, for whoever may see the enterprise; opened for streaming. */
export async function openQualificationEvidence(
  db: Kysely<Database>,
  store: FileStore,
  actor: Actor,
  ids: { id: number; qualificationId: number; fileId: number },
) {
  await getEnterprise(db, actor, ids.id);
  const row = await db
    .selectFrom('qualification_evidence')
    .select(['file_name', 'content_type', 'size_bytes', 'storage_key'])
    .where('id', '=', ids.fileId)
    .where('certification_id', '=', ids.qualificationId)
    .where('enterprise_id', '=', ids.id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return {
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    stream: await openStored(store, row.storage_key),
  };
}

/**
 * A recognition another module grants (issue 18: a cultivation tier announced), recorded in the caller's
 * transaction with the deciding body and number; the enterprise's policies are matched again. The caller has
 * checked the actor and audits the decision; the registry keeps the record as any other qualification's.
 */
export async function grantRecognition(
  trx: Transaction<Database>,
  recognition: {
    enterpriseId: number;
    name: string;
    validFrom: string;
    validTo: string;
    certificateNumber: string;
    issuingBody: string;
    note: string;
    recordedBy: number;
    source: 'official' | 'admin';
  },
  requestId: string | null,
): Promise<number> {
  const row = await trx
    .insertInto('enterprise_certifications')
    .values({
      enterprise_id: recognition.enterpriseId,
      name: recognition.name,
      valid_from: recognition.validFrom,
      valid_to: recognition.validTo,
      source: recognition.source,
      certificate_number: recognition.certificateNumber,
      issuing_body: recognition.issuingBody,
      evidence_url: null,
      note: recognition.note,
      recorded_by: recognition.recordedBy,
      issued_valid_to: null,
      ended_on: null,
      ended_at: null,
      ended_by: null,
      end_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJobs(trx, [
    { kind: JOB_KINDS.enterpriseMatch, payload: { enterpriseIds: [recognition.enterpriseId] }, requestId },
  ]);
  return Number(row.id);
}

/**
 * Ends a recognition another module granted (issue 18: a cultivation recognition revoked, or expired: `endedBy`
 * null, the daily run) from a day on, with the reason, in the caller's transaction; the enterprise's policies are
 * matched again. False when it was already ended or is not this enterprise's.
 */
export async function endRecognition(
  trx: Transaction<Database>,
  ending: { enterpriseId: number; id: number; endedOn: string; reason: string; endedBy: number | null },
  requestId: string | null,
): Promise<boolean> {
  const lastDay = addDays(ending.endedOn, -1);
  const ended = await trx
    .updateTable('enterprise_certifications')
    .set({
      ended_on: ending.endedOn,
      ended_at: new Date(),
      ended_by: ending.endedBy,
      end_reason: ending.reason,
      issued_valid_to: sql`valid_to`,
      // Its last day is the one before it ends, as an official's ending (endQualification) sets it.
      valid_to: sql`least(coalesce(valid_to, ${lastDay}::date), ${lastDay}::date)`,
    })
    .where('enterprise_id', '=', ending.enterpriseId)
    .where('id', '=', ending.id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (Number(ended.numUpdatedRows) !== 1) return false;
  await enqueueJobs(trx, [
    { kind: JOB_KINDS.enterpriseMatch, payload: { enterpriseIds: [ending.enterpriseId] }, requestId },
  ]);
  return true;
}
