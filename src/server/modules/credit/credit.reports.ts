/**
 * A bank's queries under a consent (issue 14): the credit report (the consented categories' records published
 * today, personal data masked; the evaluation when the consent includes it) and check-only questions (yes or no).
 *
 * The consent is read FOR SHARE inside the transaction that reads the data and writes the access log and the
 * audit entry: a revocation (FOR UPDATE) waits for a query in flight, and any query after it sees it and refuses.
 * A consent of another institution is "not found", so a bank never learns of another bank's consents.
 */
import type { Kysely, Transaction } from 'kysely';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { enterpriseCards } from '../registry/index.ts';
import { type ConsentRow, findConsent, insertAccess } from './credit.consents.repository.ts';
import { requireInstitution } from './credit.consents.ts';
import { recordView } from './credit.records.ts';
import { listRecords } from './credit.repository.ts';
import { answerCheck, CHECK_CATEGORY, type CheckQuestion, isLive } from './credit.rules.ts';
import { explainScore } from './credit.scoring.ts';
import { creditSettingsOn } from './credit.settings.repository.ts';

type Db = Kysely<Database>;

/** What the report adds when the consent includes the evaluation: the consented categories are passed. */
export type ScoreReader = (
  db: Transaction<Database>,
  enterpriseId: number,
  today: string,
  categories: readonly string[],
) => Promise<unknown>;

/**
 * The evaluation as a consented bank sees it: the score and the grade (the enterprise consented to the evaluation),
 * computed on the day and written nowhere (`explainScore`), and every feature by its name, definition, unit and
 * basis. A feature's value, bin, points and the data behind it only where the consent gives its category (registry
 * figures always: they are not shared data); else they are null and `withheld: true` — a value or its points would
 * tell what a category not consented holds. The feature list `items` is withheld alike. Null when no scorecard is
 * published.
 */
