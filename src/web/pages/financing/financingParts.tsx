/**
 * The pieces the financing pages share: the vocabularies' names in the reader's language, state tags, a demand's
 * anonymised profile and summary, a bank's answer with its deadlines, the timeline, a product's fit explained
 * condition by condition, the columns the demand lists show alike, a form's submission with the server's field
 * errors put on the form's items, what a modal acts on, and the pages' headings.
 */

import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Descriptions,
  Empty,
  Flex,
  type FormInstance,
  Space,
  type TableColumnType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import {
  COLLATERAL,
  DEBTOR_KINDS,
  DECLINE_REASONS,
  DEMAND_STATES,
  type FinancingTerm,
  PRODUCT_KINDS,
  PURPOSES,
  RESPONSE_STATES,
  termName,
} from '../../../reference/financing.ts';
import { ApiError } from '../../api/client.ts';
import type { Demand, DemandProfile, Fit, LoanResponse, TimelineEvent } from '../../api/financing.ts';
import { ExplanationTree } from '../../components/ExplanationTree.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { SizeTag } from '../../components/SizeTag.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { industryLabel, useIndustries } from '../../lib/industries.ts';
import { SIZES } from '../../lib/size.ts';
import { colon, fieldOfProblem, formatRate, formatWan, runningDeadlines } from './financingFormat.ts';

/** A vocabulary term's name in the reader's language. */
export function useTermName() {
  const { locale } = useI18n();
  return (list: readonly FinancingTerm[], code: string) => {
    const name = termName(list, code);
    return locale === 'en' ? name.en : name.zh;
  };
}

/** The options of a vocabulary for a Select. */
export function useTermOptions(list: readonly FinancingTerm[]) {
  const { locale } = useI18n();
  return list.map((term) => ({ value: term.code, label: locale === 'en' ? term.en : term.zh }));
}

export { COLLATERAL, DEBTOR_KINDS, DECLINE_REASONS, DEMAND_STATES, PRODUCT_KINDS, PURPOSES, RESPONSE_STATES };

const DEMAND_COLORS: Record<string, string> = {
  open: 'blue',
  in_progress: 'gold',
  granted: 'green',
  declined: 'red',
  withdrawn: 'default',
};
const RESPONSE_COLORS: Record<string, string> = {
  picked_up: 'blue',
  contacted: 'cyan',
  visited: 'geekblue',
  granted: 'green',
  declined: 'red',
  disbursed: 'purple',
  released: 'default',
  withdrawn: 'default',
};

/** Whether a granted demand's loan was paid out: one of its banks' answers is disbursed. */
export function demandDisbursed(demand: Pick<Demand, 'state' | 'responses'>): boolean {
  return demand.state === 'granted' && demand.responses.some((r) => r.state === 'disbursed');
}

/**
 * A demand's state: open, in progress, granted, declined, withdrawn — a granted one whose loan was paid out
 * (`disbursed`) reads 已放款 as the bank's answer does (`data-state` stays the demand's state).
 */
export function DemandStateTag({ state, disbursed = false }: { state: string; disbursed?: boolean }) {
  const name = useTermName();
  const paid = disbursed && state === 'granted';
  return (
    <Tag
      color={paid ? RESPONSE_COLORS.disbursed : (DEMAND_COLORS[state] ?? 'default')}
      data-testid="demand-state"
      data-state={state}
      data-disbursed={paid ? 'true' : undefined}
    >
      {paid ? name(RESPONSE_STATES, 'disbursed') : name(DEMAND_STATES, state)}
    </Tag>
  );
}

/** A bank's answer's state: picked up, contacted, visited, granted, declined, disbursed, released, withdrawn. */
export function ResponseStateTag({ state }: { state: string }) {
  const name = useTermName();
  return (
    <Tag color={RESPONSE_COLORS[state] ?? 'default'} data-testid="response-state" data-state={state}>
      {name(RESPONSE_STATES, state)}
    </Tag>
  );
}

/** The purposes of a demand by name, separated by the language's list mark. */
export function PurposeNames({ codes }: { codes: readonly string[] }) {
  const { locale } = useI18n();
  const name = useTermName();
  return <>{codes.map((code) => name(PURPOSES, code)).join(locale === 'en' ? ', ' : '、')}</>;
}

