/**
 * Consents (issue 14): the enterprise decides who sees what, for what, until when, and sees every look.
 *
 * A consent names one institution (never "all"), the categories, the purpose and its dates (at most the longest
 * consent of the dated figures, one year). A bank asks (awaiting) and the enterprise authorises, possibly for a
 * shorter time, or rejects; the enterprise may also consent on its own initiative, and revoke at any time. It is
 * expired once its last day has passed, without a job. Every change is audited; the enterprise can download a
 * receipt (the fields of the Kantara Consent Receipt v1.1). A bank sees only its own institution's consents and
 * queries: another's are "not found".
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { validateUscc } from '../../../reference/uscc.ts';
import type {
  AuthoriseConsentBody,
  GrantConsentBody,
  RequestConsentBody,
} from '../../../shared/api/credit.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { findUserDisplays } from '../accounts/index.ts';
import { appendAudit } from '../audit/index.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { notify } from '../notifications/index.ts';
import { enterpriseCards, findEnterpriseSizeByUscc } from '../registry/index.ts';
import {
  type AccessLogRow,
  accessLogPage,
  type ConsentRow,
  consentsPage,
  findConsent,
  insertConsent,
  updateConsent,
} from './credit.consents.repository.ts';
import { type ConsentStatus, checkConsentTerms, consentStatus, hasBeenAuthorised } from './credit.rules.ts';
import { creditSettingsOn } from './credit.settings.repository.ts';

type Db = Kysely<Database>;

/** The institution of a bank user; FORBIDDEN for anyone else. */
export function requireInstitution(actor: Actor): number {
  if (actor.role !== 'bank' || actor.institutionId === null) throw new AppError('FORBIDDEN');
  return actor.institutionId;
}

function consentView(
  row: ConsentRow & { uscc: string; enterprise_name: string; queries?: number | null },
  institutionName: string,
  today: string,
) {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    uscc: row.uscc,
    enterpriseName: row.enterprise_name,
    institutionId: row.institution_id,
    institutionName,
    scope: row.scope,
    categories: row.categories,
    includeScore: row.include_score,
    purpose: row.purpose,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: consentStatus(row, today),
    requestedBy: row.requested_by_role,
    requestedAt: row.requested_at.toISOString(),
    signerName: row.signer_name,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    receiptId: row.receipt_id,
    hasReceipt: hasBeenAuthorised(row),
    queries: row.queries ?? 0,
  };
}

/** A consent as the API shows it. */
export type ConsentView = ReturnType<typeof consentView>;

async function withNames(
  db: Db,
  rows: (ConsentRow & { uscc: string; enterprise_name: string; queries?: number | null })[],
  today: string,
) {
  const names = await findInstitutionNames(
    db,
    rows.map((r) => r.institution_id),
  );
  return rows.map((r) => consentView(r, names.get(r.institution_id) ?? '', today));
}

async function oneView(db: Db, row: ConsentRow, today: string): Promise<ConsentView> {
  const enterprise = await enterpriseCards(db).where('id', '=', row.enterprise_id).executeTakeFirst();
  const [view] = await withNames(
    db,
    [{ ...row, uscc: enterprise?.uscc ?? '', enterprise_name: enterprise?.name ?? '' }],
    today,
  );
  return view as ConsentView;
}

/** A page of the enterprise's consents, or of the bank's institution's. */
export async function listConsents(
  db: Db,
  caller: Caller,
  query: { status?: ConsentStatus; page?: number; pageSize?: number },
  today: string,
) {
  const actor = requireActor(caller);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const owner =
    actor.role === 'enterprise'
      ? { enterpriseId: requireEnterprise(actor) }
      : { institutionId: requireInstitution(actor) };
  const { rows, total } = await consentsPage(db, { ...owner, status: query.status, today, page, pageSize });
  return { items: await withNames(db, rows, today), total, page, pageSize };
}

/**
 * One of the bank's institution's consents, as its list shows it (status, scope, categories, the enterprise's name):
 * what the report page reads first, so a check-only consent is not asked for a report and one not in force is said
 * so. A consent of another institution, or of another enterprise, is "not found".
 */
export async function bankConsent(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  consentId: number,
  today: string,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  const row = await findConsent(db, enterpriseId, consentId);
  if (!row || row.institution_id !== institutionId) throw new AppError('NOT_FOUND');
  return oneView(db, row, today);
}

