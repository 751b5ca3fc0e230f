/**
 * The dated figures of the credit rules (issue 14): anyone may read them with their basis and whether they are
 * verified (the UI says where a figure comes from); an admin adds a dated row when a figure is confirmed or a new
 * document changes it (audited). A figure marked unverified stays editable data, never a constant in code.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { PutCreditSettingBody } from '../../../shared/api/credit.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { CREDIT_SETTING_KEYS, type CreditSettingKey } from './credit.rules.ts';
import { listCreditSettings, putCreditSetting } from './credit.settings.repository.ts';

/** Every dated figure. */
export async function creditSettingsList(db: Kysely<Database>) {
  return { items: await listCreditSettings(db) };
}

/** An admin records a dated figure. */
export async function putSetting(
  db: Kysely<Database>,
  caller: Caller,
  body: Static<typeof PutCreditSettingBody>,
) {
  const actor = requireActor(caller);
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (!(CREDIT_SETTING_KEYS as readonly string[]).includes(body.key))
    throw AppError.field('key', {
      zh: `没有这项参数（可选：${CREDIT_SETTING_KEYS.join('、')}）`,
      en: `no such figure (one of ${CREDIT_SETTING_KEYS.join(', ')})`,
    });
  const setting = {
    key: body.key as CreditSettingKey,
    effectiveFrom: body.effectiveFrom,
    value: body.value,
    unit: body.unit,
    basis: body.basis.trim(),
    verified: body.verified,
  };
  await db.transaction().execute(async (trx) => {
    await putCreditSetting(trx, setting, actor.userId);
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.setting_changed',
        targetType: 'credit_setting',
        targetId: body.key,
        requestId: caller.requestId,
        summary: setting,
      },
    );
  });
  return creditSettingsList(db);
}
