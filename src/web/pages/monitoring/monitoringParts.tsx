/**
 * The pieces the monitoring pages share: the vocabularies' names in the reader's language (SMEDI industries,
 * sub-indices, directions, PMI components, economic regions, size strata), a figure's measure and group by name,
 * state tags, an index value against its line, a form's submission with the server's field errors put on the exact
 * item (`questions[3].direction` on the fourth question's direction), and the pages' headings.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Flex, type FormInstance, Tag, Tooltip, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { findIndustry } from '../../../reference/industries.ts';
import {
  ANSWER_KINDS,
  ANSWER_LEVELS,
  DIRECTIONS,
  ECONOMIC_REGIONS,
  type MonitoringTerm,
  monitoringTermName,
  PMI_COMPONENTS,
  SMEDI_INDUSTRIES,
  SMEDI_SUB_INDICES,
} from '../../../reference/monitoring.ts';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import type { Answer, FlagKind, Question, ReleaseState, ResponseState } from '../../api/monitoring.ts';
import { RegionName } from '../../components/RegionName.tsx';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { lookupRegion, regionFullName, regionName } from '../../lib/regions.ts';
import { SIZE_LABELS } from '../../lib/size.ts';
import {
  answerText,
  DISCLOSURE_MIN,
  type FieldPath,
  fieldPath,
  formatCount,
  isCountMeasure,
  isDefaultWeightSet,
  isLowResponseRate,
  levelWords,
  lineOf,
  parseMeasure,
  sharePercent,
  sideOfLine,
  type WeightSource,
  type WithheldReason,
  waveShownState,
  weightSources,
  weightStanding,
  withUnit,
} from './monitoringModel.ts';

export {
  ANSWER_KINDS,
  ANSWER_LEVELS,
  DIRECTIONS,
  ECONOMIC_REGIONS,
  PMI_COMPONENTS,
  SMEDI_INDUSTRIES,
  SMEDI_SUB_INDICES,
};

/** A vocabulary term's name in the reader's language (the code itself when unknown). */
export function useTermName() {
  const { locale } = useI18n();
  return (list: readonly MonitoringTerm[], code: string) => {
    const name = monitoringTermName(list, code);
    return locale === 'en' ? name.en : name.zh;
  };
}

/** The options of a vocabulary for a Select. */
export function useTermOptions(list: readonly MonitoringTerm[]) {
  const { locale } = useI18n();
  return list.map((term) => ({ value: term.code, label: locale === 'en' ? term.en : term.zh }));
}

/** A size stratum's or class's name ('medium', 'small', 'micro', 'large', 'unclassified', …); '' is every size. */
export function useSizeName() {
  const { t } = useI18n();
  return (size: string) => {
    if (size === '') return t('monitoring.group.allSizes');
    if (size === 'unclassified') return t('monitoring.size.unclassified');
    const key = SIZE_LABELS[size as keyof typeof SIZE_LABELS] as MessageKey | undefined;
    return key ? t(key) : size;
  };
}

/** A GB/T 2260 code of any level as the 6-digit code the region look-up takes ('32' → '320000'). */
export function sixDigitRegion(code: string): string {
  return code.padEnd(6, '0');
}

/**
 * A group's region: '' every region, one of the four economic regions by its English or Chinese name, or a division
 * by its GB/T 2260 code (a 2- or 4-digit code looked up as its province or city) named as the other pages name a
 * division (RegionName: its English name where it has one, else romanised and marked so). A group's region lies in
 * the survey's, which the page names: the division's own name, unless `full`.
 */
export function GroupRegion({ code, full = false }: { code: string; full?: boolean }) {
  const { t, locale } = useI18n();
  if (code === '') return <>{t('monitoring.group.allRegions')}</>;
  const economic = ECONOMIC_REGIONS.find((r) => r.code === code);
  if (economic) return <>{locale === 'en' ? economic.en : economic.zh}</>;
  if (/^\d{2,6}$/.test(code)) return <RegionName code={sixDigitRegion(code)} full={full} />;
  return <>{code}</>;
}

