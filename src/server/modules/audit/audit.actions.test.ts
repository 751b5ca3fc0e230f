/**
 * Every action the server can append to the audit log has a name in both languages: the sources are scanned for
 * appendAudit calls, each call's action expression is read (literals, ternaries, template literals expanded over
 * their known values), and each action must be a key `audit.action.<action>` of the web's dictionaries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../web/i18n/en.ts';
import { zhCN } from '../../../web/i18n/zh-CN.ts';
import { TRANSITIONS } from '../cases/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** The values a template literal's placeholder takes, by the placeholder's expression. */
const PLACEHOLDER_VALUES: Record<string, readonly string[]> = {
  // cases.repository.ts recordCaseChange: an official's or enterprise's action, or a payer's answer (cases.payer.ts).
  'change.event.action': [...Object.keys(TRANSITIONS), 'debtor_acknowledge', 'debtor_dispute', 'debtor_pay'],
};

/** Templates whose placeholder takes values of its own. */
const TEMPLATE_VALUES: Record<string, readonly string[]> = {
  // import.service.ts finish(): the final states of an import job.
  'import.${status}': ['import.succeeded', 'import.rejected', 'import.failed'],
  // policies.benefits.ts respondToBenefit: confirm → confirmed, decline → declined.
  'policy.benefit_${status}': ['policy.benefit_confirmed', 'policy.benefit_declined'],
  // credit.records.ts fileObjection: an objection, or a request to repair a penalty.
  'credit.${filed}': ['credit.objection_filed', 'credit.repair_requested'],
  // credit.consents.ts audit(): what happened to a consent.
  'credit.consent_${event}': [
    'credit.consent_granted',
    'credit.consent_requested',
    'credit.consent_authorised',
    'credit.consent_rejected',
    'credit.consent_revoked',
  ],
  // financing.products.ts audit(): what happened to a product.
  'financing.product_${action}': [
    'financing.product_published',
    'financing.product_changed',
    'financing.product_withdrawn',
  ],
  // financing.audit.ts audit(): demands', responses' (`response_${body.action}`), receivables' and the
  // recommended list's changes.
  'financing.${action}': [
    'financing.demand_posted',
    'financing.demand_withdrawn',
    'financing.demand_referred',
    'financing.profile_shown',
    'financing.profile_viewed',
    'financing.bank_rated',
    'financing.demand_picked_up',
    'financing.response_contact',
    'financing.response_visit',
    'financing.response_grant',
    'financing.response_decline',
    'financing.response_disburse',
    'financing.response_release',
    'financing.receivable_requested',
    'financing.receivable_withdrawn',
    'financing.receivable_escalated',
    'financing.receivable_confirmed',
    'financing.receivable_disputed',
    'financing.recommendation_listed',
    'financing.recommendation_pushed',
    'financing.recommendation_removed',
    'financing.recommendation_contacted',
    'financing.recommendation_decided',
  ],
  // monitoring.audit.ts audit(): every change of the monitoring module (its MonitoringAction).
  'monitoring.${action}': [
    'monitoring.survey_created',
    'monitoring.survey_changed',
    'monitoring.weights_set',
    'monitoring.panel_drawn',
    'monitoring.member_dropped',
    'monitoring.wave_opened',
    'monitoring.wave_closed',
    'monitoring.response_submitted',
    'monitoring.flag_accepted',
    'monitoring.flag_returned',
    'monitoring.wave_computed',
    'monitoring.registry_counted',
    'monitoring.release_created',
    'monitoring.release_changed',
    'monitoring.release_reviewed',
    'monitoring.release_returned',
    'monitoring.release_scheduled',
    'monitoring.release_withdrawn',
  ],
  // procurement.audit.ts audit(): every change of the procurement module (its ProcurementAction).
  'procurement.${action}': [
    'procurement.body_created',
    'procurement.body_changed',
    'procurement.project_created',
    'procurement.project_changed',
    'procurement.project_cancelled',
    'procurement.award_recorded',
    'procurement.award_corrected',
    'procurement.award_withdrawn',
    'procurement.declarations_rechecked',
    'procurement.ocds_imported',
    'procurement.report_drafted',
    'procurement.report_changed',
    'procurement.report_published',
    'procurement.report_corrected',
  ],
  // cultivation.audit.ts audit(): every change of the cultivation module (its CultivationAction).
  'cultivation.${action}': [
    'cultivation.facts_saved',
    'cultivation.evidence_added',
    'cultivation.evidence_removed',
    'cultivation.application_submitted',
    'cultivation.application_withdrawn',
    'cultivation.application_resubmitted',
    'cultivation.application_returned',
    'cultivation.application_recommended',
    'cultivation.application_approved',
    'cultivation.application_rejected',
    'cultivation.application_announced',
    'cultivation.recognition_revoked',
    'cultivation.objection_answered',
    'cultivation.settings_changed',
    'cultivation.scoring_queued',
  ],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

interface Site {
  where: string;
  expression: string;
}

/** The `action:` expression of every appendAudit call outside the audit module itself. */
function appendSites(): Site[] {
  const sites: Site[] = [];
  for (const file of [
    ...sourceFiles(path.join(ROOT, 'src/server')),
    ...sourceFiles(path.join(ROOT, 'src/cli')),
  ]) {
    if (file.includes(`${path.sep}modules${path.sep}audit${path.sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (let at = text.indexOf('appendAudit('); at >= 0; at = text.indexOf('appendAudit(', at + 1)) {
      if (/function\s+$|import\s*\{[^}]*$/.test(text.slice(Math.max(0, at - 40), at))) continue;
      const start = text.indexOf('action:', at);
      // The expression runs to the first comma that ends a line or comes before the next property.
      const rest = text.slice(start + 'action:'.length);
      const end = rest.search(/,\s*(\n|[a-zA-Z]+:)/);
      const line = text.slice(0, at).split('\n').length;
      sites.push({
        where: `${path.relative(ROOT, file)}:${line}`,
        expression: rest.slice(0, end).trim(),
      });
    }
    // A module's writer (`moduleAudit<Action>('cultivation')`) appends `cultivation.${action}`.
    for (const m of text.matchAll(/moduleAudit<[^>]*>\('([a-z_]+)'\)/g))
      sites.push({
        where: `${path.relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`,
        expression: `\`${m[1]}.\${action}\``,
      });
  }
  return sites;
}

/** The actions one expression can produce; throws when it cannot be read. */
function actionsOf(site: Site): string[] {
  const literals = [...site.expression.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)];
  if (literals.length === 0)
    throw new Error(
      `${site.where}: action \`${site.expression}\` is not a literal; name its values in this test`,
    );
  return literals.flatMap((m) => {
    const value = (m[1] ?? m[2] ?? m[3]) as string;
    if (!value.includes('${')) return [value];
    const known = TEMPLATE_VALUES[value];
    if (known) return [...known];
    const placeholder = /\$\{([^}]+)\}/.exec(value)?.[1] as string;
    const values = PLACEHOLDER_VALUES[placeholder];
    if (!values)
      throw new Error(
        `${site.where}: action template \`${value}\` has unknown values; list them in this test`,
      );
    return values.map((v) => value.replace(`\${${placeholder}}`, v));
  });
}

const catalogue = (dictionary: Record<string, string>) =>
  Object.keys(dictionary)
    .filter((key) => key.startsWith('audit.action.'))
    .map((key) => key.slice('audit.action.'.length));

describe('the audit action catalogue', () => {
  const sites = appendSites();
  const appended = new Set(sites.flatMap(actionsOf));

  it('finds the appendAudit calls of the server', () => {
    expect(sites.length).toBeGreaterThan(25);
    expect(appended).toContain('auth.login');
    expect(appended).toContain('case.accept');
    expect(appended).toContain('case.debtor_pay');
  });

  it('names every action the server can append, in Chinese and in English', () => {
    const missing = [...appended].filter(
      (action) =>
        !Object.hasOwn(zhCN, `audit.action.${action}`) || !Object.hasOwn(en, `audit.action.${action}`),
    );
    expect(missing, 'add these to src/web/i18n/audit.zh-CN.ts and audit.en.ts').toEqual([]);
  });

  it('lists no action the server never appends (the filter offers only real ones)', () => {
    expect(catalogue(zhCN).filter((action) => !appended.has(action))).toEqual([]);
  });
});