function assertTerms(problems: ReturnType<typeof checkConsentTerms>) {
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      problems.map((p) => ({ field: p.field, message: p.message })),
    );
}

async function assertInstitution(db: Db, institutionId: number): Promise<string> {
  const name = (await findInstitutionNames(db, [institutionId])).get(institutionId);
  if (name === undefined)
    throw AppError.field('institutionId', { zh: '没有这家金融机构', en: 'no such financial institution' });
  return name;
}

/** The enterprise consents on its own initiative: authorised at once. */
export async function grantConsent(
  db: Db,
  caller: Caller,
  body: Static<typeof GrantConsentBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const settings = await creditSettingsOn(db, today);
  const validFrom = body.validFrom ?? today;
  assertTerms(
    checkConsentTerms(
      {
        institutionId: body.institutionId,
        scope: body.scope,
        categories: body.categories,
        purpose: body.purpose,
        validFrom,
        validUntil: body.validUntil,
      },
      today,
      settings,
    ),
  );
  await assertInstitution(db, body.institutionId);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertConsent(trx, {
      enterprise_id: enterpriseId,
      institution_id: body.institutionId,
      scope: body.scope,
      categories: body.categories,
      include_score: body.includeScore ?? false,
      purpose: body.purpose.trim(),
      valid_from: validFrom,
      valid_until: body.validUntil,
      state: 'authorised',
      requested_by_role: 'enterprise',
      requested_by: actor.userId,
      signer_name: body.signerName.trim(),
      decided_by: actor.userId,
      decided_at: new Date(),
      receipt_id: randomUUID(),
    });
    await audit(trx, caller, actor, 'granted', inserted);
    return inserted;
  });
  return oneView(db, row, today);
}

/** A bank asks an enterprise (by USCC) for consent: awaiting the enterprise, which is notified. */
export async function requestConsent(
  db: Db,
  caller: Caller,
  body: Static<typeof RequestConsentBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  const settings = await creditSettingsOn(db, today);
  assertTerms(
    checkConsentTerms(
      {
        institutionId,
        scope: body.scope,
        categories: body.categories,
        purpose: body.purpose,
        validFrom: today,
        validUntil: body.validUntil,
      },
      today,
      settings,
    ),
  );
  // A code that is not a valid GB 32100 code is said so (as the registry's import does), not "not in the registry".
  const checked = validateUscc(body.uscc);
  if (!checked.ok) throw AppError.field('uscc', checked.message);
  const enterprise = await findEnterpriseSizeByUscc(db, checked.code);
  if (!enterprise)
    throw AppError.field('uscc', {
      zh: '企业名录中没有这个统一社会信用代码',
      en: 'no enterprise in the registry has this USCC',
    });
  const institutionName = await assertInstitution(db, institutionId);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertConsent(trx, {
      enterprise_id: enterprise.id,
      institution_id: institutionId,
      scope: body.scope,
      categories: body.categories,
      include_score: body.includeScore ?? false,
      purpose: body.purpose.trim(),
      valid_from: today,
      valid_until: body.validUntil,
      state: 'awaiting',
      requested_by_role: 'bank',
      requested_by: actor.userId,
      signer_name: null,
      receipt_id: randomUUID(),
    });
    await notify(trx, [
      {
        enterpriseId: enterprise.id,
        kind: 'credit',
        title: {
          zh: `${institutionName}请求查询贵企业的信用信息：${inserted.purpose}`,
          en: `${institutionName} asks to see your credit information: ${inserted.purpose}`,
        },
      },
    ]);
    await audit(trx, caller, actor, 'requested', inserted);
    return inserted;
  });
  return oneView(db, row, today);
}

type Decision = 'authorise' | 'reject' | 'revoke';

/**
 * The enterprise decides on a consent: authorises or rejects a bank's request (awaiting, not yet past its last
 * day), or revokes an authorised one (from that moment every query refuses). The consent is locked, so a query
 * running under it finishes first and the next one sees the revocation.
 */