/**
 * The names of groups' regions as text (for pickers and charts): '' every region, the economic regions by name,
 * divisions by their full name once looked up (their code until then).
 */
export function useGroupRegionNames(
  codes: readonly string[],
  { full = true }: { full?: boolean } = {},
): (code: string) => string {
  const { t, locale } = useI18n();
  const [names, setNames] = useState<Record<string, string>>({});
  const key = codes.join(',');
  useEffect(() => {
    let active = true;
    const divisions = key.split(',').filter((code) => /^\d{2,6}$/.test(code));
    for (const code of divisions)
      lookupRegion(sixDigitRegion(code)).then(
        (region) => {
          if (active)
            setNames((current) => ({
              ...current,
              [code]: full ? regionFullName(region, locale) : regionName(region, locale),
            }));
        },
        () => {
          // The code stays shown.
        },
      );
    return () => {
      active = false;
    };
  }, [key, locale, full]);
  return (code: string) => {
    if (code === '') return t('monitoring.group.allRegions');
    const economic = ECONOMIC_REGIONS.find((r) => r.code === code);
    if (economic) return locale === 'en' ? economic.en : economic.zh;
    return names[code] ?? code;
  };
}

/** A survey's region: national ('') or a division. */
export function SurveyRegion({ code }: { code: string }) {
  const { t } = useI18n();
  return code === '' ? t('monitoring.region.national') : <RegionName code={sixDigitRegion(code)} full />;
}

/** A group's industry by its SMEDI name; '' every industry. */
export function useIndustryName() {
  const { t } = useI18n();
  const name = useTermName();
  return (code: string) => (code === '' ? t('monitoring.group.allIndustries') : name(SMEDI_INDUSTRIES, code));
}

/** A GB/T 4754 section (门类, the registry statistics' industry) by its letter and name; '' every industry. */
export function useSectionName() {
  const { t, locale } = useI18n();
  return (code: string) => {
    if (code === '') return t('monitoring.group.allIndustries');
    const section = findIndustry(code);
    return section ? `${code} ${locale === 'en' ? section.nameEn : section.nameZh}` : code;
  };
}

/**
 * A measure's name: one of the registry's counts, the development index, the PMI-style composite, a sub-index by
 * name, a question by its wording when `questionText` knows it (else "问题 <code>").
 */
export function useMeasureName(questionText?: (code: string) => string | undefined) {
  const { t } = useI18n();
  const name = useTermName();
  return (measure: string) => {
    if (isCountMeasure(measure)) return t(`monitoring.registry.measure.${measure}`);
    const m = parseMeasure(measure);
    switch (m.kind) {
      case 'overall':
        return t('monitoring.measure.overall');
      case 'pmi':
        return t('monitoring.measure.pmi');
      case 'sub':
        return name(SMEDI_SUB_INDICES, m.code);
      case 'q': {
        const text = questionText?.(m.code);
        return text ? text : t('monitoring.measure.question', { code: m.code });
      }
      case 'pmiComponent':
        return name(PMI_COMPONENTS, m.code);
      default:
        return m.code;
    }
  };
}

/** An index value as shown (one decimal), coloured against its line (100, or 50 for the PMI), '—' without one. */
export function IndexValue({
  shown,
  value,
  measure,
  strong = false,
  withheld = false,
}: {
  shown: string | null;
  value: string | null;
  measure: string;
  strong?: boolean;
  /**
   * A value the public does not see, and why ('few' responses, or 'complementary': it would tell another withheld
   * figure; `true`: too few): '—' says why on hover.
   */
  withheld?: boolean | WithheldReason | null;
}) {
  const { t } = useI18n();
  const side = sideOfLine(value, measure);
  if (shown === null)
    return withheld ? (
      <WithheldValue reason={withheld === true ? 'few' : withheld} />
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  const color = side === 'above' ? '#389e0d' : side === 'below' ? '#cf1322' : undefined;
  return (
    <Tooltip
      title={
        side ? t(`monitoring.line.${side}`, { line: lineOf(measure), value: value ?? shown }) : undefined
      }
    >
      <Typography.Text strong={strong} style={{ color }} data-testid="index-value" data-side={side ?? ''}>
        {shown}
      </Typography.Text>
    </Tooltip>
  );
}

/**
 * A withheld figure: '—', its reason on hover — fewer than DISCLOSURE_MIN responses, or withheld with another so
 * that the other cannot be worked out (complementary) — the same on every page.
 */
export function WithheldValue({ reason = 'few' }: { reason?: WithheldReason }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t(`monitoring.withheld.help.${reason}`, { n: DISCLOSURE_MIN })}>
      <Typography.Text
        type="secondary"
        style={{ cursor: 'help', borderBottom: '1px dotted #bfbfbf' }}
        aria-label={t(`monitoring.withheld.short.${reason}`, { n: DISCLOSURE_MIN })}
        data-testid="figure-withheld"
        data-reason={reason}
      >
        —
      </Typography.Text>
    </Tooltip>
  );
}

