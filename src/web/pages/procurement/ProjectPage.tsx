/**
 * `/app/procurement/projects/:id`: one project of a plan — what it is, what the rules in force on its announcement
 * date require, what the plan reserves and where it falls short (each shortfall on its field), and its awards. Its
 * buyer edits it, cancels it while it has no awards (sending the version read), and records an award (登记成交结果)
 * with the winner's declarations; a supervising official reads it.
 */
import { EditOutlined, FileAddOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type AwardRow, type Project, procurementApi, procurementQueries } from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { AwardDrawer } from './AwardDrawer.tsx';
import { formatShare } from './procurementModel.ts';
import {
  AwardFlags,
  BID_ROLES,
  BIDDER_SIZES,
  BodyNotRegistered,
  DetailHeading,
  EXEMPTIONS,
  isBodyMissing,
  KindTag,
  ProjectStateTag,
  RESERVATION_WAYS,
  RequirementView,
  useTermName,
  useText,
  Yuan,
} from './procurementParts.tsx';

export default function ProjectPage() {
  const { id } = useParams();
  const { user } = useSession();
  const projectId = Number(id);
  const valid = Number.isSafeInteger(projectId) && projectId > 0;
  const project = useApiQuery({ ...procurementQueries.project(valid ? projectId : 0), enabled: valid });
  if (!valid) return <ErrorResult error={new ApiError(404, 'NOT_FOUND', String(id))} />;
  if (isBodyMissing(project.error, user)) return <BodyNotRegistered error={project.error} />;
  if (project.error && !project.data) return <ErrorResult error={project.error} onRetry={project.reload} />;
  if (!project.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <ProjectView project={project.data} reload={project.reload} />;
}

function ProjectView({ project, reload }: { project: Project; reload: () => void }) {
  const { t, locale } = useI18n();
  const text = useText();
  const name = useTermName();
  const { modal, message } = AntApp.useApp();
  const navigate = useNavigate();
  const { user } = useSession();
  const buyer = user?.role === 'buyer';
  const [recording, setRecording] = useState(false);
  const awards = useApiQuery(procurementQueries.awards({ projectId: project.id, pageSize: 100 }), {
    keepPrevious: true,
  });
  const cancelled = project.state === 'cancelled';
  const shortOf = (field: string) => project.shortfalls.filter((s) => s.field === field);

  const cancel = () =>
    modal.confirm({
      title: t('proc.project.cancelTitle', { name: project.name }),
      content: t('proc.project.cancelText'),
      okText: t('proc.project.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'project-cancel-ok' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await procurementApi.cancelProject(project.id, project.version);
          void message.success(t('proc.project.cancelled'));
        } catch (error) {
          void message.error(error instanceof Error ? error.message : String(error));
        } finally {
          reload();
        }
      },
    });

  const reservationItem = (field: 'reservedAmount' | 'smallMicroReserved', value: string) => ({
    key: field,
    label: t(`proc.field.${field}`),
    children: (
      <Flex vertical gap={4}>
        <Yuan value={value} testId={`project-${field}`} />
        {shortOf(field).map((s) => (
          <Alert
            key={s.field + text(s.message)}
            type="warning"
            showIcon
            title={text(s.message)}
            data-testid="project-shortfall"
            data-field={s.field}
          />
        ))}
      </Flex>
    ),
  });

  const columns: TableColumnsType<AwardRow> = [
    {
      title: t('proc.award.awardedOn'),
      dataIndex: 'awardedOn',
      width: 130,
      render: (date: string, award) => (
        <Link to={`/app/procurement/awards/${award.id}`} data-testid={`award-link-${award.id}`}>
          {formatDate(date, locale)}
        </Link>
      ),
    },
    {
      title: t('proc.award.supplierName'),
      key: 'supplier',
      render: (_, award) => (
        <Flex vertical gap={0}>
          <span>{award.supplierName}</span>
          {award.supplierUscc ? (
            <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
              {award.supplierUscc}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('proc.award.amount'),
      dataIndex: 'amount',
      align: 'right',
      width: 170,
      render: (amount: string) => <Yuan value={amount} compact />,
    },
    {
      title: t('proc.award.declaredSize'),
      key: 'size',
      width: 150,
      render: (_, award) => (
        <Flex vertical gap={0}>
          <span>{name(BIDDER_SIZES, award.declaredSize)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name(BID_ROLES, award.role)}
            {award.smallMicroShare ? ` · ${formatShare(award.smallMicroShare)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('proc.award.flags'),
      key: 'flags',
      width: 220,
      render: (_, award) => <AwardFlags award={award} />,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="project-page" data-project={project.id}>
      <DetailHeading
        back="/app/procurement/projects"
        backText={t('proc.projects.back')}
        title={project.name}
        extra={
          buyer && !cancelled ? (
            <Space wrap>
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                onClick={() => setRecording(true)}
                data-testid="project-record-award"
              >
                {t('proc.award.record')}
              </Button>
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/app/procurement/projects/${project.id}/edit`)}
                data-testid="project-edit"
              >
                {t('common.edit')}
              </Button>
              {project.awards === 0 ? (
                <Button danger icon={<StopOutlined />} onClick={cancel} data-testid="project-cancel">
                  {t('proc.project.cancel')}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      />
      <Space wrap>
        <ProjectStateTag state={project.state} />
        <KindTag kind={project.kind} />
        <Typography.Text type="secondary" className="huiqi-mono">
          {project.planYear} · {project.code}
        </Typography.Text>
      </Space>
      {project.shortfalls.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('proc.project.shortTitle', { count: project.shortfalls.length })}
          description={t(buyer ? 'proc.project.shortHelpBuyer' : 'proc.project.shortHelp')}
          data-testid="project-short"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card title={t('proc.project.info')}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'body', label: t('proc.project.body'), children: project.bodyName },
                  {
                    key: 'region',
                    label: t('proc.body.region'),
                    children: <RegionName code={project.regionCode} full />,
                  },
                  { key: 'budget', label: t('proc.field.budget'), children: <Yuan value={project.budget} /> },
                  {
                    key: 'date',
                    label: t('proc.field.announcementDate'),
                    children: formatDate(project.announcementDate, locale),
                  },
                  {
                    key: 'suited',
                    label: t('proc.field.suitedToSmes'),
                    children: project.suitedToSmes
                      ? t('proc.field.suited.yes')
                      : `${t('proc.field.suited.no')}${t('proc.colon')}${name(EXEMPTIONS, project.exemption)}${project.exemptionNote ? `（${project.exemptionNote}）` : ''}`,
                  },
                  {
                    key: 'quota',
                    label: t('proc.field.quota'),
                    children: project.quota ? <Yuan value={project.quota} /> : t('proc.project.noQuota'),
                  },
                  ...(project.note
                    ? [{ key: 'note', label: t('proc.field.note'), children: project.note }]
                    : []),
                  {
                    key: 'updated',
                    label: t('proc.project.updatedAt'),
                    children: formatDateTime(project.updatedAt, locale),
                  },
                ]}
              />
            </Card>
            <Card title={t('proc.project.reservation')} data-testid="project-reservation">
              {project.suitedToSmes ? (
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    {
                      key: 'way',
                      label: t('proc.field.way'),
                      children: project.way ? name(RESERVATION_WAYS, project.way) : t('proc.form.noWay'),
                    },
                    reservationItem('reservedAmount', project.reservedAmount),
                    reservationItem('smallMicroReserved', project.smallMicroReserved),
                    ...(project.partnerShare
                      ? [
                          {
                            key: 'partnerShare',
                            label: t('proc.field.partnerShare'),
                            children: formatShare(project.partnerShare),
                          },
                        ]
                      : []),
                  ]}
                />
              ) : (
                <Typography.Text type="secondary">{t('proc.project.notSuited')}</Typography.Text>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('proc.project.requirementTitle')}>
            <RequirementView requirement={project.requirement} testId="project-requirement" />
          </Card>
        </Col>
      </Row>
      <Card
        title={t('proc.project.awardsTitle', { count: project.awards })}
        extra={
          project.awards > 0 ? (
            <Typography.Text>
              {t('proc.project.awardedTotal')} <Yuan value={project.awarded} compact />
            </Typography.Text>
          ) : null
        }
        styles={{ body: { padding: 0 } }}
      >
        <LoadError error={awards.error} onRetry={awards.reload} style={{ margin: 16 }} />
        <Table<AwardRow>
          rowKey="id"
          columns={columns}
          dataSource={awards.data?.items ?? []}
          loading={awards.loading}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{
            emptyText: awards.loading ? (
              ' '
            ) : (
              <Empty description={t('proc.project.noAwards')}>
                {buyer && !cancelled ? (
                  <Button type="primary" onClick={() => setRecording(true)}>
                    {t('proc.award.record')}
                  </Button>
                ) : null}
              </Empty>
            ),
          }}
          data-testid="project-awards"
        />
      </Card>
      {recording ? <AwardDrawer project={project} onClose={() => setRecording(false)} /> : null}
    </Flex>
  );
}