export async function decideConsent(
  db: Db,
  caller: Caller,
  consentId: number,
  decision: Decision,
  body: Static<typeof AuthoriseConsentBody> | null,
  today: string,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const settings = await creditSettingsOn(db, today);
  const row = await db.transaction().execute(async (trx) => {
    const consent = await findConsent(trx, enterpriseId, consentId, 'update');
    if (!consent) throw new AppError('NOT_FOUND');
    const status = consentStatus(consent, today);
    if (decision === 'revoke') {
      if (status !== 'authorised')
        throw new AppError('CONFLICT', [], {
          zh: `只有已授权且未过期的授权可以撤回（当前：${STATUS_ZH[status]}）`,
          en: `Only an authorised consent that has not expired can be revoked (now: ${status})`,
        });
      const changed = await updateConsent(trx, enterpriseId, consentId, {
        state: 'revoked',
        revoked_by: actor.userId,
        revoked_at: new Date(),
      });
      await audit(trx, caller, actor, 'revoked', changed);
      return changed;
    }
    if (status !== 'awaiting')
      throw new AppError('CONFLICT', [], {
        zh: `只有待授权的请求可以${decision === 'authorise' ? '授权' : '拒绝'}（当前：${STATUS_ZH[status]}）`,
        en: `Only a request awaiting you can be ${decision === 'authorise' ? 'authorised' : 'rejected'} (now: ${status})`,
      });
    if (decision === 'reject') {
      const changed = await updateConsent(trx, enterpriseId, consentId, {
        state: 'rejected',
        decided_by: actor.userId,
        decided_at: new Date(),
      });
      await audit(trx, caller, actor, 'rejected', changed);
      return changed;
    }
    const validUntil = body?.validUntil ?? consent.valid_until;
    if (validUntil > consent.valid_until)
      throw AppError.field('validUntil', {
        zh: `不能长于银行请求的期限（${consent.valid_until}）`,
        en: `cannot be longer than the bank asked for (${consent.valid_until})`,
      });
    assertTerms(
      checkConsentTerms(
        {
          institutionId: consent.institution_id,
          scope: consent.scope,
          categories: consent.categories,
          purpose: consent.purpose,
          validFrom: consent.valid_from < today ? today : consent.valid_from,
          validUntil,
        },
        today,
        settings,
      ),
    );
    const changed = await updateConsent(trx, enterpriseId, consentId, {
      state: 'authorised',
      valid_until: validUntil,
      signer_name: body?.signerName.trim() ?? null,
      decided_by: actor.userId,
      decided_at: new Date(),
    });
    await audit(trx, caller, actor, 'authorised', changed);
    return changed;
  });
  return oneView(db, row, today);
}

const STATUS_ZH: Record<ConsentStatus, string> = {
  awaiting: '待授权',
  authorised: '已授权',
  rejected: '已拒绝',
  revoked: '已撤回',
  expired: '已过期',
};

async function audit(
  trx: Parameters<typeof appendAudit>[0],
  caller: Caller,
  actor: Actor,
  event: 'granted' | 'requested' | 'authorised' | 'rejected' | 'revoked',
  consent: ConsentRow,
) {
  await appendAudit(
    trx,
    { userId: actor.userId, role: actor.role },
    {
      action: `credit.consent_${event}`,
      targetType: 'enterprise',
      targetId: consent.enterprise_id,
      requestId: caller.requestId,
      summary: {
        consentId: consent.id,
        institutionId: consent.institution_id,
        scope: consent.scope,
        categories: consent.categories,
        purpose: consent.purpose,
        validFrom: consent.valid_from,
        validUntil: consent.valid_until,
        state: consent.state,
      },
    },
  );
}

/** The web app's page where the enterprise reviews, grants and revokes its consents (src/web/routes.ts). */
export const CONSENTS_PAGE = '/app/credit-records?tab=consents';

const CATEGORY_NAMES = new Map(CREDIT_CATEGORIES.map((c) => [c.code, c]));

/**
 * The consent receipt the enterprise downloads (the fields of the Kantara Consent Receipt v1.1): only for a consent
 * it authorised (CONFLICT otherwise); its policy address is the enterprise's consents page.
 */
