/**
 * An enterprise's own cultivation page (issue 18): each tier's standard in force today assessed live on its
 * registry figures and the facts it filled in, with what it lacks and what it would need; saving its facts.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { OwnFactsBody } from '../../../shared/api/cultivation.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { loadEnterpriseFacts } from '../registry/index.ts';
import { audit } from './cultivation.audit.ts';
import {
  combineFacts,
  OWN_FACT_KEYS,
  type OwnFacts,
  type RegistryCertification,
  type RegistryYearFigures,
  readOwnFacts,
} from './cultivation.facts.rules.ts';
import {
  findOwnFacts,
  findSettings,
  provinceIndicatorSets,
  writeOwnFacts,
} from './cultivation.repository.ts';
import {
  assess,
  type CompiledStandard,
  checkFacts,
  compileStandard,
  type EnterpriseFacts,
  withoutContradictions,
} from './cultivation.rules.ts';
import {
  CULTIVATION_TIERS,
  findCultivationStandard,
  type ProvinceIndicatorSet,
  type TierStandard,
} from './cultivation.standards.ts';
import type { TierCode } from './cultivation.table.ts';

/** The province (XX0000) of a region code, or null. */
export function provinceOf(regionCode: string | null): string | null {
  return regionCode && /^[0-9]{6}$/.test(regionCode) ? `${regionCode.slice(0, 2)}0000` : null;
}

const compiledCache = new Map<string, CompiledStandard>();

/** A standard compiled with a province's 特色化 set (kept: standards and sets change seldom). */
export function compiledFor(standard: TierStandard, set: ProvinceIndicatorSet | null): CompiledStandard {
  const key = `${standard.id}|${set ? JSON.stringify(set) : ''}`;
  let compiled = compiledCache.get(key);
  if (!compiled) {
    if (compiledCache.size > 500) compiledCache.clear();
    compiled = compileStandard(standard, set);
    compiledCache.set(key, compiled);
  }
  return compiled;
}

/** A standard as the API names it. */
export function standardView(standard: TierStandard) {
  return {
    id: standard.id,
    documentNumber: standard.documentNumber,
    titleZh: standard.titleZh,
    inForceFrom: standard.inForceFrom,
    inForceTo: standard.inForceTo,
    confidence: standard.confidence,
    basis: standard.basis,
    reportedSuccessor: standard.reportedSuccessor
      ? {
          documentNumber: standard.reportedSuccessor.documentNumber,
          titleZh: standard.reportedSuccessor.titleZh,
          from: standard.reportedSuccessor.from,
          confidence: standard.reportedSuccessor.confidence,
        }
      : null,
  };
}

/** Everything the rules read of one enterprise on a day, with where the registry's part came from. */
export async function enterpriseFacts(db: Kysely<Database>, enterpriseId: number, onDate: string) {
  const registry = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!registry) throw new AppError('NOT_FOUND');
  const dataYear = Number(onDate.slice(0, 4)) - 1;
  const own = await findOwnFacts(db, enterpriseId, dataYear);
  const figures = (year: number) => registry.figures[year] as RegistryYearFigures | undefined;
  const certifications: RegistryCertification[] = registry.certifications;
  const facts = combineFacts(figures, certifications, own.facts, dataYear, onDate);
  return { registry, dataYear, own, facts, certifications, provinceCode: provinceOf(registry.regionCode) };
}

/** Each tier's standard in force on the day assessed on the facts (a province's 特色化 set where it has one). */
export async function assessAll(
  db: Kysely<Database>,
  facts: EnterpriseFacts,
  provinceCode: string | null,
  onDate: string,
) {
  const year = Number(onDate.slice(0, 4));
  const sets = provinceCode === null ? [] : await provinceIndicatorSets(db, year, provinceCode);
  const scored = withoutContradictions(facts);
  return CULTIVATION_TIERS.map((tier) => {
    const standard = findCultivationStandard(tier.code, onDate) ?? null;
    const set = standard ? (sets.find((s) => s.standardId === standard.id) ?? null) : null;
    return {
      tier,
      standard,
      assessment: standard ? assess(compiledFor(standard, set), scored) : null,
    };
  });
}

/** Whether applications for a tier are open in a province on a day (no window set: open all year). */
export async function applicationWindow(
  db: Kysely<Database>,
  provinceCode: string | null,
  tier: TierCode,
  onDate: string,
) {
  const settings = provinceCode
    ? await findSettings(db, provinceCode, tier, Number(onDate.slice(0, 4)))
    : null;
  const opensOn = settings?.opens_on ?? null;
  const closesOn = settings?.closes_on ?? null;
  const open = (opensOn === null || opensOn <= onDate) && (closesOn === null || closesOn >= onDate);
  return { open, opensOn, closesOn, settings };
}

