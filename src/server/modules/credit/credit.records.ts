/**
 * An enterprise's credit records (issue 14): the enterprise sees all of its own, free, by category and source;
 * declares data itself under a credit commitment; objects to a record (flagged while it is checked; an official
 * answers in writing within the time limit; a correction is a new record and the old one is kept); asks for a
 * penalty's repair once its minimum publication period has passed. Officials in the enterprise's region see its
 * records and answer. Every write is audited in its transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import { SELF_DECLARED_SOURCE } from '../../../reference/credit.ts';
import type {
  AnswerObjectionBody,
  DeclareRecordBody,
  ObjectionBody,
  ObjectionQueueQuery,
} from '../../../shared/api/credit.ts';
import { CREDIT_COMMITMENT_ZH } from '../../../shared/api/credit.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { findEnterpriseBasics } from '../registry/index.ts';
import {
  answerObjectionRow,
  type CreditObjectionRow,
  type CreditRecordRow,
  findObjectionForUpdate,
  findOpenObjection,
  findRecord,
  insertObjection,
  insertRecord,
  listObjectionsOf,
  listRecords,
  objectionQueue,
  openObjectionsOnRecord,
  updateRecord,
} from './credit.repository.ts';
import {
  type CreditSettings,
  creditItem,
  dayBefore,
  isCreditCategory,
  isPublished,
  maskPersonal,
  objectionDueOn,
  repairableFrom,
} from './credit.rules.ts';
import { queueCreditRescore } from './credit.scoring.ts';
import { creditSettingsOn } from './credit.settings.repository.ts';

type Db = Kysely<Database>;

/** What a record shows; personal data masked for banks. */
export function recordView(row: CreditRecordRow, today: string, settings: CreditSettings, mask = false) {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    category: row.category,
    item: row.item,
    title: row.title,
    valueNumber: row.value_number,
    valueText: row.value_text,
    decidedOn: row.decided_on,
    publishUntil: row.publish_until,
    sourceKind: row.source_kind,
    sourceDepartment: row.source_department,
    sourceRef: row.source_ref,
    personal: mask ? maskPersonal(row.personal) : row.personal,
    commitment: row.commitment,
    status: row.status,
    disputed: row.disputed,
    corrects: row.corrects,
    published: isPublished(row, today),
    repairableFrom: row.status === 'active' ? repairableFrom(row, settings) : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** A record as the API shows it. */
export type RecordView = ReturnType<typeof recordView>;

/** What an objection shows. */
export function objectionView(row: CreditObjectionRow, today: string) {
  const answeredOn = row.answered_at ? todayInChina(row.answered_at) : null;
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    recordId: row.record_id,
    kind: row.kind,
    reason: row.reason,
    filedAt: row.filed_at.toISOString(),
    dueOn: row.due_on,
    state: row.state,
    answer: row.answer,
    answeredAt: row.answered_at ? row.answered_at.toISOString() : null,
    correctionId: row.correction_id,
    late: answeredOn === null ? today > row.due_on : answeredOn > row.due_on,
  };
}

async function recordsOf(
  db: Db,
  enterpriseId: number,
  query: { category?: string; history?: boolean },
  today: string,
) {
  if (query.category !== undefined && !isCreditCategory(query.category))
    throw AppError.field('category', { zh: '不是信用信息类别', en: 'not a category of credit information' });
  const [settings, rows, objections] = await Promise.all([
    creditSettingsOn(db, today),
    listRecords(db, enterpriseId, query),
    listObjectionsOf(db, enterpriseId),
  ]);
  return {
    enterpriseId,
    items: rows.map((r) => recordView(r, today, settings)),
    objections: objections.map((o) => objectionView(o, today)),
  };
}

/** The enterprise's own records, objections and repairs. */
export function myRecords(
  db: Db,
  caller: Caller,
  query: { category?: string; history?: boolean },
  today: string,
) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  return recordsOf(db, enterpriseId, query, today);
}

/** An official's (in the enterprise's region) or an admin's view of an enterprise's records. */
export async function enterpriseRecords(
  db: Db,
  actor: Actor,
  enterpriseId: number,
  query: { category?: string; history?: boolean },
  today: string,
) {
  await assertOfficialScope(db, actor, enterpriseId);
  return recordsOf(db, enterpriseId, query, today);
}

async function assertOfficialScope(db: Db | Transaction<Database>, actor: Actor, enterpriseId: number) {
  const basics = await findEnterpriseBasics(db as Db, enterpriseId);
  if (!basics) throw new AppError('NOT_FOUND');
  if (actor.role === 'admin') return basics;
  if (actor.role !== 'official' || actor.regionPrefix === null) throw new AppError('FORBIDDEN');
  if (!basics.region_code.startsWith(actor.regionPrefix)) throw new AppError('OUT_OF_SCOPE');
  return basics;
}