export async function consentReceipt(
  db: Db,
  caller: Caller,
  consentId: number,
  today: string,
  lang: 'zh' | 'en',
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const consent = await findConsent(db, enterpriseId, consentId);
  if (!consent) throw new AppError('NOT_FOUND');
  if (!hasBeenAuthorised(consent))
    throw new AppError('CONFLICT', [], {
      zh: `该授权从未生效（当前：${STATUS_ZH[consentStatus(consent, today)]}），没有授权回执；授权后方可下载`,
      en: `This consent was never authorised (now: ${consentStatus(consent, today)}), so it has no receipt; one is issued once it is authorised`,
    });
  const view = await oneView(db, consent, today);
  const status = view.status;
  const termination =
    lang === 'zh'
      ? `至 ${consent.valid_until} 止，企业可随时撤回${consent.revoked_at ? `；已于 ${consent.revoked_at.toISOString()} 撤回` : ''}`
      : `Until ${consent.valid_until}; the enterprise may revoke it at any time${consent.revoked_at ? `; revoked at ${consent.revoked_at.toISOString()}` : ''}`;
  return {
    version: 'KI-CR-v1.1.0' as const,
    jurisdiction: 'CN',
    consentTimestamp: Math.floor((consent.decided_at ?? consent.requested_at).getTime() / 1000),
    collectionMethod:
      consent.requested_by_role === 'bank'
        ? lang === 'zh'
          ? '金融机构在惠企平台发起请求，企业在线授权'
          : 'Requested by the institution on Huiqi, authorised online by the enterprise'
        : lang === 'zh'
          ? '企业在惠企平台主动授权'
          : 'Given online on Huiqi on the enterprise’s own initiative',
    consentReceiptID: consent.receipt_id,
    publicKey: null,
    language: lang === 'zh' ? 'zh-CN' : 'en',
    piiPrincipalId: view.uscc,
    piiControllers: [{ piiController: view.institutionName, contact: view.institutionName }],
    policyUrl: CONSENTS_PAGE,
    services: [
      {
        service:
          consent.scope === 'check'
            ? lang === 'zh'
              ? '信用信息核验'
              : 'Credit check'
            : lang === 'zh'
              ? '信用报告查询'
              : 'Credit report',
        purposes: [
          {
            purpose: consent.purpose,
            purposeCategory: [lang === 'zh' ? '融资服务' : 'Financing'],
            consentType: 'EXPLICIT',
            piiCategory: [
              ...consent.categories.map((c) => {
                const cat = CATEGORY_NAMES.get(c);
                return cat ? (lang === 'zh' ? cat.nameZh : cat.nameEn) : c;
              }),
              ...(consent.include_score ? [lang === 'zh' ? '信用评价' : 'Credit evaluation'] : []),
            ],
            primaryPurpose: true,
            termination,
            thirdPartyDisclosure: false,
            thirdPartyName: view.institutionName,
          },
        ],
      },
    ],
    sensitive: consent.categories.some((c) => ['penalty', 'judgment', 'dishonesty'].includes(c)),
    spiCat: [],
    status,
    signer: consent.signer_name,
  };
}

function accessView(
  row: AccessLogRow & { enterprise_name: string },
  institutions: Map<number, string>,
  users: Map<number, { displayName: string }>,
) {
  return {
    id: row.id,
    consentId: row.consent_id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    institutionId: row.institution_id,
    institutionName: institutions.get(row.institution_id) ?? '',
    userName: users.get(row.user_id)?.displayName ?? '',
    at: row.at.toISOString(),
    kind: row.kind,
    categories: row.categories,
    purpose: row.purpose,
    question: row.question,
    answer: row.answer,
  };
}

/** The access log: the enterprise's own (who looked at what, when, why), or the bank institution's queries. */
export async function listAccessLog(
  db: Db,
  caller: Caller,
  query: { consentId?: number; page?: number; pageSize?: number },
) {
  const actor = requireActor(caller);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const owner =
    actor.role === 'enterprise'
      ? { enterpriseId: requireEnterprise(actor) }
      : { institutionId: requireInstitution(actor) };
  const { rows, total } = await accessLogPage(db, { ...owner, consentId: query.consentId, page, pageSize });
  const [institutions, users] = await Promise.all([
    findInstitutionNames(
      db,
      rows.map((r) => r.institution_id),
    ),
    findUserDisplays(
      db,
      rows.map((r) => r.user_id),
    ),
  ]);
  return { items: rows.map((r) => accessView(r, institutions, users)), total, page, pageSize };
}
