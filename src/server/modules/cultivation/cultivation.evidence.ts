/**
 * Evidence files of gradient cultivation (issue 18; docs/reference/cultivation.md): the files behind the facts an
 * enterprise fills in for a data year because the registry lacks them. Kept like the registry's qualification
 * evidence and the cases' attachments (lib/stored-files.ts, ADR 0024): checked before the body is read (fact, year,
 * how many files the fact already has, name, declared size), streamed within the size limit, the type sniffed from
 * the content and agreeing with the extension (a disguised file is refused naming `file`), moved into place in the
 * transaction that writes its row and the audit entry.
 *
 * The enterprise lists, downloads and removes its own files; a file can be removed unless an application of its data
 * year stands in a stage other than withdrawn, rejected or returned (the reviewers read what was submitted).
 * Officials whose region covers the enterprise's, and admins, list and download them.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { todayInChina } from '../../../shared/today.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import {
  type AcceptedFiles,
  acceptedExtension,
  cleanFileName,
  extensionsOf,
  type FileStore,
  keepReceived,
  openStored,
  receive,
  servedType,
  storedPath,
  tooLarge,
} from '../../lib/stored-files.ts';
import { findEnterpriseBasics } from '../registry/index.ts';
import { audit } from './cultivation.audit.ts';
import { OWN_FACT_KEYS } from './cultivation.facts.rules.ts';
import type { CultivationEvidenceTable, Stage } from './cultivation.table.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<CultivationEvidenceTable>;

/** How many files one fact of one data year may have. */
export const MAX_FILES_PER_FACT = 10;

/** The stages of an application of the data year that still let its files be removed. */
export const REMOVABLE_STAGES: readonly Stage[] = ['withdrawn', 'rejected', 'returned'];

/** Where the files are kept: `<dataDir>/cultivation-evidence`, each within the attachment size limit. */
export function cultivationEvidenceStore(config: Config): FileStore {
  return { dir: path.join(config.dataDir, 'cultivation-evidence'), maxBytes: config.attachmentMaxBytes };
}

/** Certificates, reports and statements: PDF, scans or photos, OFD documents, Word and Excel files. */
export const EVIDENCE_FILES: AcceptedFiles = {
  kinds: ['pdf', 'jpeg', 'png', 'gif', 'webp', 'ofd', 'docx', 'xlsx'],
  described: {
    zh: 'PDF、图片（JPG、PNG、GIF、WebP）、OFD、Word（.docx）或 Excel（.xlsx）',
    en: 'PDF, an image (JPG, PNG, GIF, WebP), OFD, Word (.docx) or Excel (.xlsx)',
  },
};

/** An upload: the data year and fact, the body as a stream, the name the client gave, the declared length. */
export interface EvidenceUpload {
  year: number;
  fact: string;
  stream: Readable;
  fileName: string;
  declaredBytes: number | null;
}

function checkFact(fact: string): void {
  if (!(OWN_FACT_KEYS as readonly string[]).includes(fact))
    throw AppError.field('fact', {
      zh: '不是企业自行填报的指标，无法附证明文件',
      en: 'is not a fact the enterprise fills in; no evidence can be attached to it',
    });
}

/** The data years an enterprise may attach files to: last year's (the one the standards read) and this year's. */
function checkYear(year: number): void {
  const dataYear = Number(todayInChina().slice(0, 4)) - 1;
  if (year !== dataYear && year !== dataYear + 1)
    throw AppError.field('year', {
      zh: `只能为 ${dataYear} 年（上年度）或 ${dataYear + 1} 年的数据上传证明文件`,
      en: `files can be attached only to the data of ${dataYear} (last year) or ${dataYear + 1}`,
    });
}

function tooManyFiles(): AppError {
  const limit = MAX_FILES_PER_FACT;
  const message = {
    zh: `每项指标每年最多 ${limit} 个证明文件`,
    en: `a fact may have at most ${limit} evidence files a year`,
  };
  return new AppError('TOO_MANY_ATTACHMENTS', [{ field: 'file', message }], {
    zh: `该指标本年度已有 ${limit} 个证明文件，已达上限`,
    en: `This fact already has ${limit} evidence files for the year, the most allowed`,
  });
}

