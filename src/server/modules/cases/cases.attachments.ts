import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { ATTACHMENT_TYPES, type AttachmentKind } from '../../../shared/api/attachments.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import {
  type AcceptedFiles,
  acceptedExtension,
  cleanFileName,
  extensionsOf,
  keepReceived,
  openStored,
  receive,
  servedType,
  tooLarge,
} from '../../lib/stored-files.ts';
import { userLabelsOf } from '../accounts/index.ts';
import { appendAudit } from '../audit/index.ts';
import { assertMaySee } from './cases.reading.ts';
import {
  type AttachmentRow,
  countAttachments,
  findCaseForAttaching,
  findStoredAttachment,
  getAttachment,
  insertAttachment,
  listAttachmentRows,
} from './cases.repository.ts';

/** Where attachments are stored and how many and how large they may be. */
export interface AttachmentSettings {
  dir: string;
  maxBytes: number;
  maxFiles: number;
}

/** The attachment settings of a configuration: files under `<dataDir>/attachments`. */
export function attachmentSettings(config: Config): AttachmentSettings {
  return {
    dir: path.join(config.dataDir, 'attachments'),
    maxBytes: config.attachmentMaxBytes,
    maxFiles: config.attachmentsPerCase,
  };
}

/** Roles that may add files to a case they can see (auditors read only). */
const UPLOADERS: readonly Actor['role'][] = ['enterprise', 'official', 'admin'];

/** The files a case accepts: every kind of the shared list. */
export const CASE_FILES: AcceptedFiles = {
  kinds: Object.keys(ATTACHMENT_TYPES) as AttachmentKind[],
  described: {
    zh: 'PDF、图片（JPG、PNG、GIF、WebP）、Word、Excel、PowerPoint（含 97-2003 格式）、OFD 电子发票、TXT 和 CSV',
    en: 'PDF, images (JPG, PNG, GIF, WebP), Word, Excel, PowerPoint (also 97-2003), OFD e-invoices, TXT and CSV',
  },
};

/** The case has all the files it may have: a limit of the case, not of the body (checked before reading it). */
function tooMany(settings: AttachmentSettings): AppError {
  const limit = settings.maxFiles;
  return new AppError(
    'TOO_MANY_ATTACHMENTS',
    [
      {
        field: 'attachments',
        message: { zh: `每件案件最多 ${limit} 个附件`, en: `a case may have at most ${limit} attachments` },
      },
    ],
    {
      zh: `该案件已有 ${limit} 个附件，已达上限`,
      en: `This case already has ${limit} attachments, the most allowed`,
    },
  );
}

// ---- use cases -----------------------------------------------------------------------------------------------

/** The case if the actor may see it; NOT_FOUND otherwise (as for a case that does not exist). */
async function getVisibleCase(db: Kysely<Database>, actor: Actor, caseId: number) {
  const row = await findCaseForAttaching(db, caseId);
  if (!row) throw new AppError('NOT_FOUND');
  assertMaySee(actor, row);
  return row;
}

/** Why the actor may not add a file to a case in this state (null: they may). */
function uploadRefusal(actor: Actor, state: string): Localized | null {
  if (!UPLOADERS.includes(actor.role))
    return { zh: '您的角色不能上传附件', en: 'Your role may not add attachments' };
  if (state === 'merged')
    return {
      zh: '该案件已并入另一件案件，请在合并后的案件中上传',
      en: 'This case was merged into another; add files to that case',
    };
  // A returned case (退回) is as finished for the enterprise as a closed one.
  if (actor.role === 'enterprise' && (state === 'closed' || state === 'returned'))
    return {
      zh: '案件已办结或已退回，不能再上传附件',
      en: 'The case is closed or was returned; no more files can be added',
    };
  return null;
}

function assertMayUpload(actor: Actor, state: string): void {
  const refusal = uploadRefusal(actor, state);
  if (refusal) throw new AppError('CONFLICT', [{ field: 'state', message: refusal }], refusal);
}

/** Attachments with their uploaders' names and roles (accounts, one query for the list). */
async function attachmentViews(db: Kysely<Database>, rows: readonly AttachmentRow[]) {
  const uploaders = await userLabelsOf(
    db,
    rows.map((r) => r.uploaded_by),
  );
  // Every attachment has its uploader (a foreign key); a row without one would be left out, as a join would.
  return rows.flatMap((row) => {
    const uploader = uploaders.get(row.uploaded_by);
    if (!uploader) return [];
    return {
      id: row.id,
      caseId: row.case_id,
      fileName: row.file_name,
      kind: servedType(row.content_type).kind,
      contentType: row.content_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256.trim(),
      uploadedBy: { name: uploader.displayName, role: uploader.role },
      createdAt: row.created_at.toISOString(),
      url: `/api/cases/${row.case_id}/attachments/${row.id}`,
    };
  });
}

