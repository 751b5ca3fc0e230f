/**
 * `/app/my-policies` (enterprise users): the policies the enterprise qualifies for now (可享受), misses by exactly one
 * condition (差一点, the condition shown), or cannot be decided for lack of facts (待补充信息, the facts listed), each
 * with the reasons; the 免申即享 benefits waiting for its answer (待您确认) on top, and its benefit records.
 *
 * `?tab=eligible|almost|unknown|history` picks the tab; `?policy=<id>` (from the inbox) opens the tab holding that
 * policy, outlines and scrolls to it, and marks its notices read.
 */
import { FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Col, Empty, Flex, Row, Skeleton, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, type MyPolicies, type MyPolicy } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { INBOX_CHANGED } from '../../lib/inbox.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { BenefitHistory } from './BenefitHistory.tsx';
import { BenefitPending, benefitItemId } from './BenefitPending.tsx';
import { PolicyCard, type PolicyGroup, policyCardId } from './PolicyCard.tsx';

const GROUPS: readonly PolicyGroup[] = ['eligible', 'almost', 'unknown'];
type TabKey = PolicyGroup | 'history';
const isTab = (value: string | null): value is TabKey =>
  value === 'eligible' || value === 'almost' || value === 'unknown' || value === 'history';

const BADGE_COLORS: Record<TabKey, string> = {
  eligible: '#389e0d',
  almost: '#d48806',
  unknown: '#8c8c8c',
  history: '#1458c4',
};

/** New matches first, otherwise in the server's order. */
function ordered(items: MyPolicy[], seen: ReadonlySet<number>): MyPolicy[] {
  const shown = items.map((item) => (item.isNew && seen.has(item.id) ? { ...item, isNew: false } : item));
  return [...shown.filter((item) => item.isNew), ...shown.filter((item) => !item.isNew)];
}

function GroupEmpty({ group }: { group: PolicyGroup }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      data-testid={`my-policies-${group}-empty`}
      description={
        <Flex vertical gap={4}>
          <Typography.Text>{t(`myPolicies.empty.${group}`)}</Typography.Text>
          {group === 'eligible' ? (
            <Typography.Text type="secondary">{t('myPolicies.empty.eligibleHint')}</Typography.Text>
          ) : null}
        </Flex>
      }
    >
      {group === 'eligible' ? (
        <Button icon={<FormOutlined />} onClick={() => navigate('/app/my-enterprise')}>
          {t('myPolicies.report')}
        </Button>
      ) : null}
    </Empty>
  );
}

