/**
 * `/app/procurement/awards/:id`: one award — the contract, its project, the supplier with its registry match and
 * size there, the declared size and role, what it counts for SMEs and for small and micro enterprises — and each item
 * of the winner's 中小企业声明函 as checked: the figures declared, the size declared, the size the standard gives those
 * figures under the tender's industry and the size the registry's figures of that year give, and the findings by
 * name with their detail. Right after recording (`?recorded=1`) it says so.
 */
import { EditOutlined, FileSearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Modal,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, type Size } from '../../api/client.ts';
import { type Award, procurementApi, procurementQueries } from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { SizeTag } from '../../components/SizeTag.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { AwardDrawer } from './AwardDrawer.tsx';
import { DeclarationCard } from './DeclarationCard.tsx';
import { formatShare } from './procurementModel.ts';
import {
  BID_ROLES,
  BIDDER_SIZES,
  BodyNotRegistered,
  DetailHeading,
  isBodyMissing,
  KindTag,
  useTermName,
  Yuan,
} from './procurementParts.tsx';

export default function AwardPage() {
  const { id } = useParams();
  const { user } = useSession();
  const awardId = Number(id);
  const valid = Number.isSafeInteger(awardId) && awardId > 0;
  const award = useApiQuery({ ...procurementQueries.award(valid ? awardId : 0), enabled: valid });
  if (!valid) return <ErrorResult error={new ApiError(404, 'NOT_FOUND', String(id))} />;
  if (isBodyMissing(award.error, user)) return <BodyNotRegistered error={award.error} />;
  if (award.error && !award.data) return <ErrorResult error={award.error} onRetry={award.reload} />;
  if (!award.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <AwardView award={award.data} />;
}

/** A buyer withdraws an award recorded in error: the reason asked, then back to its project (or the awards). */
function WithdrawButton({ award }: { award: Award }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const done = await procurementApi.withdrawAward(award.id, reason.trim());
      setOpen(false);
      navigate(done.projectId ? `/app/procurement/projects/${done.projectId}` : '/app/procurement/awards');
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.errors.length > 0
          ? error.errors.map((e) => e.message).join(t('proc.listSeparator'))
          : error instanceof Error
            ? error.message
            : String(error),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="award-withdraw">
        {t('proc.award.withdraw')}
      </Button>
      <Modal
        open={open}
        title={t('proc.award.withdrawTitle')}
        okText={t('proc.award.withdraw')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy }}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        data-testid="award-withdraw-modal"
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('proc.award.withdrawHelp')}</Typography.Text>
          <Input.TextArea
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={500}
            rows={3}
            placeholder={t('proc.award.withdrawReason')}
            aria-label={t('proc.award.withdrawReason')}
            data-testid="award-withdraw-reason"
          />
          {failure ? (
            <Alert type="error" showIcon title={failure} data-testid="award-withdraw-error" />
          ) : null}
        </Flex>
      </Modal>
    </>
  );
}

