/**
 * `/app/cases/:id` (officials, admins): one demand or overdue-payment complaint — its header with state and
 * deadline, the details (for arrears the debtor, contract and the calculator's figures as of today), the timeline
 * of what happened, and the actions an official may take in the current state, each in a small modal.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, type CaseDetail, type CaseHandler, type Department } from '../../api/client.ts';
import { ErrorResult, NotFoundResult } from '../../components/ErrorResult.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatDecimal, formatNumber } from '../../lib/format.ts';
import { apiQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { ClaimChange } from '../my-cases/ClaimAmendment.tsx';
import { CaseActionModal } from './CaseActionModal.tsx';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseSupervisionPanel, DebtorAnswers } from './CaseSupervisionPanel.tsx';
import { CaseStateTag, Deadline, DeadlineExplanation } from './CaseTags.tsx';
import { caseLabel, caseTitle, type OfficialAction, shownActions } from './caseModel.ts';

export default function CasePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const loaded = useApiQuery({ ...apiQuery('/api/cases/:id', { params: { id } }), enabled: valid });
  const handlers = useApiQuery({
    ...apiQuery('/api/cases/:id/handlers', { params: { id } }),
    enabled: valid,
  });
  const departments = useApiQuery(referenceQuery('/api/departments', { anonymousOk: true }));
  const [action, setAction] = useState<OfficialAction | null>(null);
  if (!valid) return <CaseMissing message={t('caseAdmin.missing.id', { id: params.id ?? '' })} />;

  const detail = loaded.data && loaded.data.id === id ? loaded.data : undefined;
  const reload = () => {
    loaded.reload();
    handlers.reload();
  };

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/app/cases'))}
          aria-label={t('caseAdmin.back')}
          data-testid="case-back"
        />
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {detail ? detail.number : t('caseAdmin.detail.title')}
        </Typography.Title>
      </Flex>
      {loaded.error && !detail ? (
        // A case that does not exist or is not the caller's to see: say so, nothing to retry.
        loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 403) ? (
          <CaseMissing message={t('caseAdmin.notFound')} />
        ) : (
          <ErrorResult error={loaded.error} onRetry={reload} />
        )
      ) : detail ? (
        <>
          <CaseView
            detail={detail}
            handlers={handlers.data}
            departments={departments.data}
            reloading={loaded.loading}
            onReload={reload}
            onAct={setAction}
          />
          <CaseActionModal
            detail={detail}
            action={action}
            handlers={handlers.data}
            handlersLoading={handlers.loading}
            departments={departments.data}
            onClose={() => setAction(null)}
            onDone={() => {
              setAction(null);
              reload();
            }}
          />
        </>
      ) : (
        <Skeleton active paragraph={{ rows: 10 }} />
      )}
    </Flex>
  );
}

/** A case that does not exist or is not the caller's to see: what is missing, and the way back (no retry). */
function CaseMissing({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <NotFoundResult
      title={message}
      testId="case-missing"
      back={{ to: '/app/cases', label: t('caseAdmin.missing.back') }}
    />
  );
}

interface CaseViewProps {
  detail: CaseDetail;
  handlers: CaseHandler[] | undefined;
  departments: Department[] | undefined;
  reloading: boolean;
  onReload: () => void;
  onAct: (action: OfficialAction) => void;
}