/** An upload: the body as a stream, the name the client gave, the Content-Length it declared (if any). */
export interface AttachmentUpload {
  stream: Readable;
  fileName: string;
  declaredBytes: number | null;
}

/**
 * Adds a file to a case: checks who and when, streams it to disk within the size limit, sniffs its type, and moves
 * it into place in the transaction that writes its row, the timeline event and the audit entry.
 */
export async function uploadAttachment(
  db: Kysely<Database>,
  settings: AttachmentSettings,
  caller: Caller,
  caseId: number,
  upload: AttachmentUpload,
) {
  const actor = requireActor(caller);
  const found = await getVisibleCase(db, actor, caseId);
  assertMayUpload(actor, found.state);
  const fileName = cleanFileName(upload.fileName);
  const extension = acceptedExtension(fileName, CASE_FILES);
  if ((await countAttachments(db, caseId)) >= settings.maxFiles) throw tooMany(settings);
  if (upload.declaredBytes !== null && upload.declaredBytes > settings.maxBytes)
    throw tooLarge(settings.maxBytes);

  const received = await receive(upload.stream, settings);
  const attachmentId = await keepReceived(
    db,
    settings,
    received,
    { extension, accepted: CASE_FILES },
    async (trx, { storageKey, kind, contentType }) => {
      const current = await findCaseForAttaching(trx, caseId, true);
      if (!current) throw new AppError('NOT_FOUND');
      assertMaySee(actor, current);
      assertMayUpload(actor, current.state);
      // Counted again under the case's lock: two uploads at once cannot both take the last place.
      if ((await countAttachments(trx, caseId)) >= settings.maxFiles) throw tooMany(settings);
      const attachmentId = await insertAttachment(
        trx,
        {
          enterprise_id: current.enterprise_id,
          case_id: caseId,
          file_name: fileName,
          content_type: contentType,
          size_bytes: received.bytes,
          sha256: received.sha256,
          storage_key: storageKey,
          uploaded_by: actor.userId,
        },
        actor,
        {
          action: 'attach',
          fromState: current.state,
          toState: current.state,
          note: null,
          data: { fileName, kind, sizeBytes: received.bytes },
        },
      );
      await appendAudit(
        trx,
        { userId: actor.userId, role: actor.role },
        {
          action: 'case.attach',
          targetType: 'case',
          targetId: caseId,
          requestId: caller.requestId,
          summary: {
            number: current.number,
            attachmentId,
            fileName,
            contentType,
            sizeBytes: received.bytes,
            sha256: received.sha256,
          },
        },
      );
      return attachmentId;
    },
  );
  const [view] = await attachmentViews(db, [await getAttachment(db, attachmentId)]);
  if (!view) throw new AppError('NOT_FOUND');
  return view;
}

/** The attachments of a case, the limits, and whether the actor may add one in the case's state. */
export async function listAttachments(
  db: Kysely<Database>,
  settings: AttachmentSettings,
  actor: Actor,
  caseId: number,
) {
  const found = await getVisibleCase(db, actor, caseId);
  const rows = await listAttachmentRows(db, caseId);
  return {
    items: await attachmentViews(db, rows),
    maxBytes: settings.maxBytes,
    maxFiles: settings.maxFiles,
    extensions: extensionsOf(CASE_FILES),
    canUpload: uploadRefusal(actor, found.state) === null,
  };
}

/** One attachment of a case the actor may see, opened for streaming. */
export async function openAttachment(
  db: Kysely<Database>,
  settings: AttachmentSettings,
  actor: Actor,
  caseId: number,
  attachmentId: number,
) {
  await getVisibleCase(db, actor, caseId);
  const row = await findStoredAttachment(db, caseId, attachmentId);
  if (!row) throw new AppError('NOT_FOUND');
  const stream = await openStored(settings, row.storage_key);
  return {
    fileName: row.file_name,
    contentType: servedType(row.content_type).contentType,
    sizeBytes: row.size_bytes,
    sha256: row.sha256.trim(),
    stream,
  };
}