/** A buyer corrects an award of their body: the award's form, filled with it, on its project. */
function CorrectButton({ award }: { award: Award }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const projectId = award.projectId ?? 0;
  const project = useApiQuery({ ...procurementQueries.project(projectId), enabled: open && projectId > 0 });
  return (
    <>
      <Button
        icon={<EditOutlined />}
        loading={open && !project.data && !project.error}
        onClick={() => setOpen(true)}
        data-testid="award-correct"
      >
        {t('proc.award.correct')}
      </Button>
      {open && project.error ? (
        <Alert type="error" showIcon title={project.error.message} data-testid="award-correct-error" />
      ) : null}
      {open && project.data ? (
        <AwardDrawer project={project.data} award={award} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

function AwardView({ award }: { award: Award }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const name = useTermName();
  const [params] = useSearchParams();
  const recorded = params.get('recorded') === '1';
  const corrected = params.get('corrected') === '1';
  return (
    <Flex vertical gap={16} data-testid="award-page" data-award={award.id}>
      <DetailHeading
        back="/app/procurement/awards"
        backText={t('proc.awards.back')}
        title={award.title}
        extra={
          user?.role === 'buyer' && award.source === 'huiqi' ? (
            <Space>
              <CorrectButton award={award} />
              <WithdrawButton award={award} />
            </Space>
          ) : null
        }
      />
      {corrected ? (
        <Alert
          type={award.flags.length > 0 ? 'warning' : 'success'}
          showIcon
          title={
            award.flags.length > 0
              ? t('proc.award.correctedFlagged', { count: award.flags.length })
              : t('proc.award.corrected')
          }
          data-testid="award-corrected"
        />
      ) : null}
      {recorded ? (
        <Alert
          type={award.flags.length > 0 ? 'warning' : 'success'}
          showIcon
          title={
            award.flags.length > 0
              ? t('proc.award.recordedFlagged', { count: award.flags.length })
              : t('proc.award.recorded')
          }
          data-testid="award-recorded"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('proc.award.info')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'project',
                  label: t('proc.award.project'),
                  children: award.projectId ? (
                    <Link to={`/app/procurement/projects/${award.projectId}`}>
                      {award.projectName ?? `#${award.projectId}`}
                    </Link>
                  ) : (
                    '—'
                  ),
                },
                { key: 'body', label: t('proc.project.body'), children: award.bodyName },
                {
                  key: 'kind',
                  label: t('proc.field.kind'),
                  children: (
                    <Space size={4}>
                      <KindTag kind={award.kind} />
                      {award.suitedToSmes ? null : <Tag>{t('proc.award.notSuited')}</Tag>}
                      {award.reserved ? <Tag color="green">{t('proc.award.inReserved')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  key: 'date',
                  label: t('proc.award.awardedOn'),
                  children: formatDate(award.awardedOn, locale),
                },
                { key: 'amount', label: t('proc.award.amount'), children: <Yuan value={award.amount} /> },
                {
                  key: 'source',
                  label: t('proc.award.source'),
                  children: t(`proc.award.source.${award.source}`),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('proc.award.supplier')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'name',
                  label: t('proc.award.supplierName'),
                  children: <span data-testid="award-supplier-name">{award.supplierName}</span>,
                },
                {
                  key: 'uscc',
                  label: t('proc.award.supplierUscc'),
                  children: award.supplierUscc ? (
                    <Typography.Text copyable className="huiqi-mono">
                      {award.supplierUscc}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
                },
                {
                  key: 'registry',
                  label: t('proc.award.registrySize'),
                  children:
                    award.enterpriseId === null ? (
                      <Typography.Text type="secondary">{t('proc.award.notInRegistry')}</Typography.Text>
                    ) : (
                      <Space size={4} wrap>
                        <SizeTag size={award.registrySize as Size | null} testId="award-registry-size" />
                        <Typography.Text
                          type="secondary"
                          style={{ fontSize: 12 }}
                          data-testid="award-registry-when"
                        >
                          {award.registryFiguresYear === null
                            ? t('proc.award.registryAsRecorded', {
                                at: formatDateTime(award.registryCheckedAt, locale),
                              })
                            : t('proc.award.registryAsChecked', {
                                year: award.registryFiguresYear,
                                at: formatDateTime(award.registryCheckedAt, locale),
                              })}
                        </Typography.Text>
                      </Space>
                    ),
                },
                {
                  key: 'declared',
                  label: t('proc.award.declaredSize'),
                  children: name(BIDDER_SIZES, award.declaredSize),
                },
                {
                  key: 'role',
                  label: t('proc.award.role'),
                  children: `${name(BID_ROLES, award.role)}${award.smallMicroShare ? `${t('proc.colon')}${t('proc.award.shareOf', { share: formatShare(award.smallMicroShare) })}` : ''}`,
                },
                {
                  key: 'sme',
                  label: t('proc.award.countsSme'),
                  children: <Yuan value={award.smeAmount} testId="award-sme-amount" />,
                },
                {
                  key: 'smallMicro',
                  label: t('proc.award.countsSmallMicro'),
                  children: <Yuan value={award.smallMicroAmount} testId="award-small-micro-amount" />,
                },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('proc.award.countsHelp')}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card
        title={
          <span>
            <FileSearchOutlined style={{ color: '#1458c4' }} />{' '}
            {t('proc.award.declarationsTitle', { count: award.declarations.length })}
          </span>
        }
      >
        {award.flags.includes('no_declaration') ? (
          <Alert
            type="warning"
            showIcon
            title={t('proc.award.noDeclarationFlagged')}
            style={{ marginBottom: 12 }}
            data-testid="award-no-declaration-flag"
          />
        ) : null}
        {award.declarations.length === 0 ? (
          <Empty
            description={t(
              award.declaredSize === 'large' ? 'proc.award.noDeclarationsLarge' : 'proc.award.noDeclarations',
            )}
          />
        ) : (
          <Flex vertical gap={16}>
            {award.declarations.map((declaration, index) => (
              <DeclarationCard key={declaration.id} declaration={declaration} index={index} />
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