function checkValue(
  category: string,
  itemCode: string,
  valueNumber: number | null,
  valueText: string | null,
): AppError | null {
  const item = creditItem(category, itemCode);
  if (!item)
    return AppError.field('item', {
      zh: `“${itemCode}”不是该类别的事项`,
      en: `"${itemCode}" is not an item of this category`,
    });
  if (item.value === 'number' && valueNumber === null)
    return AppError.field('valueNumber', {
      zh: `“${item.nameZh}”须填写数值${item.unit ? `（${item.unit.zh}）` : ''}`,
      en: `${item.nameEn} needs a number${item.unit ? ` (${item.unit.en})` : ''}`,
    });
  if (item.value !== 'number' && valueNumber !== null)
    return AppError.field('valueNumber', {
      zh: `“${item.nameZh}”不填数值`,
      en: `${item.nameEn} takes no number`,
    });
  if (item.value === 'values' && (valueText === null || !item.values?.includes(valueText)))
    return AppError.field('valueText', {
      zh: `“${item.nameZh}”的取值须为 ${item.values?.join('、')} 之一`,
      en: `${item.nameEn} takes one of ${item.values?.join(', ')}`,
    });
  if (item.value !== 'values' && valueText !== null)
    return AppError.field('valueText', {
      zh: `“${item.nameZh}”不填取值`,
      en: `${item.nameEn} takes no value`,
    });
  return null;
}

/** The enterprise declares a record itself, under the credit commitment (自愿填报＋信用承诺). */
export async function declareRecord(
  db: Db,
  caller: Caller,
  body: Static<typeof DeclareRecordBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  if (!body.commitment)
    throw AppError.field('commitment', {
      zh: '自愿填报须先作出信用承诺',
      en: 'Data you declare yourself needs the credit commitment',
    });
  if (!isCreditCategory(body.category))
    throw AppError.field('category', { zh: '不是信用信息类别', en: 'not a category of credit information' });
  const item = creditItem(body.category, body.item);
  if (item?.adverse)
    throw AppError.field('item', {
      zh: '不良信息由主管部门提供，不能自行填报',
      en: 'Adverse information comes from the departments; it cannot be self-declared',
    });
  const problem = checkValue(body.category, body.item, body.valueNumber ?? null, body.valueText ?? null);
  if (problem) throw problem;
  if (body.decidedOn > today)
    throw AppError.field('decidedOn', {
      zh: `日期不能晚于今天（${today}）`,
      en: `the date cannot be after today (${today})`,
    });
  const settings = await creditSettingsOn(db, today);
  return db.transaction().execute(async (trx) => {
    const row = await insertRecord(trx, {
      enterpriseId,
      category: body.category,
      item: body.item,
      title: body.title.trim(),
      valueNumber: body.valueNumber ?? null,
      valueText: body.valueText ?? null,
      decidedOn: body.decidedOn,
      publishUntil: null,
      sourceKind: 'self_declared',
      sourceDepartment: SELF_DECLARED_SOURCE,
      sourceRef: null,
      personal: null,
      commitment: CREDIT_COMMITMENT_ZH,
      corrects: null,
      createdBy: actor.userId,
    });
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.record_declared',
        targetType: 'enterprise',
        targetId: enterpriseId,
        requestId: caller.requestId,
        summary: { recordId: row.id, category: row.category, item: row.item, title: row.title },
      },
    );
    return recordView(row, today, settings);
  });
}