/** The anonymised profile banks see: region, industry, size, years, grade. */
export function ProfileLine({ profile }: { profile: DemandProfile }) {
  const { t, locale } = useI18n();
  const industries = useIndustries();
  const size = SIZES.find((s) => s === profile.sizeClass);
  return (
    <Space size={[8, 4]} wrap data-testid="demand-profile">
      <RegionName code={profile.regionCode} full />
      {profile.industryCode ? (
        <Typography.Text type="secondary">
          {industryLabel(industries, profile.industryCode, (i) => (locale === 'en' ? i.nameEn : i.nameZh))}
        </Typography.Text>
      ) : null}
      {size ? <SizeTag size={size} /> : null}
      {profile.years !== null ? (
        <Typography.Text type="secondary">
          {t('financing.profile.years', { years: profile.years })}
        </Typography.Text>
      ) : null}
      {profile.grade ? (
        <Tag color="blue">{t('financing.profile.grade', { grade: profile.grade })}</Tag>
      ) : null}
    </Space>
  );
}

/** A demand's own terms. */
export function DemandSummary({ demand, extra }: { demand: Demand; extra?: ReactNode }) {
  const { t, locale } = useI18n();
  const name = useTermName();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 3 }}
      data-testid="demand-summary"
      items={[
        {
          key: 'amount',
          label: t('financing.demand.amount'),
          children: <span data-testid="demand-amount">{formatWan(demand.amount, locale)}</span>,
        },
        {
          key: 'term',
          label: t('financing.demand.term'),
          children: t('financing.months', { months: demand.termMonths }),
        },
        {
          key: 'maxRate',
          label: t('financing.demand.maxRate'),
          children: demand.maxRate ? formatRate(demand.maxRate) : t('financing.demand.noMaxRate'),
        },
        {
          key: 'purposes',
          label: t('financing.demand.purposes'),
          children: <PurposeNames codes={demand.purposes} />,
        },
        {
          key: 'collateral',
          label: t('financing.demand.collateral'),
          children:
            demand.collateral.length > 0
              ? demand.collateral.map((c) => name(COLLATERAL, c)).join(locale === 'en' ? ', ' : '、')
              : t('financing.demand.noCollateral'),
        },
        {
          key: 'mode',
          label: t('financing.demand.mode'),
          children: demand.exclusive ? t('financing.demand.exclusive') : t('financing.demand.shared'),
        },
        {
          key: 'posted',
          label: t('financing.demand.postedOn'),
          children: formatDate(demand.postedOn, locale),
        },
        {
          key: 'pickupDue',
          label: t('financing.demand.pickupDue'),
          children: formatDate(demand.pickupDue, locale),
        },
        {
          key: 'product',
          label: t('financing.demand.product'),
          children: demand.productName ?? t('financing.demand.noProduct'),
        },
        {
          key: 'description',
          label: t('financing.demand.description'),
          span: 'filled',
          children: (
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{demand.description}</Typography.Text>
          ),
        },
        ...(extra
          ? [{ key: 'extra', label: t('financing.demand.flags'), span: 'filled' as const, children: extra }]
          : []),
      ]}
    />
  );
}

/** The columns the demand lists show alike: the purposes, the day posted, the last day to pick it up. */
export function useDemandColumns(): Record<'purposes' | 'postedOn' | 'pickupDue', TableColumnType<Demand>> {
  const { t, locale } = useI18n();
  const day = (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(value, locale)}</span>;
  return {
    purposes: {
      title: t('financing.demand.purposes'),
      dataIndex: 'purposes',
      render: (codes: string[]) => <PurposeNames codes={codes} />,
    },
    postedOn: { title: t('financing.demand.postedOn'), dataIndex: 'postedOn', width: 140, render: day },
    pickupDue: { title: t('financing.demand.pickupDue'), dataIndex: 'pickupDue', width: 140, render: day },
  };
}

/** The flags of a demand the enterprise is told: above every product's ceiling, inclusive, widened, escalated. */
export function DemandFlags({ demand }: { demand: Demand }) {
  const { t } = useI18n();
  const tags: ReactNode[] = [];
  if (demand.aboveEveryProduct)
    tags.push(
      <Tag key="above" color="orange" data-testid="demand-above-every-product">
        {t('financing.flag.aboveEveryProduct')}
      </Tag>,
    );
  if (demand.inclusive)
    tags.push(
      <Tag key="inclusive" color="green" data-testid="demand-inclusive">
        {t('financing.flag.inclusive')}
      </Tag>,
    );
  if (demand.widened) tags.push(<Tag key="widened">{t('financing.flag.widened')}</Tag>);
  if (demand.escalatedAt)
    tags.push(
      <Tag key="escalated" color="red">
        {t('financing.flag.escalated')}
      </Tag>,
    );
  if (demand.referred)
    tags.push(
      <Tag key="referred" data-testid="demand-referred">
        {t('financing.flag.referred')}
      </Tag>,
    );
  return tags.length > 0 ? (
    <Space size={[4, 4]} wrap>
      {tags}
    </Space>
  ) : null;
}