function CaseView({ detail, handlers, departments, reloading, onReload, onAct }: CaseViewProps) {
  const { t, locale, name } = useI18n();
  const actions = shownActions(detail.allowedActions);
  const departmentName = (code: string | null | undefined) => {
    if (!code) return '—';
    const found = departments?.find((d) => d.code === code);
    return found ? name(found) : code;
  };
  const handlerName = (userId: number | null | undefined) => {
    if (userId === null || userId === undefined) return null;
    return handlers?.find((h) => h.id === userId)?.displayName ?? `#${userId}`;
  };
  const a = detail.assessment;

  return (
    <Flex vertical gap={16} data-testid="case-detail" data-version={detail.version}>
      <Card>
        <Flex justify="space-between" align="start" wrap gap={12}>
          <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Space wrap size={8}>
              <Typography.Text className="huiqi-mono" type="secondary">
                {detail.number}
              </Typography.Text>
              <Tag>{caseLabel(t, 'type', detail.type)}</Tag>
              <CaseStateTag state={detail.state} testId="case-state" />
            </Space>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-title">
              {caseTitle(detail, locale)}
            </Typography.Title>
            <Space wrap size={8}>
              <Typography.Text type="secondary">{t('caseAdmin.detail.deadline')}</Typography.Text>
              <Deadline
                deadline={detail.deadline}
                status={detail.clockStatus}
                stage={detail.clockStage}
                testId="case-deadline"
              />
            </Space>
            <DeadlineExplanation lines={detail.deadlineExplanation} testId="case-deadline-explanation" />
          </Flex>
          <Button icon={<ReloadOutlined />} onClick={onReload} loading={reloading}>
            {t('common.reload')}
          </Button>
        </Flex>
        <Flex vertical gap={8} style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('caseAdmin.actions.title')}</Typography.Text>
          {actions.length > 0 ? (
            <Space wrap>
              {actions.map((action) => (
                <Button
                  key={action}
                  type={action === actions[0] && action !== 'comment' ? 'primary' : 'default'}
                  danger={action === 'return'}
                  onClick={() => onAct(action)}
                  data-testid={`case-act-${action}`}
                >
                  {caseLabel(t, 'action', action)}
                </Button>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('caseAdmin.actions.none')}</Typography.Text>
          )}
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('caseAdmin.detail.title')} size="small">
              <Descriptions
                column={{ xs: 1, sm: 2 }}
                size="small"
                items={[
                  {
                    key: 'type',
                    label: t('caseAdmin.detail.type'),
                    children: caseLabel(t, 'type', detail.type),
                  },
                  ...(detail.kind
                    ? [
                        {
                          key: 'kind',
                          label: t('caseAdmin.detail.kind'),
                          children: caseLabel(t, 'kind', detail.kind),
                        },
                      ]
                    : []),
                  {
                    key: 'category',
                    label: t('caseAdmin.detail.category'),
                    children: caseLabel(t, 'category', detail.category),
                  },
                  {
                    key: 'enterprise',
                    label: t('caseAdmin.detail.enterprise'),
                    children: (
                      <Link to={`/app/enterprises/${detail.enterpriseId}`} data-testid="case-enterprise">
                        {detail.enterpriseName ?? t('caseAdmin.enterprise', { id: detail.enterpriseId })}
                      </Link>
                    ),
                  },
                  {
                    key: 'region',
                    label: t('caseAdmin.detail.region'),
                    children: <RegionName code={detail.regionCode} full />,
                  },
                  {
                    key: 'department',
                    label: t('caseAdmin.detail.department'),
                    children: departmentName(detail.departmentCode),
                  },
                  {
                    key: 'assignee',
                    label: t('caseAdmin.detail.assignee'),
                    children: handlerName(detail.assigneeId) ?? (
                      <Typography.Text type="secondary">{t('caseAdmin.detail.unassigned')}</Typography.Text>
                    ),
                  },
                  {
                    key: 'received',
                    label: t('caseAdmin.detail.received'),
                    children: formatDate(detail.receivedOn, locale),
                  },
                  {
                    key: 'accepted',
                    label: t('caseAdmin.detail.accepted'),
                    children: formatDate(detail.acceptedOn, locale),
                  },
                  {
                    key: 'replied',
                    label: t('caseAdmin.detail.replied'),
                    children: formatDate(detail.repliedOn, locale),
                  },
                  ...(detail.closedOn
                    ? [
                        {
                          key: 'closed',
                          label: t('caseAdmin.detail.closed'),
                          children: formatDate(detail.closedOn, locale),
                        },
                      ]
                    : []),
                  ...(detail.rating
                    ? [
                        {
                          key: 'rating',
                          label: t('caseAdmin.detail.rating'),
                          children: (
                            <span>
                              {caseLabel(t, 'rating', detail.rating)}
                              {detail.ratingNote ? `：${detail.ratingNote}` : ''}
                            </span>
                          ),
                        },
                      ]
                    : []),
                  ...(detail.mergedInto
                    ? [
                        {
                          key: 'mergedInto',
                          label: t('caseAdmin.detail.mergedInto'),
                          children: <Link to={`/app/cases/${detail.mergedInto}`}>#{detail.mergedInto}</Link>,
                        },
                      ]
                    : []),
                  ...(detail.reopenedCount > 0
                    ? [
                        {
                          key: 'reopened',
                          label: t('caseAdmin.event.reopen'),
                          children: t('caseAdmin.detail.reopened', { count: detail.reopenedCount }),
                        },
                      ]
                    : []),
                ]}
              />
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
                {t('caseAdmin.detail.description')}
              </Typography.Text>
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}
                data-testid="case-description"
              >
                {detail.description}
              </Typography.Paragraph>
            </Card>

            {detail.type === 'arrears' ? (
              <Card title={t('caseAdmin.arrears.title')} size="small" data-testid="case-arrears">
                <Descriptions
                  column={{ xs: 1, sm: 2 }}
                  size="small"
                  items={[
                    {
                      key: 'debtor',
                      label: t('caseAdmin.arrears.debtor'),
                      children: detail.debtor?.name ?? '—',
                    },
                    {
                      key: 'uscc',
                      label: t('caseAdmin.arrears.debtorUscc'),
                      children: <span className="huiqi-mono">{detail.debtor?.uscc ?? '—'}</span>,
                    },
                    {
                      key: 'kind',
                      label: t('caseAdmin.arrears.debtorKind'),
                      children: caseLabel(t, 'debtorKind', detail.debtor?.kind),
                    },
                    {
                      key: 'contract',
                      label: t('caseAdmin.arrears.contract'),
                      children: detail.contractNumber ?? '—',
                    },
                    {
                      key: 'amount',
                      label: t('caseAdmin.arrears.amount'),
                      children: formatDecimal(detail.amount, locale),
                    },
                    {
                      key: 'repaid',
                      label: t('caseAdmin.arrears.repaid'),
                      children: formatDecimal(detail.repaid, locale),
                    },
                  ]}
                />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('caseAdmin.arrears.assessment')}
                </Typography.Title>
                {a ? (
                  <Descriptions
                    column={{ xs: 1, sm: 2 }}
                    size="small"
                    bordered
                    data-testid="case-assessment"
                    items={[
                      {
                        key: 'due',
                        label: t('caseAdmin.arrears.dueDate'),
                        children: formatDate(a.dueDate, locale),
                      },
                      {
                        key: 'overdue',
                        label: t('caseAdmin.arrears.daysOverdue'),
                        children: (
                          <Typography.Text type={a.daysOverdue > 0 ? 'danger' : undefined}>
                            {t('caseAdmin.arrears.days', { days: formatNumber(a.daysOverdue, locale) })}
                          </Typography.Text>
                        ),
                      },
                      {
                        key: 'principal',
                        label: t('caseAdmin.arrears.principal'),
                        children: formatDecimal(a.principalOutstanding, locale),
                      },
                      {
                        key: 'interest',
                        label: t('caseAdmin.arrears.interest'),
                        children: formatDecimal(a.interestOutstanding, locale),
                      },
                      {
                        key: 'total',
                        label: t('caseAdmin.arrears.total'),
                        span: 'filled',
                        children: (
                          <Typography.Text strong>
                            {formatDecimal(a.totalOutstanding, locale)}
                          </Typography.Text>
                        ),
                      },
                    ]}
                  />
                ) : (
                  <Typography.Text type="secondary">{t('caseAdmin.arrears.noAssessment')}</Typography.Text>
                )}
              </Card>
            ) : null}
            <DebtorAnswers detail={detail} />
            <CaseAttachments caseId={detail.id} refreshKey={detail.version} onUploaded={onReload} />
          </Flex>
        </Col>

        <Col xs={24} xl={10}>
          <CaseSupervisionPanel detail={detail} onChanged={onReload} />
          <Card title={t('caseAdmin.timeline.title')} size="small" style={{ marginTop: 16 }}>
            <CaseTimeline detail={detail} handlerName={handlerName} departmentName={departmentName} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

