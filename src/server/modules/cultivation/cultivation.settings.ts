/**
 * A province's settings of each tier and year (issue 18; docs/reference/cultivation.md §3.4, §6.2): the yearly
 * quota, the application window, the public notice's days, the working days the county and the province have
 * for a review (Huiqi's defaults until it sets its own: the notes give none), and for 专精特新 its 1–3 特色化
 * indicators with their bands, checked against the standard by compiling it. Officials of the province read them;
 * the province's own officials (and admins) change them, on the version read, audited.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { findRegion } from '../../../reference/regions.ts';
import type { SettingsBody, SettingsQuery } from '../../../shared/api/cultivation.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { levelOf } from './cultivation.applications.ts';
import { audit } from './cultivation.audit.ts';
import { CultivationStandardError, compileStandard } from './cultivation.rules.ts';
import {
  CULTIVATION_TIERS,
  findCultivationStandard,
  type ProvinceIndicator,
  type ProvinceIndicatorSet,
} from './cultivation.standards.ts';
import type { TierCode } from './cultivation.table.ts';

/** Huiqi's defaults (the migration's column defaults), with where they come from. */
export const SETTINGS_DEFAULTS = {
  noticeDays: 5,
  countyDays: 15,
  provinceDays: 20,
  basis: {
    zh: '公示天数5天为文件举例（未核实，各省可自定）；县、省审核工作日为本平台默认值，文件未规定',
    en: 'Notice of 5 days: the example the notes give (unverified; each province sets its own). Review days: Huiqi defaults; the documents set none',
  },
} as const;

/** The province (XX0000) an official works in, or null (admin). */
function provinceOfActor(actor: Actor): string | null {
  return actor.regionCode ? `${actor.regionCode.slice(0, 2)}0000` : null;
}

/** Whether the actor may change the province's settings: its own province's officials, and admins. */
function mayEdit(actor: Actor, provinceCode: string): boolean {
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'official' && levelOf(actor) === 'province' && provinceOfActor(actor) === provinceCode
  );
}

function assertReads(actor: Actor, provinceCode: string) {
  if (actor.role === 'admin') return;
  if (actor.role !== 'official') throw new AppError('FORBIDDEN');
  if (provinceOfActor(actor) !== provinceCode) throw new AppError('OUT_OF_SCOPE');
}

/** The slot the 专精特新 standard in force leaves to a province (§3.4). */
function provinceSlot(year: number) {
  const standard = findCultivationStandard('specialised', `${year}-12-31`);
  const dimension = standard?.score?.dimensions.find((d) => d.provinceSet !== undefined);
  return {
    standardId: standard?.id ?? null,
    minIndicators: dimension?.provinceSet?.minIndicators ?? 1,
    maxIndicators: dimension?.provinceSet?.maxIndicators ?? 3,
    points: dimension?.max ?? 15,
    basis: dimension?.provinceSet?.basis ?? '',
  };
}

/** The 特色化 indicators stored for a standard version (the row holds a list of sets by version). */
function indicatorsOf(stored: unknown, standardId: string | null) {
  if (!Array.isArray(stored) || standardId === null) return [];
  const set = (stored as ProvinceIndicatorSet[]).find((s) => s.standardId === standardId);
  return (set?.indicators ?? []).map((i: ProvinceIndicator) => ({
    id: i.id,
    zh: i.zh,
    en: i.en,
    unit: { zh: i.unit.zh, en: i.unit.en },
    max: i.max,
    bands: i.bands.map((b) => ({
      points: b.points,
      lower: b.lower ? { value: b.lower.value, included: b.lower.included } : null,
      upper: b.upper ? { value: b.upper.value, included: b.upper.included } : null,
    })),
  }));
}