/**
 * The line under a public table or chart that says what its '—' means, for the reasons among its withheld figures
 * (too few responses; withheld to protect another withheld figure); none given: too few responses, as before.
 */
export function WithheldLegend({
  reasons = ['few'],
  style,
}: {
  reasons?: readonly WithheldReason[];
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const kinds = new Set(reasons);
  const key =
    kinds.size > 1
      ? 'monitoring.withheld.legend.both'
      : kinds.has('complementary')
        ? 'monitoring.withheld.legend.complementary'
        : kinds.has('unanimous')
          ? 'monitoring.withheld.legend.unanimous'
          : 'monitoring.withheld.legend.few';
  return (
    <Typography.Text
      type="secondary"
      style={{ fontSize: 12, display: 'block', ...style }}
      data-testid="withheld-legend"
      data-reasons={reasons.join(' ')}
    >
      {t(key, { n: DISCLOSURE_MIN })}
    </Typography.Text>
  );
}

/**
 * For officials, who see every value: a figure the public will not see, and why (a release publishes it as '—').
 */
export function WithheldMark({ reason }: { reason: WithheldReason | null }) {
  const { t } = useI18n();
  if (reason === null) return null;
  return (
    <Tooltip title={t(`monitoring.withheld.help.${reason}`, { n: DISCLOSURE_MIN })}>
      <Tag
        color="default"
        style={{ marginInlineStart: 6, marginInlineEnd: 0, fontSize: 11 }}
        data-testid="figure-withheld-mark"
        data-reason={reason}
      >
        {t(`monitoring.withheld.mark.${reason}`, { n: DISCLOSURE_MIN })}
      </Tag>
    </Tooltip>
  );
}

/**
 * A weight set's name: its kind, its region (national when ''), the day it applies from; the platform's default set
 * (equal, for every period) as such rather than by the day it is dated from.
 */
function WeightSourceText({ source }: { source: WeightSource }) {
  const { t, locale } = useI18n();
  if (isDefaultWeightSet(source))
    return (
      <span data-testid="weights-used-default">
        {t('monitoring.weightsUsed.default', { kind: t(`monitoring.weights.kind.${source.kind}`) })}
      </span>
    );
  return (
    <>
      {t(`monitoring.weights.kind.${source.kind}`)}
      {t('monitoring.weightsUsed.of')}
      <SurveyRegion code={source.regionCode} />
      {t('monitoring.weightsUsed.from', { date: formatDate(source.effectiveFrom, locale) })}
    </>
  );
}

/** A weight set's standing as a tag: the platform's equal defaults not verified, a set not verified, or verified. */
export function WeightStandingTag({ set }: { set: WeightSource }) {
  const { t } = useI18n();
  const standing = weightStanding(set);
  return (
    <Tag
      color={standing === 'verified' ? 'green' : 'orange'}
      style={{ marginInlineEnd: 6 }}
      data-testid="weight-standing"
      data-standing={standing}
    >
      {t(`monitoring.weightsUsed.standing.${standing}`)}
    </Tag>
  );
}

/**
 * Where a set's weights come from: the platform default's in words (its stored basis is the migration's Chinese), a
 * region's set its recorded bases (a document number where the official gave one).
 */
export function weightBasisText(set: WeightSource, t: ReturnType<typeof useI18n>['t']): string {
  if (isDefaultWeightSet(set)) return t(`monitoring.weightsUsed.defaultBasis.${set.kind}`);
  return set.basis.length > 0 ? set.basis.join(t('monitoring.weightsUsed.basisSeparator')) : '—';
}

/**
 * Which weights a published computation used, and — when any set is not verified — plainly, in a warning: that they
 * are the platform's equal defaults (the SMEDI's official weights are not published) or a set not yet verified, and
 * for each set its standing and where it comes from (its dated set and basis).
 */
export function WeightsUsed({ weights }: { weights: readonly WeightSource[] | undefined }) {
  const { t, locale } = useI18n();
  const { sets, unverified, defaultsOnly } = weightSources(weights);
  if (sets.length === 0) return null;
  const list = (items: WeightSource[]) =>
    items.map((s, i) => (
      <span key={`${s.kind}|${s.regionCode}|${s.effectiveFrom}`}>
        {i > 0 ? t('monitoring.weightsUsed.separator') : null}
        <WeightSourceText source={s} />
      </span>
    ));
  if (unverified.length === 0)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="weights-used">
        {t('monitoring.weightsUsed.title')}
        {list(sets)}
        {t('monitoring.weightsUsed.verified')}
      </Typography.Text>
    );
  const names = unverified
    .map((set) => t(`monitoring.weights.kind.${set.kind}`))
    .map((name) => (locale === 'en' ? name.toLowerCase() : name))
    .join(t('monitoring.weightsUsed.separator'));
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="weights-unverified"
      data-defaults={String(defaultsOnly)}
      title={t(
        defaultsOnly ? 'monitoring.weightsUsed.defaultsTitle' : 'monitoring.weightsUsed.unverifiedTitle',
      )}
      description={
        <Flex vertical gap={4}>
          <Flex vertical gap={2} data-testid="weights-used">
            <span>{t('monitoring.weightsUsed.title')}</span>
            {sets.map((set) => (
              <span
                key={`${set.kind}|${set.regionCode}|${set.effectiveFrom}`}
                data-testid="weights-set"
                data-kind={set.kind}
              >
                <WeightStandingTag set={set} />
                <WeightSourceText source={set} />
                {t('monitoring.weightsUsed.basisLabel')}
                <span data-testid="weights-set-basis">{weightBasisText(set, t)}</span>
              </span>
            ))}
          </Flex>
          <span>
            {defaultsOnly
              ? unverified.length === sets.length
                ? t('monitoring.weightsUsed.allUnverified')
                : t('monitoring.weightsUsed.someUnverified', { sets: names })
              : t('monitoring.weightsUsed.setUnverified', { sets: names })}
            {defaultsOnly ? t('monitoring.weightsUsed.reason') : t('monitoring.weightsUsed.setReason')}
          </span>
        </Flex>
      }
    />
  );
}