const EVENT_COLORS: Record<string, string> = {
  submit: 'blue',
  accept: 'green',
  reply: 'green',
  close: 'green',
  return: 'red',
  request_info: 'orange',
  extend: 'orange',
  reopen: 'red',
  amend_claim: 'orange',
};

function CaseTimeline({
  detail,
  handlerName,
  departmentName,
}: {
  detail: CaseDetail;
  handlerName: (id: number | null | undefined) => string | null;
  departmentName: (code: string | null | undefined) => string;
}) {
  const { t, locale } = useI18n();
  if (detail.events.length === 0)
    return (
      <div data-testid="case-timeline">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseAdmin.timeline.empty')} />
      </div>
    );
  return (
    <div data-testid="case-timeline">
      <Timeline
        items={detail.events.map((event) => {
          const data = (event.data ?? {}) as {
            days?: number;
            assigneeId?: number;
            mergeInto?: number;
            rating?: string;
            fileName?: string;
            to?: { departmentCode?: string; regionCode?: string };
          };
          const extra =
            event.action === 'extend' && data.days
              ? t('caseAdmin.event.extendDays', { days: data.days })
              : event.action === 'assign' && data.assigneeId
                ? handlerName(data.assigneeId)
                : event.action === 'rate' && data.rating
                  ? caseLabel(t, 'rating', data.rating)
                  : event.action === 'attach' && data.fileName
                    ? data.fileName
                    : null;
          const actor =
            event.actorName ??
            (event.actorRole && event.actorRole !== 'system'
              ? event.actorRole
              : t('caseAdmin.timeline.system'));
          return {
            key: event.id,
            color: EVENT_COLORS[event.action] ?? 'gray',
            content: (
              <Flex vertical gap={2} data-testid={`case-event-${event.action}`}>
                <Space wrap size={6}>
                  <Typography.Text strong>{caseLabel(t, 'event', event.action)}</Typography.Text>
                  {event.fromState && event.toState && event.fromState !== event.toState ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {caseLabel(t, 'state', event.fromState)} → {caseLabel(t, 'state', event.toState)}
                    </Typography.Text>
                  ) : null}
                  {extra ? <Tag>{extra}</Tag> : null}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at, locale)} · {actor}
                </Typography.Text>
                {event.action === 'transfer' && data.to ? (
                  <Typography.Text style={{ fontSize: 12 }}>
                    → {departmentName(data.to.departmentCode)}
                    {data.to.regionCode ? (
                      <>
                        {' · '}
                        <RegionName code={data.to.regionCode} full />
                      </>
                    ) : null}
                  </Typography.Text>
                ) : null}
                {event.action === 'merge' && data.mergeInto ? (
                  <Link to={`/app/cases/${data.mergeInto}`}>#{data.mergeInto}</Link>
                ) : null}
                {event.action === 'amend_claim' ? <ClaimChange data={event.data} /> : null}
                {event.note ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {locale === 'en' && event.noteEn ? event.noteEn : event.note}
                  </Typography.Paragraph>
                ) : null}
              </Flex>
            ),
          };
        })}
      />
    </div>
  );
}