function GroupList({
  group,
  data,
  seen,
  highlight,
  onOpen,
  onApplied,
}: {
  group: PolicyGroup;
  data: MyPolicies;
  seen: ReadonlySet<number>;
  highlight: number | null;
  onOpen: (policy: MyPolicy) => void;
  onApplied: () => void;
}) {
  const { t } = useI18n();
  const items = ordered(data[group], seen);
  return (
    <Flex vertical gap={12} data-testid={`my-policies-${group}-list`}>
      <Typography.Text type="secondary">{t(`myPolicies.tabHint.${group}`)}</Typography.Text>
      {items.length === 0 ? (
        <GroupEmpty group={group} />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((policy) => (
            <Col key={policy.id} xs={24} xl={12}>
              <PolicyCard
                policy={policy}
                group={group}
                highlighted={highlight === policy.id}
                onOpen={onOpen}
                onApplied={onApplied}
              />
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}

export default function MyPoliciesPage() {
  const { t, locale } = useI18n();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const policies = useApiQuery(apiQuery('/api/my/policies'));
  const benefits = useApiQuery(apiQuery('/api/my/benefits'));
  const tabParam = params.get('tab');
  const tab: TabKey = isTab(tabParam) ? tabParam : 'eligible';
  const policyParam = Number(params.get('policy')) || null;
  const [highlight, setHighlight] = useState<number | null>(null);
  const [missingPolicy, setMissingPolicy] = useState<number | null>(null);
  /** Policies whose notices were marked read here (their "新" badge goes). */
  const [seen, setSeen] = useState<ReadonlySet<number>>(new Set());
  const handled = useRef<number | null>(null);

  const reload = () => {
    policies.reload();
    benefits.reload();
  };

  const markSeen = useCallback((id: number) => {
    api.myPolicy(id).then(
      () => {
        setSeen((current) => new Set(current).add(id));
        // Opening it marked its notices read: the menu's unread badge reloads.
        window.dispatchEvent(new Event(INBOX_CHANGED));
      },
      () => undefined, // only a read mark; the page works without it
    );
  }, []);

  const setTab = (key: TabKey) => {
    setHighlight(null);
    setMissingPolicy(null);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('tab', key);
        next.delete('policy');
        return next;
      },
      { replace: true },
    );
  };

  const pending = useMemo(() => (benefits.data ?? []).filter((b) => b.status === 'sent'), [benefits.data]);
  const history = useMemo(() => (benefits.data ?? []).filter((b) => b.status !== 'sent'), [benefits.data]);

  // Arriving from a notification: open the tab holding the policy, outline it, mark its notices read.
  useEffect(() => {
    const data = policies.data;
    if (!policyParam) {
      handled.current = null;
      return;
    }
    if (!data || handled.current === policyParam) return;
    if (!benefits.data && benefits.loading) return; // wait: it may be a benefit to confirm
    handled.current = policyParam;
    const group = GROUPS.find((g) => data[g].some((p) => p.id === policyParam));
    const isPending = (benefits.data ?? []).some((b) => b.status === 'sent' && b.policyId === policyParam);
    setHighlight(policyParam);
    setMissingPolicy(group || isPending ? null : policyParam);
    markSeen(policyParam);
    if (group) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('tab', group);
          return next;
        },
        { replace: true },
      );
    }
  }, [policyParam, policies.data, benefits.data, benefits.loading, markSeen, setParams]);

  // Scroll to the outlined benefit to confirm, or else the policy's card, once it is on screen.
  useEffect(() => {
    if (highlight === null) return;
    const frame = window.requestAnimationFrame(() => {
      const target =
        document.getElementById(benefitItemId(highlight)) ?? document.getElementById(policyCardId(highlight));
      target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [highlight]);

  const onOpen = (policy: MyPolicy) => {
    if (policy.isNew) markSeen(policy.id);
  };

  const data = policies.data;
  const tabLabel = (key: TabKey, count: number) => (
    <span data-testid={`my-policies-${key}`} data-count={count}>
      {t(`myPolicies.tab.${key}`)}{' '}
      <Badge count={count} showZero overflowCount={999} color={BADGE_COLORS[key]} />
    </span>
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={4}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            {t('myPolicies.title')}
          </Typography.Title>
          {data ? (
            <Typography.Text type="secondary">
              {t('myPolicies.subtitle', { date: formatDate(data.date, locale) })}
            </Typography.Text>
          ) : null}
        </Flex>
        <Button
          icon={<ReloadOutlined />}
          onClick={reload}
          loading={policies.loading && Boolean(data)}
          data-testid="my-policies-reload"
        >
          {t('common.reload')}
        </Button>
      </Flex>

      <LoadError error={policies.error} onRetry={policies.reload} style={{ marginBottom: 0 }} />
      <LoadError error={benefits.error} onRetry={benefits.reload} style={{ marginBottom: 0 }} />

      <BenefitPending pending={pending} onChanged={reload} highlightPolicyId={highlight} />

      {missingPolicy !== null ? (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setMissingPolicy(null) }}
          data-testid="my-policies-not-found"
          title={t('myPolicies.notFound')}
          description={
            <Flex vertical gap={4} align="flex-start">
              <Typography.Text type="secondary">{t('myPolicies.notFoundHint')}</Typography.Text>
              <Link
                to={`/policies/${missingPolicy}`}
                state={{ from: `${location.pathname}${location.search}` }}
              >
                {t('myPolicies.openPublic')}
              </Link>
            </Flex>
          }
        />
      ) : null}

      {data ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(isTab(key) ? key : 'eligible')}
          data-testid="my-policies-tabs"
          items={[
            ...GROUPS.map((group) => ({
              key: group,
              label: tabLabel(group, data[group].length),
              children: (
                <GroupList
                  group={group}
                  data={data}
                  seen={seen}
                  highlight={highlight}
                  onOpen={onOpen}
                  onApplied={policies.reload}
                />
              ),
            })),
            {
              key: 'history',
              label: tabLabel('history', history.length),
              children: (
                <Flex vertical gap={12} data-testid="my-policies-history-list">
                  <Typography.Text type="secondary">{t('myPolicies.tabHint.history')}</Typography.Text>
                  <BenefitHistory items={history} loading={benefits.loading} />
                </Flex>
              ),
            },
          ]}
        />
      ) : policies.loading ? (
        <Skeleton active paragraph={{ rows: 8 }} data-testid="my-policies-loading" />
      ) : null}
    </Flex>
  );
}