async function usedOf(db: Kysely<Database>, provinceCode: string, year: number) {
  const p = provinceCode.slice(0, 2);
  const rows = await db
    .selectFrom('cultivation_stats')
    .select(['tier', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('region_code', '>=', `${p}0000`)
    .where('region_code', '<=', `${p}9999`)
    .where('year', '=', year)
    .where('stage', 'in', ['notice', 'recognised'])
    .groupBy('tier')
    .execute();
  return new Map(rows.map((r) => [r.tier, Number(r.n)]));
}

async function tierView(
  db: Kysely<Database>,
  provinceCode: string,
  tier: TierCode,
  year: number,
  used: number,
) {
  const row = await db
    .selectFrom('cultivation_settings')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('tier', '=', tier)
    .where('year', '=', year)
    .executeTakeFirst();
  return {
    tier,
    quota: row?.quota ?? null,
    opensOn: row?.opens_on ?? null,
    closesOn: row?.closes_on ?? null,
    noticeDays: row?.notice_days ?? SETTINGS_DEFAULTS.noticeDays,
    countyDays: row?.county_days ?? SETTINGS_DEFAULTS.countyDays,
    provinceDays: row?.province_days ?? SETTINGS_DEFAULTS.provinceDays,
    indicators: tier === 'specialised' ? indicatorsOf(row?.indicators, provinceSlot(year).standardId) : [],
    used,
    version: row?.version ?? 0,
    defaults: { ...SETTINGS_DEFAULTS },
  };
}

/** A province's settings of every tier for a year (the official's own province unless an admin names one). */
export async function getSettings(db: Kysely<Database>, caller: Caller, query: Static<typeof SettingsQuery>) {
  const actor = requireActor(caller);
  const provinceCode = query.provinceCode ?? provinceOfActor(actor);
  if (provinceCode === null)
    throw AppError.field('provinceCode', { zh: '请选择省份', en: 'choose a province' });
  if (!findRegion(provinceCode))
    throw AppError.field('provinceCode', { zh: '不是有效的省级行政区划代码', en: 'is not a province code' });
  assertReads(actor, provinceCode);
  const year = query.year ?? Number(todayInChina().slice(0, 4));
  const used = await usedOf(db, provinceCode, year);
  const slot = provinceSlot(year);
  return {
    provinceCode,
    year,
    canEdit: mayEdit(actor, provinceCode),
    tiers: await Promise.all(
      CULTIVATION_TIERS.map((t) => tierView(db, provinceCode, t.code, year, used.get(t.code) ?? 0)),
    ),
    provinceSlot: {
      minIndicators: slot.minIndicators,
      maxIndicators: slot.maxIndicators,
      points: slot.points,
      basis: slot.basis,
    },
  };
}

/**
 * The province's official sets a tier's settings of a year, on the version read (0: none yet): the window's end
 * not before its start, 特色化 indicators only for 专精特新 and within the standard's slot (compiled to check
 * that their bands cover every value once and their points add up to the dimension). Audited with before/after.
 */
export async function putSettings(
  db: Kysely<Database>,
  caller: Caller,
  params: { provinceCode: string; tier: TierCode; year: number },
  body: Static<typeof SettingsBody>,
) {
  const actor = requireActor(caller);
  if (!findRegion(params.provinceCode)) throw new AppError('NOT_FOUND');
  assertReads(actor, params.provinceCode);
  if (!mayEdit(actor, params.provinceCode))
    throw new AppError('OUT_OF_SCOPE', [], {
      zh: '省级设置由本省主管部门修改',
      en: "a province's settings are changed by the province's own authority",
    });
  const errors: FieldError[] = [];
  if (body.opensOn && body.closesOn && body.closesOn < body.opensOn)
    errors.push({
      field: 'closesOn',
      message: { zh: '截止日期不能早于开始日期', en: 'cannot be before the opening day' },
    });
  const slot = provinceSlot(params.year);
  let stored: ProvinceIndicatorSet[] = [];
  if (params.tier !== 'specialised') {
    if (body.indicators.length > 0)
      errors.push({
        field: 'indicators',
        message: {
          zh: '只有专精特新中小企业设有省级特色化指标',
          en: 'only 专精特新 has province indicators',
        },
      });
  } else if (body.indicators.length > 0) {
    const standard = findCultivationStandard('specialised', `${params.year}-12-31`);
    if (!standard || slot.standardId === null)
      errors.push({
        field: 'indicators',
        message: { zh: '该年度没有施行中的标准', en: 'no standard in force that year' },
      });
    else {
      const set: ProvinceIndicatorSet = {
        province: params.provinceCode,
        standardId: slot.standardId,
        indicators: body.indicators,
      };
      try {
        compileStandard(standard, set);
        stored = [set];
      } catch (error) {
        if (!(error instanceof CultivationStandardError)) throw error;
        errors.push({
          field: 'indicators',
          message: {
            zh: `特色化指标不符合标准：${error.message}`,
            en: `the indicators break the standard: ${error.message}`,
          },
        });
      }
    }
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
  const values = {
    quota: body.quota,
    opens_on: body.opensOn,
    closes_on: body.closesOn,
    notice_days: body.noticeDays,
    county_days: body.countyDays,
    province_days: body.provinceDays,
    indicators: JSON.stringify(stored),
    updated_by: actor.userId,
    updated_at: new Date(),
  };
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('cultivation_settings')
      .selectAll()
      .where('province_code', '=', params.provinceCode)
      .where('tier', '=', params.tier)
      .where('year', '=', params.year)
      .forUpdate()
      .executeTakeFirst();
    if ((before?.version ?? 0) !== body.version) throw new AppError('CONFLICT');
    if (before)
      await trx
        .updateTable('cultivation_settings')
        .set({ ...values, version: before.version + 1 })
        .where('province_code', '=', params.provinceCode)
        .where('tier', '=', params.tier)
        .where('year', '=', params.year)
        .execute();
    else
      await trx
        .insertInto('cultivation_settings')
        .values({ province_code: params.provinceCode, tier: params.tier, year: params.year, ...values })
        .execute();
    await audit(
      trx,
      caller,
      actor,
      'settings_changed',
      { type: 'cultivation_settings', id: `${params.provinceCode}:${params.tier}:${params.year}` },
      {
        before: before
          ? {
              quota: before.quota,
              opensOn: before.opens_on,
              closesOn: before.closes_on,
              noticeDays: before.notice_days,
              countyDays: before.county_days,
              provinceDays: before.province_days,
              indicators: indicatorsOf(before.indicators, slot.standardId).map((i) => i.id),
            }
          : null,
        after: {
          quota: body.quota,
          opensOn: body.opensOn,
          closesOn: body.closesOn,
          noticeDays: body.noticeDays,
          countyDays: body.countyDays,
          provinceDays: body.provinceDays,
          indicators: body.indicators.map((i) => i.id),
        },
      },
    );
  });
  const used = await usedOf(db, params.provinceCode, params.year);
  return tierView(db, params.provinceCode, params.tier, params.year, used.get(params.tier) ?? 0);
}