/** A bank's answer: its state, the deadlines running (a passed one in red) or met, and the decision. */
export function ResponseDetails({ response }: { response: LoanResponse }) {
  const { t, locale } = useI18n();
  const name = useTermName();
  const due = (date: string, late: boolean, testId: string) => (
    <Typography.Text
      type={late ? 'danger' : undefined}
      strong={late}
      data-testid={testId}
      data-late={String(late)}
    >
      {formatDate(date, locale)}
      {late ? ` ${t('financing.response.late')}` : ''}
    </Typography.Text>
  );
  const running = runningDeadlines(response);
  const items: { key: string; label: string; children: ReactNode }[] = [
    {
      key: 'state',
      label: t('financing.response.state'),
      children: <ResponseStateTag state={response.state} />,
    },
    {
      key: 'pickedUp',
      label: t('financing.response.pickedUpAt'),
      children: formatDateTime(response.pickedUpAt, locale),
    },
  ];
  // A deadline shows while it runs, or as met; one that stopped running unmet (the answer closed) is not shown.
  if (response.contactedAt)
    items.push({
      key: 'contactDue',
      label: t('financing.response.contactDue'),
      children: t('financing.response.doneAt', { at: formatDateTime(response.contactedAt, locale) }),
    });
  else if (running.contact)
    items.push({
      key: 'contactDue',
      label: t('financing.response.contactDue'),
      children: due(response.contactDue, response.late === 'contact', 'response-contact-due'),
    });
  if (response.decidedAt)
    items.push({
      key: 'decisionDue',
      label: t('financing.response.decisionDue'),
      children: t('financing.response.doneAt', { at: formatDateTime(response.decidedAt, locale) }),
    });
  else if (running.decision)
    items.push({
      key: 'decisionDue',
      label: t('financing.response.decisionDue'),
      children: due(response.decisionDue, response.late === 'decision', 'response-decision-due'),
    });
  if (response.visitedAt)
    items.push({
      key: 'visited',
      label: t('financing.response.visitedAt'),
      children: formatDateTime(response.visitedAt, locale),
    });
  if (response.grantedAmount !== null)
    items.push({
      key: 'granted',
      label: t('financing.response.granted'),
      children: (
        <span data-testid="response-granted">
          {t('financing.response.grantedText', {
            amount: formatWan(response.grantedAmount, locale),
            rate: formatRate(response.grantedRate),
            months: response.grantedTermMonths ?? '—',
          })}
          {response.security ? ` · ${t(`financing.security.${response.security}`)}` : ''}
          {response.firstLoan ? ` · ${t('financing.response.firstLoan')}` : ''}
        </span>
      ),
    });
  if (response.declineReason)
    items.push({
      key: 'declined',
      label: t('financing.response.declineReason'),
      children: (
        <span data-testid="response-decline">
          {name(DECLINE_REASONS, response.declineReason)}
          {response.declineText ? `${colon(locale)}${response.declineText}` : ''}
        </span>
      ),
    });
  if (response.disbursedAmount !== null)
    items.push({
      key: 'disbursed',
      label: t('financing.response.disbursed'),
      children: `${formatWan(response.disbursedAmount, locale)} · ${formatDateTime(response.disbursedAt, locale)}`,
    });
  if (response.rating !== null)
    items.push({
      key: 'rating',
      label: t('financing.response.rating'),
      children: `${'★'.repeat(response.rating)}${'☆'.repeat(5 - response.rating)}${
        response.ratingComment ? ` ${response.ratingComment}` : ''
      }`,
    });
  return <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="response-details" />;
}

/** The roles that act on a demand, each with its name as a timeline's signature. */
const ACTORS = ['enterprise', 'bank', 'official', 'admin', 'system'] as const;

/**
 * Who signs a timeline event: a bank's event its name, the others their role's name (the enterprise applying to a
 * bank's product or showing itself to a bank is signed by the enterprise, not by that bank); nothing for an unknown
 * role.
 */
export function useEventSignature() {
  const { t } = useI18n();
  return (event: Pick<TimelineEvent, 'actorRole' | 'institutionName'>): string | null => {
    if (event.actorRole === 'bank') return event.institutionName ?? t('financing.actor.bank');
    const role = ACTORS.find((a) => a === event.actorRole);
    return role ? t(`financing.actor.${role}`) : null;
  };
}