/** A release's response rate: responses of panel members, and the share. */
export function ResponseRate({
  release,
  compact = false,
}: {
  release: {
    members: number | null;
    responses: number | null;
    responseRate: number | null;
    lowResponseRate: number;
  };
  /** The share and the counts only ('61.7% (37/60)'), for a list. */
  compact?: boolean;
}) {
  const { t } = useI18n();
  if (release.responseRate === null || release.members === null || release.responses === null) return <>—</>;
  const low = isLowResponseRate(release);
  return (
    <Typography.Text
      type={low ? 'warning' : undefined}
      data-testid="release-response-rate"
      data-rate={release.responseRate}
      data-low={String(low)}
    >
      {t(compact ? 'monitoring.release.responseRateShort' : 'monitoring.release.responseRateOf', {
        rate: sharePercent(release.responseRate),
        responses: release.responses,
        members: release.members,
      })}
    </Typography.Text>
  );
}

/**
 * A published release's panel and response rate, for the public: the panel's members, the responses the computation
 * took and their share (nothing for the registry's counts or an older answer without them).
 */
export function PanelCoverage({
  release,
}: {
  release: { members?: number | null; responses?: number | null; responseRate?: number | null };
}) {
  const { t } = useI18n();
  const { members, responses, responseRate } = release;
  if (members == null || responses == null || responseRate == null) return null;
  return (
    <Typography.Text
      type="secondary"
      data-testid="public-response-rate"
      data-members={members}
      data-responses={responses}
      data-rate={responseRate}
    >
      {t('monitoring.public.coverage', { members, responses, rate: sharePercent(responseRate) })}
    </Typography.Text>
  );
}