export const readConsentedScore: ScoreReader = async (trx, enterpriseId, today, categories) => {
  try {
    const explanation = await explainScore(trx, enterpriseId, today);
    const shown = new Set(
      explanation.explained
        .filter((item) => item.source === 'registry' || categories.includes(item.source))
        .map((item) => item.feature),
    );
    const withheld = { value: null, bin: null, points: null, withheld: true } as const;
    return {
      ...explanation,
      items: explanation.items.map((item) => (shown.has(item.feature) ? item : { ...item, ...withheld })),
      explained: explanation.explained.map((item) =>
        shown.has(item.feature) ? item : { ...item, ...withheld, evidence: null },
      ),
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
};

/**
 * The consent under which a bank queries, checked in the query's transaction: the bank's own, live today, of
 * the right scope, giving every category asked for. Refusals name what is wrong.
 */
async function liveConsent(
  trx: Transaction<Database>,
  institutionId: number,
  enterpriseId: number,
  consentId: number,
  today: string,
): Promise<ConsentRow> {
  const consent = await findConsent(trx, enterpriseId, consentId, 'share');
  if (!consent || consent.institution_id !== institutionId) throw new AppError('NOT_FOUND');
  if (!isLive(consent, today)) {
    const why =
      consent.state === 'revoked'
        ? { zh: '企业已撤回该授权', en: 'the enterprise has revoked this consent' }
        : consent.state === 'rejected'
          ? { zh: '企业已拒绝该授权请求', en: 'the enterprise rejected this request' }
          : consent.state === 'awaiting' && consent.valid_until >= today
            ? { zh: '企业尚未授权', en: 'the enterprise has not authorised it yet' }
            : consent.valid_from > today
              ? {
                  zh: `授权自 ${consent.valid_from} 起生效`,
                  en: `the consent starts on ${consent.valid_from}`,
                }
              : {
                  zh: `授权已于 ${consent.valid_until} 到期`,
                  en: `the consent expired after ${consent.valid_until}`,
                };
    throw new AppError('CONSENT_NOT_LIVE', [], {
      zh: `该授权当前无效：${why.zh}`,
      en: `This consent is not in force: ${why.en}`,
    });
  }
  return consent;
}

/** A refusal naming the categories asked for but not consented, by their names in the sharing list. */
function notConsented(field: string, codes: readonly string[]): AppError {
  const named = codes.map((code) => CREDIT_CATEGORIES.find((c) => c.code === code));
  const zh = named.map((c, i) => c?.nameZh ?? codes[i]).join('、');
  const en = named.map((c, i) => c?.nameEn ?? codes[i]).join(', ');
  return new AppError(
    'CATEGORY_NOT_CONSENTED',
    [
      {
        field,
        message: {
          zh: `企业未授权查询：${zh}`,
          en: `Not consented: ${en}`,
        },
      },
    ],
    {
      zh: `企业未授权查询这些类别：${zh}`,
      en: `The enterprise has not consented to these categories: ${en}`,
    },
  );
}

/** A consented bank's credit report on one enterprise. */
export async function creditReport(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  consentId: number,
  query: { categories?: string },
  today: string,
  readScore: ScoreReader,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  const asked = query.categories
    ?.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const settings = await creditSettingsOn(db, today);
  return db.transaction().execute(async (trx) => {
    const consent = await liveConsent(trx, institutionId, enterpriseId, consentId, today);
    if (consent.scope === 'check') throw new AppError('CONSENT_CHECK_ONLY');
    const categories = asked && asked.length > 0 ? asked : consent.categories;
    const refused = categories.filter((c) => !consent.categories.includes(c));
    if (refused.length > 0) throw notConsented('categories', refused);
    const [card, rows, score] = await Promise.all([
      enterpriseCards(trx).where('id', '=', enterpriseId).executeTakeFirstOrThrow(),
      listRecords(trx, enterpriseId, { categories, publishedOn: today }),
      consent.include_score ? readScore(trx, enterpriseId, today, categories) : Promise.resolve(null),
    ]);
    const accessLogId = await insertAccess(trx, {
      enterpriseId,
      consentId,
      institutionId,
      userId: actor.userId,
      kind: 'report',
      categories: [...categories],
      purpose: consent.purpose,
      question: null,
      answer: null,
    });
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.report_read',
        targetType: 'enterprise',
        targetId: enterpriseId,
        requestId: caller.requestId,
        summary: { consentId, institutionId, categories, accessLogId, records: rows.length },
      },
    );
    return {
      enterpriseId,
      uscc: card.uscc,
      name: card.name,
      regionCode: card.region_code,
      consentId,
      purpose: consent.purpose,
      validUntil: consent.valid_until,
      asOf: today,
      categories: [...categories],
      records: rows.map((r) => recordView(r, today, settings, true)),
      score,
      accessLogId,
    };
  });
}

/** A check-only question under a consent: yes or no, and nothing of the data. */
export async function creditCheck(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  consentId: number,
  question: CheckQuestion,
  today: string,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  const category = CHECK_CATEGORY[question.kind];
  return db.transaction().execute(async (trx) => {
    const consent = await liveConsent(trx, institutionId, enterpriseId, consentId, today);
    if (!consent.categories.includes(category)) throw notConsented('question.kind', [category]);
    const rows = await listRecords(trx, enterpriseId, { categories: [category], publishedOn: today });
    const answer = answerCheck(question, rows);
    const accessLogId = await insertAccess(trx, {
      enterpriseId,
      consentId,
      institutionId,
      userId: actor.userId,
      kind: 'check',
      categories: [category],
      purpose: consent.purpose,
      question,
      answer,
    });
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.check_answered',
        targetType: 'enterprise',
        targetId: enterpriseId,
        requestId: caller.requestId,
        summary: { consentId, institutionId, question, answer, accessLogId },
      },
    );
    return { answer, question, asOf: today, accessLogId };
  });
}