/** The timeline of a demand, each event in the reader's language, signed by whoever acted. */
export function DemandTimeline({ events }: { events: readonly TimelineEvent[] }) {
  const { t, locale } = useI18n();
  const signature = useEventSignature();
  if (events.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('financing.timeline.empty')} />;
  return (
    <div data-testid="demand-timeline">
      <Timeline
        items={events.map((event) => ({
          key: event.id,
          content: (
            <Flex vertical gap={2} data-testid="timeline-event" data-kind={event.kind}>
              <Typography.Text>{locale === 'en' ? event.text.en : event.text.zh}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="timeline-signature">
                {formatDateTime(event.at, locale)}
                {signature(event) ? ` · ${signature(event)}` : ''}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </div>
  );
}

const OUTCOME_COLORS = { eligible: 'green', not_eligible: 'default', unknown: 'gold' } as const;

/** Whether a product fits: the outcome, each condition explained, the one condition missed, the facts missing. */
export function FitView({ fit, testId }: { fit: Fit; testId?: string }) {
  const { t, locale } = useI18n();
  const near = fit.outcome !== 'eligible' && fit.nearMiss !== null;
  return (
    <Flex vertical gap={6} data-testid={testId} data-outcome={fit.outcome} data-near={String(near)}>
      <Space size={4}>
        <Tag color={OUTCOME_COLORS[fit.outcome]} data-testid="fit-outcome">
          {t(`financing.fit.${fit.outcome}`)}
        </Tag>
        {near ? <Tag color="orange">{t('financing.fit.near')}</Tag> : null}
      </Space>
      {near && fit.nearMiss ? (
        <Typography.Text type="warning" data-testid="fit-near-miss">
          {t('financing.fit.nearMiss', {
            text: locale === 'en' ? fit.nearMiss.text.en : fit.nearMiss.text.zh,
          })}
        </Typography.Text>
      ) : null}
      {fit.missing.length > 0 ? (
        <Typography.Text type="secondary">
          {t('financing.fit.missing', {
            facts: fit.missing
              .map((m) => (locale === 'en' ? m.en : m.zh))
              .join(locale === 'en' ? ', ' : '、'),
          })}
        </Typography.Text>
      ) : null}
      <div>
        {fit.conditions.map((condition, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity beyond their place
          <ExplanationTree key={i} explanation={condition} />
        ))}
      </div>
    </Flex>
  );
}

/**
 * A form's submission: the server's field errors on the form's items ('regions/0' on regions, 'rule/all/1' on rule
 * with its path), the rest in an alert above the form.
 */
export function useFinancingSubmit(form: FormInstance, fields: readonly string[]) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setSaving(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      const unmatched: string[] = [];
      const byField = new Map<string, string[]>();
      if (failure instanceof ApiError)
        for (const problem of failure.errors) {
          const at = fieldOfProblem(problem.field, fields);
          if (!at) {
            unmatched.push(`${problem.field}: ${problem.message}`);
            continue;
          }
          const text = at.within ? `${at.within}: ${problem.message}` : problem.message;
          byField.set(at.name, [...(byField.get(at.name) ?? []), text]);
        }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      if (unmatched.length > 0 || byField.size === 0)
        setError([failure instanceof Error ? failure.message : String(failure), ...unmatched].join('; '));
      return undefined;
    } finally {
      setSaving(false);
    }
  };
  const alert = error ? (
    <Alert
      type="error"
      showIcon
      title={error}
      style={{ marginBottom: 12 }}
      data-testid="financing-form-error"
    />
  ) : null;
  return { saving, alert, run };
}

/**
 * What a page's modal acts on (null while none is open: a row of a list, an action, an answer), and the modal's
 * end: closed, the success said, the page's data loaded again.
 */
export function useActing<A>(reload: () => void) {
  const { message } = AntApp.useApp();
  const [acting, setActing] = useState<A | null>(null);
  return {
    acting,
    start: (target: A) => setActing(target),
    close: () => setActing(null),
    done: (text: string) => {
      setActing(null);
      void message.success(text);
      reload();
    },
  };
}

/** The page's heading with its intro. */
export function PageHeading({ title, intro, extra }: { title: string; intro?: string; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={8}>
      <Flex vertical gap={4}>
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
export function DetailHeading({ back, backText, title }: { back: string; backText: string; title: string }) {
  return (
    <Flex vertical gap={4}>
      <Link to={back}>
        <ArrowLeftOutlined /> {backText}
      </Link>
      <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
        {title}
      </Typography.Title>
    </Flex>
  );
}
