/**
 * `/app/my-cases/:id` (enterprise users): one of the enterprise's cases — its number, title, state and deadline,
 * the details (a demand's kind and area; an arrears complaint's debtor, contract and amounts with what is owed
 * today by the calculator), the timeline of everything done to it, and what the enterprise may do now.
 */
import {
  ArrowLeftOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  PercentageOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type CaseDetail } from '../../api/client.ts';
import { ErrorResult, NotFoundResult } from '../../components/ErrorResult.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { apiQuery, refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { CaseAttachments } from '../cases/CaseAttachments.tsx';
import { DebtorAnswers } from '../cases/CaseSupervisionPanel.tsx';
import { DeadlineExplanation } from '../cases/CaseTags.tsx';
import { caseTitle } from '../cases/caseModel.ts';
import { formatMoney } from '../payments/paymentForm.ts';
import { CaseActions } from './CaseActions.tsx';
import { ClaimChange } from './ClaimAmendment.tsx';
import { Deadline, StateTag, useLabel, useTypeText } from './caseParts.tsx';

type CaseEvent = CaseDetail['events'][number];

const EVENT_COLORS: Record<string, string> = {
  submit: 'blue',
  accept: 'blue',
  return: 'red',
  request_info: 'orange',
  provide_info: 'blue',
  reply: 'green',
  rate: 'green',
  reopen: 'orange',
  close: 'gray',
  merge: 'gray',
  comment: 'gray',
  attach: 'gray',
  amend_claim: 'orange',
};

export default function MyCasePage() {
  const { t } = useI18n();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const valid = Number.isInteger(id) && id > 0;
  const loaded = useApiQuery(
    valid
      ? apiQuery('/api/cases/:id', { params: { id } })
      : refusedQuery<CaseDetail>(['/api/cases/:id', idParam], new Error(t('myCases.notFound'))),
  );
  /** The case as the last action returned it (newer than the load). */
  const [acted, setActed] = useState<CaseDetail | null>(null);
  const value =
    acted && acted.id === id && acted.version >= (loaded.data?.version ?? 0) ? acted : loaded.data;

  const back = (
    <Link to="/app/my-cases" data-testid="my-case-back">
      <ArrowLeftOutlined /> {t('myCases.back')}
    </Link>
  );

  if (!value) {
    if (loaded.error)
      return (
        <Flex vertical gap={16}>
          {back}
          {!valid ||
          (loaded.error instanceof ApiError &&
            (loaded.error.status === 404 || loaded.error.status === 403)) ? (
            // What is missing, and no retry: trying again finds nothing more.
            <NotFoundResult
              title={t('myCases.notFound')}
              testId="case-missing"
              back={{ to: '/app/my-cases', label: t('myCases.back') }}
            />
          ) : (
            <ErrorResult error={loaded.error} onRetry={loaded.reload} />
          )}
        </Flex>
      );
    return (
      <Flex vertical gap={16}>
        {back}
        <Card>
          <Skeleton active />
        </Card>
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16} data-testid="my-case" data-case-id={value.id} data-version={value.version}>
      {back}
      {loaded.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={loaded.error.message} />
      ) : null}
      <Header value={value} />
      <Prompt value={value} />
      <CaseActions
        value={value}
        onDone={setActed}
        onConflict={() => {
          setActed(null);
          loaded.reload();
        }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Details value={value} />
            {value.type === 'arrears' ? <Figures value={value} /> : null}
            <DebtorAnswers detail={value} />
            <CaseAttachments
              caseId={value.id}
              refreshKey={value.version}
              onUploaded={() => {
                // An upload adds a timeline event without changing the case's version: load the case again.
                setActed(null);
                loaded.reload();
              }}
            />
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <CaseTimeline events={value.events} />
        </Col>
      </Row>
    </Flex>
  );
}

