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
import { audit } from './cultivation.audit.ts';
import { CultivationStandardError, compileStandard } from './cultivation.rules.ts';
import { levelOf } from './cultivation.stages.rules.ts';
import {
  type Band,
  CULTIVATION_TIERS,
  findCultivationStandard,
  INNOVATIVE_2022,
  type ProvinceIndicator,
  type ProvinceIndicatorSet,
} from './cultivation.standards.ts';
import type { TierCode } from './cultivation.table.ts';

/** Huiqi's defaults (the migration's column defaults), with where they come from. */
export const SETTINGS_DEFAULTS = {
  /** The standards' example (recognition.publicNoticeDays, the same for each tier). */
  noticeDays: INNOVATIVE_2022.recognition.publicNoticeDays.value,
  countyDays: 15,
  provinceDays: 20,
  /** The ministry's review of a little giant (no province sets it). */
  nationalDays: 20,
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

/** A number as a reader writes it, with the indicator's unit ("12%", "300 万元"). */
function amount(value: number, unit: string, lang: 'zh' | 'en'): string {
  const u = unit.trim();
  if (u === '') return String(value);
  return u === '%' || lang === 'zh' ? `${value}${u}` : `${value} ${u}`;
}

/** A band's end as its field in the form ('indicators[0].bands[1].lower'). */
const endField = (i: number, j: number, side: 'lower' | 'upper') => `indicators[${i}].bands[${j}].${side}`;

/**
 * The problems of a province's 特色化 indicators, each worded in both languages and on the field it concerns (an
 * indicator's id, maximum, or a band's end), with bands numbered as the form shows them (第 1 档 = the first):
 * 1–3 indicators whose maximums add up to the dimension's points; ids used once; each indicator's points from 0 to
 * its maximum; each band's lower end below its upper one; and together the bands cover every value exactly once —
 * a gap, an overlap or a boundary value in both (or neither) of the bands beside it is named with the two bands
 * and their ends (docs/reference/cultivation.md §3.4, §8.2 "Band ends"). Empty when the set is sound.
 */
export function indicatorProblems(
  indicators: readonly ProvinceIndicator[],
  slot: { minIndicators: number; maxIndicators: number; points: number },
): FieldError[] {
  const problems: FieldError[] = [];
  if (indicators.length < slot.minIndicators || indicators.length > slot.maxIndicators)
    problems.push({
      field: 'indicators',
      message: {
        zh: `特色化指标须为 ${slot.minIndicators} 至 ${slot.maxIndicators} 项，现有 ${indicators.length} 项`,
        en: `the province sets ${slot.minIndicators} to ${slot.maxIndicators} indicators; there are ${indicators.length}`,
      },
    });
  const sum = indicators.reduce((total, indicator) => total + indicator.max, 0);
  if (indicators.length > 0 && sum !== slot.points)
    problems.push({
      field: 'indicators',
      message: {
        zh: `各项指标的满分合计须为 ${slot.points} 分，现为 ${sum} 分`,
        en: `the indicators' maximums must add up to ${slot.points} points; they add up to ${sum}`,
      },
    });
  const seen = new Set<string>();
  indicators.forEach((indicator, i) => {
    const name = { zh: `指标“${indicator.zh}”`, en: `indicator “${indicator.en || indicator.zh}”` };
    const unit = { zh: indicator.unit.zh, en: indicator.unit.en || indicator.unit.zh };
    const at = (lang: 'zh' | 'en', value: number) => amount(value, unit[lang], lang);
    if (seen.has(indicator.id))
      problems.push({
        field: `indicators[${i}].id`,
        message: {
          zh: `${name.zh}的代码 ${indicator.id} 与前面的指标重复`,
          en: `${name.en}: the code ${indicator.id} is used by an indicator before it`,
        },
      });
    seen.add(indicator.id);
    const top = Math.max(...indicator.bands.map((b) => b.points));
    if (indicator.bands.length > 0 && top !== indicator.max)
      problems.push({
        field: `indicators[${i}].max`,
        message: {
          zh: `${name.zh}的最高一档得 ${top} 分，应等于该指标满分 ${indicator.max} 分`,
          en: `${name.en}: its best band scores ${top} points; it should score the indicator's maximum, ${indicator.max}`,
        },
      });
    // Each band on its own: a lower end above the upper one leaves it empty.
    const empty = new Set<number>();
    indicator.bands.forEach((band, j) => {
      if (band.lower === null || band.upper === null) return;
      const { value: lo } = band.lower;
      const { value: hi } = band.upper;
      if (lo < hi || (lo === hi && band.lower.included && band.upper.included)) return;
      empty.add(j);
      problems.push({
        field: endField(i, j, 'upper'),
        message: {
          zh: `${name.zh}的第 ${j + 1} 档上限 ${at('zh', hi)} 不高于下限 ${at('zh', lo)}，该档不含任何数值`,
          en: `${name.en}, band ${j + 1}: its upper end ${at('en', hi)} is not above its lower end ${at('en', lo)}, so no value falls in it`,
        },
      });
    });
    if (empty.size > 0) return;
    // Together, lowest first: the first open below, the last open above, each meeting the next at one value
    // that belongs to exactly one of them.
    const order = indicator.bands
      .map((band, j) => ({ band, j }))
      .sort(
        (a, b) =>
          (a.band.lower?.value ?? Number.NEGATIVE_INFINITY) -
            (b.band.lower?.value ?? Number.NEGATIVE_INFINITY) ||
          (a.band.upper?.value ?? Number.POSITIVE_INFINITY) -
            (b.band.upper?.value ?? Number.POSITIVE_INFINITY),
      );
    const first = order[0];
    const last = order[order.length - 1];
    if (first === undefined || last === undefined) return;
    if (first.band.lower !== null)
      problems.push({
        field: endField(i, first.j, 'lower'),
        message: {
          zh: `${name.zh}没有一档包含低于 ${at('zh', first.band.lower.value)} 的数值：第 ${first.j + 1} 档的下限应为“不限”`,
          en: `${name.en}: no band takes values below ${at('en', first.band.lower.value)}; band ${first.j + 1} should have no lower end`,
        },
      });
    if (last.band.upper !== null)
      problems.push({
        field: endField(i, last.j, 'upper'),
        message: {
          zh: `${name.zh}没有一档包含高于 ${at('zh', last.band.upper.value)} 的数值：第 ${last.j + 1} 档的上限应为“不限”`,
          en: `${name.en}: no band takes values above ${at('en', last.band.upper.value)}; band ${last.j + 1} should have no upper end`,
        },
      });
    for (let k = 1; k < order.length; k++) {
      const below = order[k - 1] as { band: Band; j: number };
      const above = order[k] as { band: Band; j: number };
      const b = below.j + 1;
      const a = above.j + 1;
      if (below.band.upper === null || above.band.lower === null) {
        problems.push({
          field: endField(i, above.j, 'lower'),
          message: {
            zh: `${name.zh}的第 ${a} 档与第 ${b} 档重叠：第 ${below.band.upper === null ? b : a} 档不应为“不限”`,
            en: `${name.en}: bands ${a} and ${b} overlap; band ${below.band.upper === null ? b : a} should not be unbounded there`,
          },
        });
        continue;
      }
      const hi = below.band.upper.value;
      const lo = above.band.lower.value;
      if (lo > hi)
        problems.push({
          field: endField(i, above.j, 'lower'),
          message: {
            zh: `${name.zh}的第 ${a} 档下限 ${at('zh', lo)} 与第 ${b} 档上限 ${at('zh', hi)} 之间有空档`,
            en: `${name.en}: there is a gap between band ${a}'s lower end ${at('en', lo)} and band ${b}'s upper end ${at('en', hi)}`,
          },
        });
      else if (lo < hi)
        problems.push({
          field: endField(i, above.j, 'lower'),
          message: {
            zh: `${name.zh}的第 ${a} 档下限 ${at('zh', lo)} 低于第 ${b} 档上限 ${at('zh', hi)}，两档重叠`,
            en: `${name.en}: band ${a}'s lower end ${at('en', lo)} is below band ${b}'s upper end ${at('en', hi)}; the bands overlap`,
          },
        });
      else if (below.band.upper.included === above.band.lower.included)
        problems.push({
          field: endField(i, above.j, 'lower'),
          message: below.band.upper.included
            ? {
                zh: `${name.zh}的 ${at('zh', lo)} 同时属于第 ${b} 档和第 ${a} 档：两档只能有一档含该值`,
                en: `${name.en}: ${at('en', lo)} is in both band ${b} and band ${a}; only one of them may include it`,
              }
            : {
                zh: `${name.zh}的 ${at('zh', lo)} 不属于任何一档：第 ${b} 档上限或第 ${a} 档下限须含该值`,
                en: `${name.en}: ${at('en', lo)} is in neither band ${b} nor band ${a}; one of them must include it`,
              },
        });
    }
  });
  return problems;
}

/** The refusal of a quota below the approvals of its year. */
export function quotaBelowUsed(used: number, year: number): { zh: string; en: string } {
  return {
    zh: `本年度已批准 ${used} 家，名额不能少于 ${used}`,
    en: `${used} ${used === 1 ? 'enterprise has' : 'enterprises have'} been approved in ${year} already; the quota cannot be less than ${used}`,
  };
}

/**
 * The province's official sets a tier's settings of a year, on the version read (0: none yet): the window's end
 * not before its start, 特色化 indicators only for 专精特新 and within the standard's slot (compiled to check
 * that their bands cover every value once and their points add up to the dimension), the quota not below the
 * year's approvals (on notice or recognised). Audited with before/after.
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
      const problems = indicatorProblems(body.indicators, slot);
      errors.push(...problems);
      if (problems.length === 0)
        try {
          // The standard's own check, once the set is sound by the province's words above.
          compileStandard(standard, set);
          stored = [set];
        } catch (error) {
          if (!(error instanceof CultivationStandardError)) throw error;
          errors.push({
            field: 'indicators',
            message: {
              zh: '特色化指标与标准不符，请检查各项指标的满分和各档设置',
              en: "the indicators do not fit the standard: check each indicator's maximum and bands",
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
    // A quota under what the province has already approved this year (on notice or recognised) would be broken
    // the day it is saved: refused with the count (read in the transaction that writes it).
    if (body.quota !== null) {
      const used = (await usedOf(trx, params.provinceCode, params.year)).get(params.tier) ?? 0;
      if (body.quota < used) throw AppError.field('quota', quotaBelowUsed(used, params.year));
    }
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
