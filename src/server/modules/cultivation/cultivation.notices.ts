/**
 * The public notice (公示) of an approved application (issue 18; docs/reference/cultivation.md §6.2): anyone reads
 * the notices in force and recent ones, and may lodge an objection while a notice runs; the reviewers of the
 * enterprise's region answer each (upheld: the application cannot be announced and is rejected; dismissed: it
 * may be). The objector's name and contact stay with the reviewers.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { addDays } from '../../../reference/calendar.ts';
import { findRegion, regionFullName } from '../../../reference/regions.ts';
import type { NoticeQuery, ObjectionAnswerBody, ObjectionBody } from '../../../shared/api/cultivation.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
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
    ...(contact.length < 3
      ? [{ field: 'contact', message: { zh: '请填写联系电话或邮箱', en: 'give a phone number or e-mail' } }]
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
    return { id: Number(objection.id), lodgedAt: objection.lodged_at };
  });
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