function Header({ value }: { value: CaseDetail }) {
  const typeText = useTypeText();
  const { locale } = useI18n();
  return (
    <Flex vertical gap={8}>
      <Space size={8} wrap>
        <Typography.Text type="secondary" copyable className="huiqi-mono" data-testid="case-number">
          {value.number}
        </Typography.Text>
        <Tag>{typeText(value)}</Tag>
        <StateTag row={value} testId="case-state" />
      </Space>
      <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
        {caseTitle(value, locale)}
      </Typography.Title>
      <Deadline row={value} withStage testId="case-deadline" />
      <DeadlineExplanation lines={value.deadlineExplanation} testId="case-deadline-explanation" />
    </Flex>
  );
}

/** What the handling office asked or answered last, when the enterprise is to act on it. */
function Prompt({ value }: { value: CaseDetail }) {
  const { t } = useI18n();
  const last = (action: string) => [...value.events].reverse().find((e) => e.action === action);
  if (value.state === 'info_requested') {
    const asked = last('request_info');
    return (
      <Alert
        type="warning"
        showIcon
        title={t('myCases.act.infoRequested')}
        description={asked?.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{asked.note}</span> : null}
        data-testid="case-prompt"
      />
    );
  }
  if (value.state === 'replied') {
    const reply = last('reply');
    return (
      <Alert
        type="success"
        showIcon
        title={t('myCases.act.replied')}
        description={reply?.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{reply.note}</span> : null}
        data-testid="case-prompt"
      />
    );
  }
  return null;
}