/** The latest valid-to of a recognition held on a day (null: not held). */
export function heldUntil(certifications: readonly RegistryCertification[], name: string, onDate: string) {
  let until: string | null = null;
  let held = false;
  for (const c of certifications) {
    if (c.name !== name || c.validFrom > onDate || (c.validTo !== null && c.validTo < onDate)) continue;
    held = true;
    if (c.validTo === null) return '9999-12-31';
    if (until === null || c.validTo > until) until = c.validTo;
  }
  return held ? until : null;
}

/** The registry's figures the rules read, by fact key. */
function registryView(facts: EnterpriseFacts) {
  const { certifications, ...rest } = facts;
  const out: Record<string, unknown> = { certifications };
  for (const [key, value] of Object.entries(rest))
    if (!(OWN_FACT_KEYS as readonly string[]).includes(key)) out[key] = value;
  return out;
}

/** The enterprise's cultivation page: every tier assessed today, its facts, its applications. */
export async function myCultivation<T>(
  db: Kysely<Database>,
  caller: Caller,
  listApplications: (enterpriseId: number) => Promise<T[]>,
) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const today = todayInChina();
  const { dataYear, own, facts, certifications, provinceCode } = await enterpriseFacts(
    db,
    enterpriseId,
    today,
  );
  const tiers = await assessAll(db, facts, provinceCode, today);
  const windows = await Promise.all(
    tiers.map((t) => applicationWindow(db, provinceCode, t.tier.code, today)),
  );
  return {
    assessedOn: today,
    dataYear,
    provinceCode,
    tiers: tiers.map((t, i) => ({
      tier: t.tier.code,
      name: { zh: t.tier.zh, en: t.tier.en },
      recognition: t.tier.recognition,
      standard: t.standard ? standardView(t.standard) : null,
      assessment: t.assessment ? t.assessment.explain() : null,
      heldUntil: heldUntil(certifications, t.tier.recognition, today),
      window: {
        open: windows[i]?.open ?? true,
        opensOn: windows[i]?.opensOn ?? null,
        closesOn: windows[i]?.closesOn ?? null,
      },
    })),
    registryFacts: registryView(facts),
    ownFacts: own.facts as Record<string, unknown>,
    ownVersion: own.version,
    problems: checkFacts(facts).map((p) => ({ field: p.field, message: p.message })),
    applications: await listApplications(enterpriseId),
  };
}

/**
 * Saves the enterprise's own facts of a data year on the version read: the shape of each value and the facts'
 * consistency (with the registry's figures) are checked first, every problem named by its field
 * (`facts.<key>`), and nothing is written while one stands. Audited with the facts changed.
 */
export async function saveOwnFacts(db: Kysely<Database>, caller: Caller, body: Static<typeof OwnFactsBody>) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const today = todayInChina();
  const { dataYear, own, facts: stored } = await enterpriseFacts(db, enterpriseId, today);
  if (body.year !== dataYear && body.year !== dataYear + 1)
    throw AppError.field('year', {
      zh: `只能填报 ${dataYear} 年（上年度）或 ${dataYear + 1} 年的数据`,
      en: `only ${dataYear} (last year) or ${dataYear + 1} can be filled in`,
    });
  const { facts: read, problems } = readOwnFacts(body.facts);
  const fields: FieldError[] = problems.map((p) => ({ field: p.field, message: p.message }));
  const next: OwnFacts = read;
  if (fields.length === 0) {
    // The facts against each other and against the registry's figures of the year: only problems on a fact the
    // enterprise gives here are its to mend (the registry's own are corrected in the registry).
    const combined = body.year === dataYear ? { ...stored, ...next } : (next as EnterpriseFacts);
    for (const p of checkFacts(combined))
      if ((OWN_FACT_KEYS as readonly string[]).includes(p.field.split('.')[0] ?? ''))
        fields.push({ field: `facts.${p.field}`, message: p.message });
  }
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', fields);
  const before = body.year === dataYear ? own : await findOwnFacts(db, enterpriseId, body.year);
  const changed = OWN_FACT_KEYS.filter(
    (key) => JSON.stringify(before.facts[key] ?? null) !== JSON.stringify(next[key] ?? null),
  );
  await db.transaction().execute(async (trx) => {
    const written = await writeOwnFacts(trx, enterpriseId, body.year, next, body.version, actor.userId);
    if (!written) throw new AppError('CONFLICT');
    await audit(
      trx,
      caller,
      actor,
      'facts_saved',
      { type: 'enterprise', id: enterpriseId },
      { year: body.year, changed },
    );
  });
  return findOwnFacts(db, enterpriseId, body.year);
}
