/**
 * The dated figures of financing (docs/reference/financing.md "How Huiqi holds these figures"): public, each with
 * its basis and whether it is verified. An admin adds a dated row of any figure, nationally or for a region; an
 * official sets the pickup period of a region within their own (the issue: "configurable per region"). Audited.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { findRegion } from '../../../reference/regions.ts';
import type { PutFinancingSettingBody } from '../../../shared/api/financing.ts';
import type { Database } from '../../db/schema.ts';
import { assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { settingRows, upsertSetting } from './financing.repository.ts';
import { decimalUnits, type FinancingSettings, normalDecimal, settingsFrom } from './financing.rules.ts';

type Db = Kysely<Database>;

const UNITS = {
  pickup_working_days: 'working_days',
  contact_working_days: 'working_days',
  decision_days: 'days',
  confirmation_days: 'days',
  inclusive_loan_max: 'wan_yuan',
  guarantee_fee_guide: 'percent',
} as const;

/** The figures in force on a day for a region ('' for the national ones). */
export async function financingSettingsOn(
  db: Db | Parameters<typeof settingRows>[0],
  regionCode: string,
  day: string,
): Promise<FinancingSettings> {
  return settingsFrom(await settingRows(db), regionCode, day);
}

/** Every row, for the public page. */
export async function listFinancingSettings(db: Db) {
  const rows = await settingRows(db);
  return {
    items: rows.map((r) => ({
      key: r.key,
      regionCode: r.region_code,
      effectiveFrom: r.effective_from,
      value: r.value,
      unit: r.unit,
      basis: r.basis,
      verified: r.verified,
      updatedAt: r.updated_at.toISOString(),
    })),
  };
}

/** Adds (or corrects) a dated row. */
export async function putFinancingSetting(
  db: Db,
  caller: Caller,
  body: Static<typeof PutFinancingSettingBody>,
) {
  const actor = requireActor(caller);
  const regionCode = body.regionCode ?? '';
  if (actor.role === 'official') {
    if (body.key !== 'pickup_working_days')
      throw AppError.field('key', {
        zh: '地方只能设定本地区的受理升级期限',
        en: 'a region sets only its own pickup period',
      });
    if (regionCode === '')
      throw AppError.field('regionCode', { zh: '请填写本地区的行政区划代码', en: 'give your region’s code' });
  }
  if (regionCode !== '') {
    if (!findRegion(regionCode))
      throw AppError.field('regionCode', { zh: '不是行政区划代码', en: 'not a region code' });
    assertInRegion(actor, regionCode);
  }
  const units = decimalUnits(body.value);
  if (units === null || units === 0n) throw AppError.field('value', { zh: '应大于0', en: 'must be above 0' });
  if (UNITS[body.key] !== 'wan_yuan' && UNITS[body.key] !== 'percent' && units % 10000n !== 0n)
    throw AppError.field('value', { zh: '天数应为整数', en: 'a number of days is a whole number' });
  const value = normalDecimal(body.value);
  await db.transaction().execute(async (trx) => {
    await upsertSetting(trx, {
      key: body.key,
      region_code: regionCode,
      effective_from: body.effectiveFrom,
      value,
      unit: UNITS[body.key],
      basis: body.basis.trim(),
      verified: body.verified,
      updated_by: actor.userId,
    });
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'financing.setting_changed',
        targetType: 'financing_setting',
        targetId: null,
        requestId: caller.requestId,
        summary: {
          key: body.key,
          regionCode,
          effectiveFrom: body.effectiveFrom,
          value,
          verified: body.verified,
        },
      },
    );
  });
  return listFinancingSettings(db);
}