function Details({ value }: { value: CaseDetail }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const yuan = (amount: number | null) =>
    amount === null ? '—' : t('pay.yuan', { amount: formatMoney(amount, locale) });
  const items: DescriptionsProps['items'] = [];
  if (value.type === 'demand') {
    items.push(
      { key: 'kind', label: t('myCases.detail.kind'), children: label('myCases.kind', value.kind) },
      {
        key: 'category',
        label: t('myCases.detail.category'),
        children: label('myCases.category', value.category),
      },
    );
  } else {
    items.push(
      { key: 'debtor', label: t('myCases.detail.debtor'), children: value.debtor?.name ?? '—' },
      {
        key: 'debtorUscc',
        label: t('myCases.detail.debtorUscc'),
        children: <span className="huiqi-mono">{value.debtor?.uscc ?? '—'}</span>,
      },
      {
        key: 'debtorKind',
        label: t('myCases.detail.debtorKind'),
        children: label('pay.debtor', value.debtor?.kind),
      },
      { key: 'contract', label: t('myCases.detail.contract'), children: value.contractNumber ?? '—' },
      { key: 'amount', label: t('myCases.detail.amount'), children: yuan(value.amount) },
      { key: 'repaid', label: t('myCases.detail.repaid'), children: yuan(value.repaid) },
    );
  }
  items.push({
    key: 'received',
    label: t('myCases.detail.received'),
    children: formatDate(value.receivedOn, locale),
  });
  if (value.acceptedOn)
    items.push({
      key: 'accepted',
      label: t('myCases.detail.accepted'),
      children: formatDate(value.acceptedOn, locale),
    });
  if (value.repliedOn)
    items.push({
      key: 'replied',
      label: t('myCases.detail.replied'),
      children: formatDate(value.repliedOn, locale),
    });
  if (value.closedOn)
    items.push({
      key: 'closed',
      label: t('myCases.detail.closed'),
      children: formatDate(value.closedOn, locale),
    });
  if (value.rating)
    items.push({
      key: 'rating',
      label: t('myCases.detail.rating'),
      children: (
        <Space size={4} wrap>
          <Tag color={value.rating === 'unsatisfied' ? 'red' : 'green'}>
            {label('myCases.rating', value.rating)}
          </Tag>
          {value.ratingNote ? <Typography.Text type="secondary">{value.ratingNote}</Typography.Text> : null}
          {value.reopenedCount > 0 ? (
            <Typography.Text type="secondary">
              {t('myCases.detail.reopened', { count: value.reopenedCount })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    });
  items.push({
    key: 'description',
    label: t('myCases.detail.description'),
    span: 'filled',
    children: <span style={{ whiteSpace: 'pre-wrap' }}>{value.description}</span>,
  });
  const owed = value.type === 'arrears' && value.debtor && (value.amount ?? 0) - value.repaid > 0;
  return (
    <Card
      title={t('myCases.detail.title')}
      extra={
        owed ? (
          <Link to={`/app/my/financing/receivables?case=${value.id}`} data-testid="case-request-confirmation">
            {t('financing.receivable.requestFromCase')}
          </Link>
        ) : null
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} items={items} size="small" data-testid="case-details" />
    </Card>
  );
}

function Figures({ value }: { value: CaseDetail }) {
  const { t, locale } = useI18n();
  const a = value.assessment;
  const figure = (title: string, shown: string, icon: ReactNode, danger: boolean, suffix?: string) => (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={shown}
        suffix={suffix}
        prefix={icon}
        styles={{ content: { color: danger ? '#cf1322' : undefined, fontSize: 20 } }}
      />
    </Card>
  );
  return (
    <Card title={t('myCases.figures.title')} data-testid="case-figures">
      {a ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12}>
            {figure(
              t('pay.dueDate'),
              a.dueDate ? formatDate(a.dueDate, locale) : t('pay.dueUnknown'),
              <CalendarOutlined />,
              false,
            )}
          </Col>
          <Col xs={24} sm={12}>
            {figure(
              t('pay.daysOverdue'),
              formatNumber(a.daysOverdue, locale),
              <ClockCircleOutlined />,
              a.daysOverdue > 0,
              t('pay.unit.days'),
            )}
          </Col>
          <Col xs={24} sm={12}>
            {figure(
              t('pay.interestOwed'),
              formatMoney(a.interestOutstanding, locale),
              <PercentageOutlined />,
              a.interestOutstanding > 0,
              t('pay.unit.yuan'),
            )}
          </Col>
          <Col xs={24} sm={12}>
            {figure(
              t('pay.totalOwed'),
              formatMoney(a.totalOutstanding, locale),
              <WalletOutlined />,
              a.totalOutstanding > 0,
              t('pay.unit.yuan'),
            )}
          </Col>
        </Row>
      ) : (
        <Empty description={t('myCases.figures.none')} />
      )}
    </Card>
  );
}

function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const actor = (e: CaseEvent) => {
    const role = e.actorRole ? label('role', e.actorRole) : t('myCases.actor.system');
    return e.actorName ? `${e.actorName}（${role}）` : role;
  };
  return (
    <Card title={t('myCases.timeline')}>
      {events.length === 0 ? (
        <Empty description={t('myCases.timeline.empty')} />
      ) : (
        <Timeline
          data-testid="case-timeline"
          items={events.map((e) => {
            const rating =
              e.data && typeof e.data === 'object' && 'rating' in e.data ? String(e.data.rating) : null;
            const fileName =
              e.action === 'attach' && e.data && typeof e.data === 'object' && 'fileName' in e.data
                ? String(e.data.fileName)
                : null;
            return {
              key: e.id,
              color: EVENT_COLORS[e.action] ?? 'blue',
              content: (
                <Flex vertical gap={2} data-testid="case-event" data-action={e.action}>
                  <Space size={6} wrap>
                    <Typography.Text strong>{label('myCases.event', e.action)}</Typography.Text>
                    {rating ? <Tag>{label('myCases.rating', rating)}</Tag> : null}
                    {fileName ? <Tag data-testid="case-event-file">{fileName}</Tag> : null}
                    {e.fromState && e.toState && e.fromState !== e.toState ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {`${label('myCases.state', e.fromState)} → ${label('myCases.state', e.toState)}`}
                      </Typography.Text>
                    ) : null}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at, locale)} · {actor(e)}
                  </Typography.Text>
                  {e.action === 'amend_claim' ? <ClaimChange data={e.data} /> : null}
                  {e.note ? (
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                      {e.note}
                    </Typography.Paragraph>
                  ) : null}
                </Flex>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