/** The enterprise objects to one of its records, or asks for a penalty's repair. */
export async function fileObjection(
  db: Db,
  caller: Caller,
  recordId: number,
  body: Static<typeof ObjectionBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const settings = await creditSettingsOn(db, today);
  return db.transaction().execute(async (trx) => {
    // Another enterprise's record is not found: the lookup is by this enterprise and the id.
    const record = await findRecord(trx, enterpriseId, recordId, true);
    if (!record) throw new AppError('NOT_FOUND');
    if (record.status !== 'active')
      throw new AppError('CONFLICT', [], {
        zh: '该记录已被更正或已修复，不能再提出异议或修复申请',
        en: 'This record was corrected or repaired; it takes no objection or repair request',
      });
    if (body.kind === 'repair') {
      const from = repairableFrom(record, settings);
      if (from === null)
        throw AppError.field('kind', {
          zh: '只有行政处罚记录可以申请信用修复',
          en: 'Only an administrative penalty can be repaired',
        });
      if (today < from)
        throw AppError.field('kind', {
          zh: `最短公示期未满：${from} 起可申请修复`,
          en: `The minimum publication period has not passed: a repair may be asked for from ${from}`,
        });
      if (!isPublished(record, today))
        throw AppError.field('kind', {
          zh: '该记录已不再公示，无需修复',
          en: 'This record is no longer published',
        });
    }
    const open = await findOpenObjection(trx, enterpriseId, recordId, body.kind);
    if (open)
      throw new AppError('ALREADY_EXISTS', [], {
        zh: `该记录已有待处理的${body.kind === 'repair' ? '修复申请' : '异议'}（${open.due_on} 前答复）`,
        en: `This record has an open ${body.kind === 'repair' ? 'repair request' : 'objection'} (answer due by ${open.due_on})`,
      });
    const dueOn = objectionDueOn(today, settings);
    const row = await insertObjection(trx, {
      enterpriseId,
      recordId,
      kind: body.kind,
      reason: body.reason.trim(),
      filedBy: actor.userId,
      dueOn,
    });
    if (body.kind === 'objection') await updateRecord(trx, enterpriseId, recordId, { disputed: true });
    const filed = body.kind === 'repair' ? 'repair_requested' : 'objection_filed';
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: `credit.${filed}`,
        targetType: 'enterprise',
        targetId: enterpriseId,
        requestId: caller.requestId,
        summary: { objectionId: row.id, recordId, dueOn },
      },
    );
    return objectionView(row, today);
  });
}

/**
 * An official answers an objection or repair request in writing. An accepted objection replaces the record with
 * its correction (a new record; the old one kept as superseded) or, with no correction, withdraws it; an accepted
 * repair ends the penalty's publication today. The official's scope is checked against the enterprise as stored
 * in the transaction.
 */
export async function answerObjection(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  objectionId: number,
  body: Static<typeof AnswerObjectionBody>,
  today: string,
) {
  const actor = requireActor(caller);
  await assertOfficialScope(db, actor, enterpriseId);
  if (body.correction && body.decision !== 'accepted')
    throw AppError.field('correction', {
      zh: '只有接受异议时才能给出更正内容',
      en: 'A correction goes only with an accepted objection',
    });
  if (body.correction && body.correction.decidedOn > today)
    throw AppError.field('correction.decidedOn', {
      zh: '日期不能晚于今天',
      en: 'the date cannot be after today',
    });
  return db.transaction().execute(async (trx) => {
    await assertOfficialScope(trx, actor, enterpriseId);
    const objection = await findObjectionForUpdate(trx, enterpriseId, objectionId);
    if (!objection) throw new AppError('NOT_FOUND');
    if (objection.state !== 'open')
      throw new AppError('CONFLICT', [], {
        zh: '该申请已答复',
        en: 'This request has been answered already',
      });
    if (objection.kind === 'repair' && body.correction)
      throw AppError.field('correction', {
        zh: '修复申请不附更正内容',
        en: 'A repair request takes no correction',
      });
    const record = await findRecord(trx, enterpriseId, objection.record_id, true);
    if (!record) throw new AppError('NOT_FOUND');
    let correctionId: number | null = null;
    if (body.decision === 'accepted' && objection.kind === 'objection') {
      // The old record first leaves the current ones (its source number is then free for the correction).
      await updateRecord(trx, enterpriseId, record.id, { status: 'superseded', disputed: false });
      if (body.correction) {
        const c = body.correction;
        const problem = checkValue(record.category, record.item, c.valueNumber ?? null, c.valueText ?? null);
        if (problem) throw problem;
        if (c.publishUntil && c.publishUntil < c.decidedOn)
          throw AppError.field('correction.publishUntil', {
            zh: '公示截止日期不能早于决定日期',
            en: 'the end of publication cannot be before the decision',
          });
        const corrected = await insertRecord(trx, {
          enterpriseId,
          category: record.category,
          item: record.item,
          title: c.title.trim(),
          valueNumber: c.valueNumber ?? null,
          valueText: c.valueText ?? null,
          decidedOn: c.decidedOn,
          publishUntil: c.publishUntil === undefined ? record.publish_until : c.publishUntil,
          sourceKind: 'correction',
          sourceDepartment: record.source_department,
          sourceRef: record.source_ref,
          personal: record.personal,
          commitment: record.commitment,
          corrects: record.id,
          createdBy: actor.userId,
        });
        correctionId = corrected.id;
      }
    } else if (body.decision === 'accepted') {
      // A repair: publication ends today (the record stays, for the enterprise and officials, as repaired).
      await updateRecord(trx, enterpriseId, record.id, {
        status: 'repaired',
        publish_until: dayBefore(today),
      });
    } else if (objection.kind === 'objection') {
      await updateRecord(trx, enterpriseId, record.id, { disputed: false });
    }
    // A correction, a withdrawal or a repair changes what the evaluation reads: the enterprise is scored again.
    if (body.decision === 'accepted') await queueCreditRescore(trx, [enterpriseId], caller.requestId);
    const answered = await answerObjectionRow(trx, enterpriseId, objectionId, {
      state: body.decision,
      answer: body.answer.trim(),
      answeredBy: actor.userId,
      correctionId,
    });
    const what =
      objection.kind === 'repair'
        ? { zh: '信用修复申请', en: 'repair request' }
        : { zh: '异议', en: 'objection' };
    const verdict =
      body.decision === 'accepted'
        ? { zh: '已受理并更正', en: 'accepted' }
        : { zh: '未予采纳', en: 'not accepted' };
    await notify(trx, [
      {
        enterpriseId,
        kind: 'credit',
        title: {
          zh: `您对“${record.title}”的${what.zh}已答复：${verdict.zh}`,
          en: `Your ${what.en} about "${record.title}" was answered: ${verdict.en}`,
        },
      },
    ]);
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.objection_answered',
        targetType: 'enterprise',
        targetId: enterpriseId,
        requestId: caller.requestId,
        summary: {
          objectionId,
          kind: objection.kind,
          decision: body.decision,
          recordId: record.id,
          correctionId,
        },
      },
    );
    // A withdrawn or corrected record leaves nothing to answer on it: the other open requests are closed with it.
    if (body.decision === 'accepted' && objection.kind === 'objection') {
      await closeRequestsOnSupersededRecord(trx, actor, caller.requestId, {
        enterpriseId,
        recordId: record.id,
        byObjectionId: objectionId,
        correctionId,
      });
    }
    return objectionView(answered, today);
  });
}