/** The warning of a release computed from too few of its panel's responses (shown, not refused). */
export function LowResponseAlert({
  release,
}: {
  release: {
    members: number | null;
    responses: number | null;
    responseRate: number | null;
    lowResponseRate: number;
  };
}) {
  const { t } = useI18n();
  if (!isLowResponseRate(release) || release.responseRate === null) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="release-low-response"
      title={t('monitoring.release.lowResponseTitle', {
        rate: sharePercent(release.responseRate),
        threshold: sharePercent(release.lowResponseRate),
      })}
      description={t('monitoring.release.lowResponseText', {
        responses: release.responses ?? 0,
        members: release.members ?? 0,
      })}
    />
  );
}

/**
 * A release's commentary in the reader's language; in English, the Chinese one (said to be so) when no English one
 * was written.
 */
export function Commentary({ zh, en, testId }: { zh: string; en: string; testId: string }) {
  const { t, locale } = useI18n();
  const chineseOnly = locale === 'en' && en.trim() === '' && zh.trim() !== '';
  return (
    <>
      {chineseOnly ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="commentary-chinese-only">
          {t('monitoring.release.commentaryChineseOnly')}
        </Typography.Text>
      ) : null}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid={testId}>
        {(locale === 'en' ? en || zh : zh) || t('monitoring.release.noCommentary')}
      </Typography.Paragraph>
    </>
  );
}

/** A count of the registry's statistics, its thousands grouped; '—' without one. Never coloured: no line. */
export function CountValue({ value, strong = false }: { value: string | null; strong?: boolean }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text strong={strong} data-testid="count-value" data-value={value}>
      {formatCount(value)}
    </Typography.Text>
  );
}

/** A figure's value as its kind reads: a count as a count, an index against its line. */
export function FigureValue({
  figure,
  strong = false,
}: {
  figure: { measure: string; value: string | null; shown: string | null };
  strong?: boolean;
}) {
  return isCountMeasure(figure.measure) ? (
    <CountValue value={figure.value} strong={strong} />
  ) : (
    <IndexValue shown={figure.shown} value={figure.value} measure={figure.measure} strong={strong} />
  );
}

/**
 * A series' or release's name: a survey's as it is called; the registry's statistics by their kind and region (the
 * server's English name carries the code only, so the region is named here).
 */
export function SeriesName({
  kind,
  nameZh,
  nameEn,
  regionCode,
}: {
  kind: 'index' | 'registry';
  nameZh: string | null;
  nameEn?: string | null;
  regionCode: string;
}) {
  const { t, locale } = useI18n();
  if (kind === 'registry')
    return (
      <>
        <SurveyRegion code={regionCode} />
        {locale === 'en' ? ' · ' : ''}
        {t('monitoring.releaseKind.registry')}
      </>
    );
  return <>{(locale === 'en' ? nameEn || nameZh : nameZh) ?? t('monitoring.releaseKind.index')}</>;
}

const RESPONSE_COLORS: Record<ResponseState, string> = {
  pending: 'default',
  draft: 'gold',
  submitted: 'blue',
  accepted: 'green',
  returned: 'orange',
};

/** A response's state. */
export function ResponseStateTag({ state }: { state: ResponseState }) {
  const { t } = useI18n();
  return (
    <Tag color={RESPONSE_COLORS[state]} data-testid="response-state" data-state={state}>
      {t(`monitoring.responseState.${state}`)}
    </Tag>
  );
}