async function checkRoom(db: Db, enterpriseId: number, year: number, fact: string): Promise<void> {
  const { n } = await db
    .selectFrom('cultivation_evidence')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .where('fact', '=', fact)
    .executeTakeFirstOrThrow();
  if (n >= MAX_FILES_PER_FACT) throw tooManyFiles();
}

/** A file as the API gives it, with where this reader downloads it. */
function view(row: Row, url: string) {
  return {
    id: Number(row.id),
    year: row.year,
    fact: row.fact,
    fileName: row.file_name,
    kind: servedType(row.content_type).kind,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    createdAt: row.created_at,
    url,
  };
}

const myUrl = (row: Row) => `/api/my/cultivation/evidence/${row.id}/file`;
const officialUrl = (row: Row) => `/api/cultivation/evidence/${row.enterprise_id}/${row.id}/file`;

/** How a refusal names an application's stage. */
const STAGE_NAMES: Record<Stage, { zh: string; en: string }> = {
  county_review: { zh: '县级审核', en: 'under county review' },
  returned: { zh: '退回修改', en: 'returned for corrections' },
  province_review: { zh: '省级审核', en: 'under provincial review' },
  national_review: { zh: '国家级审核', en: 'under national review' },
  notice: { zh: '公示', en: 'in public notice' },
  recognised: { zh: '已认定', en: 'recognised' },
  rejected: { zh: '未通过', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  revoked: { zh: '已撤销', en: 'revoked' },
};

/** An application of the data year that keeps its files (under review, in notice, decided), if any. */
async function blockingApplication(db: Db, enterpriseId: number, year: number) {
  return (
    (await db
      .selectFrom('cultivation_applications')
      .select(['id', 'stage'])
      .where('enterprise_id', '=', enterpriseId)
      .where('data_year', '=', year)
      .where('stage', 'not in', [...REMOVABLE_STAGES])
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

async function listRows(
  db: Db,
  store: FileStore,
  enterpriseId: number,
  year: number,
  url: (row: Row) => string,
) {
  const rows = await db
    .selectFrom('cultivation_evidence')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .orderBy('fact')
    .orderBy('id')
    .execute();
  return {
    year,
    items: rows.map((row) => view(row, url(row))),
    facts: [...OWN_FACT_KEYS],
    extensions: extensionsOf(EVIDENCE_FILES),
    maxBytes: store.maxBytes,
    maxFilesPerFact: MAX_FILES_PER_FACT,
    removable: (await blockingApplication(db, enterpriseId, year)) === null,
  };
}

/** Checks an official's (or admin's) scope on the enterprise's region as the registry holds it. */
async function assertMaySee(db: Kysely<Database>, actor: Actor, enterpriseId: number): Promise<void> {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const enterprise = await findEnterpriseBasics(db, enterpriseId);
  if (!enterprise) throw new AppError('NOT_FOUND');
  assertInRegion(actor, enterprise.region_code);
}

async function findRow(db: Db, enterpriseId: number, id: number): Promise<Row> {
  const row = await db
    .selectFrom('cultivation_evidence')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function opened(store: FileStore, row: Row) {
  return {
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    stream: await openStored(store, row.storage_key),
  };
}

// ---- the enterprise ------------------------------------------------------------------------------------------

/** The enterprise attaches a file to one of its facts of a data year; audited `cultivation.evidence_added`. */
export async function uploadEvidence(
  db: Kysely<Database>,
  store: FileStore,
  caller: Caller,
  upload: EvidenceUpload,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  checkFact(upload.fact);
  checkYear(upload.year);
  await checkRoom(db, enterpriseId, upload.year, upload.fact);
  const fileName = cleanFileName(upload.fileName);
  const extension = acceptedExtension(fileName, EVIDENCE_FILES);
  if (upload.declaredBytes !== null && upload.declaredBytes > store.maxBytes) throw tooLarge(store.maxBytes);

  const received = await receive(upload.stream, store);
  const row = await keepReceived(
    db,
    store,
    received,
    { extension, accepted: EVIDENCE_FILES },
    async (trx, file) => {
      // Uploads to one fact of one year one at a time: two at once cannot both take the last place.
      const key = `cultivation-evidence:${enterpriseId}:${upload.year}:${upload.fact}`;
      await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
      await checkRoom(trx, enterpriseId, upload.year, upload.fact);
      const inserted = await trx
        .insertInto('cultivation_evidence')
        .values({
          enterprise_id: enterpriseId,
          year: upload.year,
          fact: upload.fact,
          file_name: fileName,
          content_type: file.contentType,
          size_bytes: received.bytes,
          sha256: received.sha256,
          storage_key: file.storageKey,
          uploaded_by: actor.userId,
          created_at: new Date(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(
        trx,
        caller,
        actor,
        'evidence_added',
        { type: 'enterprise', id: enterpriseId },
        {
          evidenceId: Number(inserted.id),
          year: upload.year,
          fact: upload.fact,
          fileName,
          contentType: file.contentType,
          sizeBytes: received.bytes,
          sha256: received.sha256,
        },
      );
      return inserted;
    },
  );
  return view(row, myUrl(row));
}

/** The enterprise's files of a data year. */
export async function listMyEvidence(db: Kysely<Database>, store: FileStore, caller: Caller, year: number) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  return listRows(db, store, enterpriseId, year, myUrl);
}

/** One of the enterprise's own files, opened for streaming (NOT_FOUND for another's). */
export async function openMyEvidence(db: Kysely<Database>, store: FileStore, caller: Caller, id: number) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  return opened(store, await findRow(db, enterpriseId, id));
}

/**
 * The enterprise removes one of its files, unless an application of the file's data year stands in a stage other
 * than withdrawn, rejected or returned (409 naming the application's stage); audited `cultivation.evidence_removed`.
 * The stored file goes once the removal is committed.
 */
export async function removeEvidence(db: Kysely<Database>, store: FileStore, caller: Caller, id: number) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const removed = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cultivation_evidence')
      .selectAll()
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const blocking = await blockingApplication(trx, enterpriseId, row.year);
    if (blocking)
      throw new AppError('CONFLICT', [], {
        zh: `${row.year} 年数据的申报（编号 ${blocking.id}）正处于“${STAGE_NAMES[blocking.stage].zh}”阶段，其证明文件不能删除；只有申报已撤回、未通过或被退回修改时才能删除`,
        en: `The application on the ${row.year} data (no. ${blocking.id}) is ${STAGE_NAMES[blocking.stage].en}: its evidence cannot be removed; files can be removed only while the year's applications are withdrawn, rejected or returned for corrections`,
      });
    await trx
      .deleteFrom('cultivation_evidence')
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', row.id)
      .execute();
    await audit(
      trx,
      caller,
      actor,
      'evidence_removed',
      { type: 'enterprise', id: enterpriseId },
      {
        evidenceId: Number(row.id),
        year: row.year,
        fact: row.fact,
        fileName: row.file_name,
        sha256: row.sha256,
      },
    );
    return row;
  });
  await rm(storedPath(store, removed.storage_key), { force: true });
  return { ok: true as const };
}

// ---- officials -----------------------------------------------------------------------------------------------

/** An enterprise's files of a data year, for an official whose region covers it or an admin. */
export async function listEvidenceOf(
  db: Kysely<Database>,
  store: FileStore,
  caller: Caller,
  enterpriseId: number,
  year: number,
) {
  await assertMaySee(db, requireActor(caller), enterpriseId);
  return listRows(db, store, enterpriseId, year, officialUrl);
}

/** One file of an enterprise, for an official whose region covers it or an admin; opened for streaming. */
export async function openEvidenceOf(
  db: Kysely<Database>,
  store: FileStore,
  caller: Caller,
  enterpriseId: number,
  id: number,
) {
  await assertMaySee(db, requireActor(caller), enterpriseId);
  return opened(store, await findRow(db, enterpriseId, id));
}