/**
 * Closes the other open objections and repair requests on a record an accepted objection has just withdrawn
 * (no correction: the enterprise's request is met, accepted) or corrected (the request was about the old record:
 * not accepted, and the answer says to file again on the correction). Each is answered in words and audited.
 */
async function closeRequestsOnSupersededRecord(
  trx: Transaction<Database>,
  actor: Actor,
  requestId: string | null,
  closed: { enterpriseId: number; recordId: number; byObjectionId: number; correctionId: number | null },
) {
  const open = await openObjectionsOnRecord(trx, closed.enterpriseId, closed.recordId, closed.byObjectionId);
  for (const other of open) {
    const withdrawn = closed.correctionId === null;
    const answer = withdrawn
      ? `该记录已因异议 #${closed.byObjectionId} 被撤销，不再公示，本申请随之办结。`
      : `该记录已因异议 #${closed.byObjectionId} 更正为记录 #${closed.correctionId}，本申请随之办结；如仍需要，请就更正后的记录重新申请。`;
    const decision = withdrawn ? 'accepted' : 'rejected';
    await answerObjectionRow(trx, closed.enterpriseId, other.id, {
      state: decision,
      answer,
      answeredBy: actor.userId,
      correctionId: null,
    });
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.objection_answered',
        targetType: 'enterprise',
        targetId: closed.enterpriseId,
        requestId,
        summary: {
          objectionId: other.id,
          kind: other.kind,
          decision,
          recordId: closed.recordId,
          correctionId: closed.correctionId,
          closedByObjectionId: closed.byObjectionId,
        },
      },
    );
  }
}

/**
 * The officials' queue of objections and repair requests in a region: `regionPrefix` is the caller's scope as
 * `resolveRegionScope` gives it ('' for admins, a prefix matching nothing for an official without a region).
 */
export async function objectionsForOfficials(
  db: Db,
  query: Static<typeof ObjectionQueueQuery>,
  regionPrefix: string,
  today: string,
) {
  const prefix = regionPrefix;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await objectionQueue(db, {
    regionPrefix: prefix,
    state: query.state,
    kind: query.kind,
    page,
    pageSize,
  });
  return {
    items: rows.map((r) => ({
      ...objectionView(r, today),
      uscc: r.uscc,
      enterpriseName: r.enterprise_name,
      regionCode: r.region_code,
      recordTitle: r.record_title,
      recordCategory: r.record_category,
      recordSource: r.record_source,
    })),
    total,
    page,
    pageSize,
  };
}