const RELEASE_COLORS: Record<ReleaseState, string> = {
  draft: 'default',
  reviewed: 'blue',
  scheduled: 'gold',
  published: 'green',
  withdrawn: 'red',
};

/** A release's state. */
export function ReleaseStateTag({ state }: { state: ReleaseState }) {
  const { t } = useI18n();
  return (
    <Tag color={RELEASE_COLORS[state]} data-testid="release-state" data-state={state}>
      {t(`monitoring.releaseState.${state}`)}
    </Tag>
  );
}

const WAVE_COLORS = { scheduled: 'blue', open: 'green', closed: 'default' } as const;

/** A wave's state: not yet open (its first day ahead, with that day), open or closed. */
export function WaveStateTag({ wave }: { wave: { state: 'open' | 'closed'; opensOn: string } }) {
  const { t, locale } = useI18n();
  const state = waveShownState(wave, todayInChina());
  return (
    <Tag color={WAVE_COLORS[state]} data-testid="wave-state" data-state={state}>
      {state === 'scheduled'
        ? t('monitoring.waveState.scheduledFrom', { date: formatDate(wave.opensOn, locale) })
        : t(`monitoring.waveState.${state}`)}
    </Tag>
  );
}

/**
 * Where an enterprise's questionnaire stands in its wave, beside its deadline: answers taken from a later day, the wave
 * closed early (the day it closed, not the deadline that no longer holds), or closed; nothing while answers are taken.
 */
export function MyWaveTag({
  row,
}: {
  row: { waveState: 'open' | 'closed'; opensOn: string; closedEarlyOn: string | null };
}) {
  const { t, locale } = useI18n();
  if (row.waveState === 'open' && todayInChina() < row.opensOn)
    return (
      <Tag color="blue" data-testid="my-survey-wave" data-state="scheduled">
        {t('monitoring.my.opensFrom', { date: formatDate(row.opensOn, locale) })}
      </Tag>
    );
  if (row.waveState !== 'closed') return null;
  return (
    <Tag data-testid="my-survey-wave" data-state="closed">
      {row.closedEarlyOn
        ? t('monitoring.my.closedEarly', { date: formatDate(row.closedEarlyOn, locale) })
        : t('monitoring.my.closed')}
    </Tag>
  );
}

/** A data-quality flag's kind. */
export function FlagTag({ kind, open = true }: { kind: FlagKind; open?: boolean }) {
  const { t } = useI18n();
  return (
    <Tag color={open ? 'volcano' : 'default'} data-testid="flag-tag" data-kind={kind}>
      {t(`monitoring.flag.${kind}`)}
    </Tag>
  );
}

/** The name of a flag's kind, for filters. */
export function useFlagName() {
  const { t } = useI18n();
  return (kind: FlagKind) => t(`monitoring.flag.${kind}`);
}

/**
 * A form's submission: each server field error on the form item of its path (`questions[3].direction` on
 * ['questions', 3, 'direction'] when `hasItem` says the form has it); errors of a part drawn on its own (a list as a
 * whole, a row: `hasGroup`) kept in `groupErrors` by path ('questions', 'questions.3') for the page to show there;
 * the rest in an alert above the form.
 */
