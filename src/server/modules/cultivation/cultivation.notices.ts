/**
 * The public notice (公示) of an approved application (issue 18; docs/reference/cultivation.md §6.2): anyone reads
 * the notices in force and recent ones, and may lodge an objection while a notice runs; the reviewers of the
 * enterprise's region answer each (upheld: the application cannot be announced and is rejected; dismissed: it
 * may be). The objector's name and contact stay with the reviewers. The objector is given a reference and a lookup
 * code with which to read the objection's state and the answer later.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { addDays } from '../../../reference/calendar.ts';
import { findRegion, regionFullName } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import type {
  NoticeQuery,
  ObjectionAnswerBody,
  ObjectionBody,
  ObjectionLookupBody,
  RecognitionsQuery,
} from '../../../shared/api/cultivation.ts';
import { isObjectionContact } from '../../../shared/contact.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { currentAuditKey, escapeLike } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { enterpriseCards } from '../registry/index.ts';
import { audit } from './cultivation.audit.ts';

/** How long after its end a notice stays listed (days). */
export const NOTICE_LISTED_DAYS = 30;

/** The notices in force and those ended in the last 30 days, newest first, by tier and province. */
export async function listNotices(db: Kysely<Database>, query: Static<typeof NoticeQuery>) {
  const today = todayInChina();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let base = db
    .selectFrom('cultivation_applications')
    .where('notice_to', '>=', addDays(today, -NOTICE_LISTED_DAYS))
    .where('notice_from', '<=', today)
    .where('stage', 'in', ['notice', 'recognised', 'rejected']);
  if (query.tier) base = base.where('tier', '=', query.tier);
  if (query.provinceCode) {
    const p = query.provinceCode.slice(0, 2);
    base = base.where('region_code', '>=', `${p}0000`).where('region_code', '<=', `${p}9999`);
  }
  const [rows, counted] = await Promise.all([
    base
      .selectAll()
      .orderBy('notice_from', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  const ids = [...new Set(rows.map((r) => Number(r.enterprise_id)))];
  const names =
    ids.length === 0
      ? new Map<number, { name: string; uscc: string }>()
      : new Map(
          (await enterpriseCards(db).where('id', 'in', ids).execute()).map((e) => [
            Number(e.id),
            { name: e.name, uscc: e.uscc },
          ]),
        );
  return {
    items: rows.map((r) => ({
      enterpriseId: Number(r.enterprise_id),
      applicationId: Number(r.id),
      enterpriseName: names.get(Number(r.enterprise_id))?.name ?? '',
      uscc: names.get(Number(r.enterprise_id))?.uscc ?? '',
      tier: r.tier,
      year: r.year,
      regionCode: r.region_code,
      regionName: findRegion(r.region_code) ? regionFullName(r.region_code) : r.region_code,
      score: r.score === null ? null : Number(r.score),
      noticeFrom: r.notice_from ?? '',
      noticeTo: r.notice_to ?? '',
      open: r.stage === 'notice' && (r.notice_from ?? '') <= today && (r.notice_to ?? '') >= today,
    })),
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
  };
}

/**
 * Anyone lodges an objection to an application on notice, within its notice period: refused (on `content`, with
 * the period) before or after it. The reviewers are told; the enterprise sees the objection without who lodged it.
 */
export async function lodgeObjection(
  db: Kysely<Database>,
  enterpriseId: number,
  applicationId: number,
  body: Static<typeof ObjectionBody>,
) {
  const today = todayInChina();
  const name = body.name.trim();
  const contact = body.contact.trim();
  const content = body.content.trim();
  const problems = [
    ...(name.length === 0
      ? [{ field: 'name', message: { zh: '请填写姓名或单位', en: 'give your name or organisation' } }]
      : []),
    ...(contact.length === 0
      ? [{ field: 'contact', message: { zh: '请填写联系电话或邮箱', en: 'give a phone number or e-mail' } }]
      : !isObjectionContact(contact)
        ? [
            {
              field: 'contact',
              message: {
                zh: '联系方式须为 11 位手机号、带区号的固定电话（如 010-12345678）或电子邮箱',
                en: 'give an 11-digit mobile number, a landline with its area code (e.g. 010-12345678) or an e-mail address',
              },
            },
          ]
        : []),
    ...(content.length < 5
      ? [
          {
            field: 'content',
            message: {
              zh: '请写明异议的事实和理由（至少5个字）',
              en: 'state the facts and reasons (5 characters at least)',
            },
          },
        ]
      : []),
  ];
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cultivation_applications')
      .select(['id', 'enterprise_id', 'stage', 'notice_from', 'notice_to', 'tier'])
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.notice_from === null || row.notice_to === null) throw new AppError('NOT_FOUND');
    if (row.stage !== 'notice' || today < row.notice_from || today > row.notice_to)
      throw AppError.field('content', {
        zh: `异议须在公示期内（${row.notice_from} 至 ${row.notice_to}）提出`,
        en: `objections are taken during the public notice (${row.notice_from} to ${row.notice_to})`,
      });
    const objection = await trx
      .insertInto('cultivation_objections')
      .values({
        enterprise_id: enterpriseId,
        application_id: applicationId,
        lodged_at: new Date(),
        name,
        contact,
        content,
        answer: null,
        answered_by: null,
        answered_at: null,
      })
      .returning(['id', 'lodged_at'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('cultivation_events')
      .values({
        enterprise_id: enterpriseId,
        application_id: applicationId,
        at: new Date(),
        actor_id: null,
        actor_role: 'anonymous',
        action: 'objection',
        from_stage: 'notice',
        to_stage: 'notice',
        comment: null,
      })
      .execute();
    await notify(trx, [
      {
        enterpriseId,
        kind: 'cultivation',
        link: `/app/my/cultivation?application=${applicationId}`,
        title: {
          zh: '公示期内有人对本企业的认定申请提出异议，主管部门将核实',
          en: 'An objection was lodged to your application during its public notice; the authority will look into it',
        },
      },
    ]);
    const id = Number(objection.id);
    return {
      id,
      lodgedAt: objection.lodged_at,
      reference: objectionReference(enterpriseId, id),
      code: formatLookupCode(lookupCode(enterpriseId, id)),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Looking an objection up: its reference and a code derived from it (nothing stored)

/** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is not mistaken. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of a lookup code: 40 bits, too many to guess at the lookup's rate limit. */
const CODE_LENGTH = 8;

/** Stands in for the audit key where a process has none (tests): codes then hold only while the process runs. */
let processSecret: Buffer | null = null;

/**
 * The key lookup codes are derived with: an HMAC of a fixed label under the audit key's chain key (the server's
 * secret kept outside the database, ADR 0010), so the codes are the same on every instance and after a restart,
 * and neither the database nor a code reveals the audit key.
 */
function lookupKey(): Buffer {
  const audit = currentAuditKey();
  if (audit)
    return createHmac('sha256', audit.chainKey).update('huiqi cultivation objection lookup').digest();
  processSecret ??= randomBytes(32);
  return processSecret;
}

/** An objection's reference, as given to its objector and asked back: '{enterpriseId}-{id}'. */
export function objectionReference(enterpriseId: number, id: number): string {
  return `${enterpriseId}-${id}`;
}

/** The lookup code of an objection (8 characters of Crockford's base 32). */
export function lookupCode(enterpriseId: number, id: number): string {
  const digest = createHmac('sha256', lookupKey()).update(`objection:${enterpriseId}:${id}`).digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i] as number);
  let code = '';
  for (let i = CODE_LENGTH - 1; i >= 0; i--) code += CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
}

/** A code as shown: two groups of four. */
const formatLookupCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** A code as typed, in the alphabet's letters: case, spaces and hyphens ignored, O read as 0 and I or L as 1. */
function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const WRONG_LOOKUP = {
  zh: '编号或查询码不正确，请核对提交异议时给出的编号和查询码',
  en: 'the reference or the lookup code is wrong: check those given when the objection was lodged',
};

/**
 * The objector looks an objection up with its reference and code: its state and, once given, the province's
 * answer. A wrong code and an objection that does not exist are refused alike (on `code`), so neither the
 * references nor the codes can be probed; the route limits the tries.
 */
export async function lookUpObjection(db: Kysely<Database>, body: Static<typeof ObjectionLookupBody>) {
  const match = /^\s*(\d{1,15})\s*-\s*(\d{1,15})\s*$/.exec(body.reference);
  if (!match)
    throw AppError.field('reference', {
      zh: '编号的格式为“数字-数字”，如 1024-7',
      en: 'a reference is two numbers joined by a hyphen, e.g. 1024-7',
    });
  const enterpriseId = Number(match[1]);
  const id = Number(match[2]);
  const given = Buffer.from(normaliseCode(body.code));
  const expected = Buffer.from(lookupCode(enterpriseId, id));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw AppError.field('code', WRONG_LOOKUP);
  const row = await db
    .selectFrom('cultivation_objections as o')
    .innerJoin('cultivation_applications as a', (join) =>
      join.onRef('a.enterprise_id', '=', 'o.enterprise_id').onRef('a.id', '=', 'o.application_id'),
    )
    .select(['o.lodged_at', 'o.state', 'o.answer', 'o.answered_at', 'a.tier', 'a.notice_from', 'a.notice_to'])
    .where('o.enterprise_id', '=', enterpriseId)
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row) throw AppError.field('code', WRONG_LOOKUP);
  const [card] = await enterpriseCards(db).where('id', '=', enterpriseId).execute();
  return {
    reference: objectionReference(enterpriseId, id),
    enterpriseName: card?.name ?? '',
    tier: row.tier,
    noticeFrom: row.notice_from,
    noticeTo: row.notice_to,
    lodgedAt: row.lodged_at,
    state: row.state,
    answer: row.state === 'open' ? null : row.answer,
    answeredAt: row.state === 'open' ? null : row.answered_at,
  };
}

/** A reviewer of the enterprise's region answers an objection: upheld or dismissed, with the answer; audited. */
export async function answerObjection(
  db: Kysely<Database>,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof ObjectionAnswerBody>,
) {
  const actor = requireActor(caller);
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const answer = body.answer.trim();
  if (answer.length === 0)
    throw AppError.field('answer', { zh: '请写明核实情况', en: 'state what was found' });
  return db.transaction().execute(async (trx) => {
    const objection = await trx
      .selectFrom('cultivation_objections as o')
      .innerJoin('cultivation_applications as a', (join) =>
        join.onRef('a.enterprise_id', '=', 'o.enterprise_id').onRef('a.id', '=', 'o.application_id'),
      )
      .select(['o.id', 'o.state', 'o.application_id', 'a.region_code', 'a.stage'])
      .where('o.enterprise_id', '=', enterpriseId)
      .where('o.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!objection) throw new AppError('NOT_FOUND');
    assertInRegion(actor, objection.region_code);
    if (objection.state !== 'open')
      throw new AppError('CONFLICT', [], { zh: '该异议已答复', en: 'this objection has been answered' });
    if (objection.stage !== 'notice')
      throw new AppError('CONFLICT', [], {
        zh: '申请已不在公示阶段，异议无需再答复',
        en: 'the application is no longer on notice',
      });
    const answered = await trx
      .updateTable('cultivation_objections')
      .set({ state: body.state, answer, answered_by: actor.userId, answered_at: new Date() })
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      caller,
      actor,
      'objection_answered',
      { type: 'cultivation_application', id: Number(objection.application_id) },
      { objectionId: id, state: body.state },
    );
    return {
      id: Number(answered.id),
      state: answered.state,
      answer: answered.answer,
      answeredAt: answered.answered_at,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The public list of announced recognitions

/**
 * The recognitions announced and in force today (recognised, from the day of announcement to the last day of
 * validity; docs/reference/cultivation.md §6.1), newest first: the enterprise's name, the tier, the day announced,
 * the last day valid and the province — nothing else of the enterprise or its application. By tier, year of
 * announcement and province; `q` a part of the name.
 */
export async function listRecognitions(db: Kysely<Database>, query: Static<typeof RecognitionsQuery>) {
  const today = todayInChina();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let base = db
    .selectFrom('cultivation_applications as a')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'a.enterprise_id')
    .where('a.stage', '=', 'recognised')
    .where('a.valid_from', '<=', today)
    .where('a.valid_to', '>=', today);
  if (query.tier) base = base.where('a.tier', '=', query.tier);
  if (query.year)
    base = base
      .where('a.valid_from', '>=', `${query.year}-01-01`)
      .where('a.valid_from', '<=', `${query.year}-12-31`);
  if (query.provinceCode) {
    const p = query.provinceCode.slice(0, 2);
    base = base.where('a.region_code', '>=', `${p}0000`).where('a.region_code', '<=', `${p}9999`);
  }
  const q = query.q?.trim();
  if (q) base = base.where('e.name', 'like', `%${escapeLike(q)}%`);
  const [rows, counted] = await Promise.all([
    base
      .select(['e.name', 'a.tier', 'a.region_code', 'a.valid_from', 'a.valid_to'])
      .orderBy('a.valid_from', 'desc')
      .orderBy('a.enterprise_id')
      .orderBy('a.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => {
      const province = `${r.region_code.slice(0, 2)}0000`;
      const known = findRegion(province) !== undefined;
      return {
        enterpriseName: r.name,
        tier: r.tier,
        announcedOn: r.valid_from ?? '',
        validTo: r.valid_to ?? '',
        provinceCode: province,
        provinceName: known ? regionFullName(province) : province,
        provinceNameEn: known ? regionFullNameEn(province) : province,
      };
    }),
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
  };
}