export function useMonitoringSubmit(
  form: FormInstance,
  hasItem: (path: FieldPath) => boolean,
  {
    hasGroup = () => false,
    rename = (path) => path,
    testId = 'monitoring-form-error',
  }: {
    hasGroup?: (path: FieldPath) => boolean;
    /** The form's name of a path the API names otherwise ('items.2.weight' → ['items', 'cost']). */
    rename?: (path: FieldPath) => FieldPath;
    testId?: string;
  } = {},
) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [groupErrors, setGroupErrors] = useState<Record<string, string[]>>({});
  /** The fields the last refusal put an error on (the form clears its own rules' errors, not these). */
  const placed = useRef<FieldPath[]>([]);
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setSaving(true);
    setError(null);
    setGroupErrors({});
    placed.current = [];
    try {
      return await action();
    } catch (failure) {
      const unmatched: string[] = [];
      const groups: Record<string, string[]> = {};
      const byField = new Map<string, { name: FieldPath; errors: string[] }>();
      if (failure instanceof ApiError)
        for (const problem of failure.errors) {
          const path = rename(fieldPath(problem.field));
          const key = path.join('.');
          if (hasItem(path)) {
            const entry = byField.get(key) ?? { name: path, errors: [] };
            entry.errors.push(problem.message);
            byField.set(key, entry);
          } else if (hasGroup(path)) groups[key] = [...(groups[key] ?? []), problem.message];
          else unmatched.push(`${problem.field}: ${problem.message}`);
        }
      form.setFields([...byField.values()] as unknown as Parameters<FormInstance['setFields']>[0]);
      placed.current = [...byField.values()].map((f) => f.name);
      setGroupErrors(groups);
      if (unmatched.length > 0 || byField.size + Object.keys(groups).length === 0)
        setError([errorText(failure), ...unmatched].join('; '));
      return undefined;
    } finally {
      setSaving(false);
    }
  };
  const alert = error ? (
    <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={testId} />
  ) : null;
  /**
   * Takes away the last refusal's errors under a part of the form (`within`): once the official changes that part,
   * an error the server gave about it (a sum, another row's code) may no longer hold, and is not left standing; the
   * next save asks the server again.
   */
  const clearStale = (within: (path: FieldPath) => boolean) => {
    const stale = placed.current.filter(within);
    if (stale.length > 0) {
      form.setFields(stale.map((name) => ({ name, errors: [] })) as Parameters<FormInstance['setFields']>[0]);
      placed.current = placed.current.filter((path) => !stale.includes(path));
    }
    setGroupErrors((groups) => {
      const kept = Object.entries(groups).filter(([key]) => !within(key.split('.')));
      return kept.length === Object.keys(groups).length ? groups : Object.fromEntries(kept);
    });
  };
  return {
    saving,
    alert,
    run,
    clearStale,
    groupErrors,
    hasErrors: error !== null || Object.keys(groupErrors).length > 0,
  };
}

/** The page's heading with its intro. */
export function PageHeading({
  title,
  intro,
  extra,
}: {
  title: ReactNode;
  intro?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={8}>
      <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {intro ? <Typography.Text type="secondary">{intro}</Typography.Text> : null}
      </Flex>
      {extra}
    </Flex>
  );
}

/** A record's page heading: the link back to its list above the title. */
export function DetailHeading({
  back,
  backText,
  title,
  extra,
}: {
  back: string;
  backText: string;
  title: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="flex-end" wrap gap={8}>
      <Flex vertical gap={4} style={{ minWidth: 0 }}>
        <Link to={back} data-testid="back-link">
          <ArrowLeftOutlined /> {backText}
        </Link>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
      </Flex>
      {extra}
    </Flex>
  );
}

/** The text of an error (an ApiError's message, or anything's). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * An answer in words: a level as the question words it (a delivery time longer / same / shorter, a judgement better
 * / same / worse), a number with its unit in the reader's language, a choice by its name, the text.
 */
export function AnswerShown({
  question,
  answer,
  muted = false,
}: {
  question: Question;
  answer: Answer | null;
  muted?: boolean;
}) {
  const { t, locale } = useI18n();
  const text = answer ? answerText(question.kind, answer) : null;
  if (text === null)
    return <Typography.Text type="secondary">{t('monitoring.response.noAnswer')}</Typography.Text>;
  let shown = text;
  if (question.kind === 'three_level') {
    const words = levelWords(question, locale);
    if (text === 'up' || text === 'same' || text === 'down') shown = words[text];
  } else if (question.kind === 'number') shown = withUnit(text, question.unit, locale);
  else if (question.kind === 'choice') {
    const choice = question.choices?.find((c) => c.code === text);
    if (choice) shown = locale === 'en' ? choice.en || choice.zh : choice.zh;
  }
  return (
    <Typography.Text
      type={muted ? 'secondary' : undefined}
      data-testid={muted ? 'answer-previous' : 'answer-current'}
    >
      {shown}
    </Typography.Text>
  );
}
