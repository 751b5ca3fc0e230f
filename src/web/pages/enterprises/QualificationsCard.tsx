/**
 * An enterprise's qualifications (资质) on the officials' detail page: each with its evidence (certificate number,
 * issuing body, link), its validity and whether it counts today; officials in scope record one (names from
 * src/reference/certifications.ts offered, others accepted) and end one from a date with the reason. An ended one
 * stays listed, greyed, with when, by whom and why.
 */
import { CheckCircleOutlined, ClockCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { CERTIFICATION_NAMES } from '../../../reference/certifications.ts';
import type { Certification, EnterpriseDetail } from '../../api/client.ts';
import { type QualificationInput, qualificationsApi } from '../../api/registry.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { sourceText } from '../../lib/figures.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';

type State = 'valid' | 'expired' | 'pending' | 'ended';

/** Today as 'YYYY-MM-DD' in local time. */
function todayText(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function stateOf(cert: Certification, today: string): State {
  if (cert.endedOn) return 'ended';
  if (cert.validTo && cert.validTo.slice(0, 10) < today) return 'expired';
  if (cert.validFrom.slice(0, 10) > today) return 'pending';
  return 'valid';
}

interface AddValues {
  name: string;
  certificateNumber: string;
  issuingBody: string;
  validFrom: string;
  validTo?: string;
  evidenceUrl?: string;
  note?: string;
}

interface EndValues {
  endedOn: string;
  reason: string;
}

const ADD_FIELDS = [
  'name',
  'certificateNumber',
  'issuingBody',
  'validFrom',
  'validTo',
  'evidenceUrl',
  'note',
];

/** Keeps Enter in a field from closing a dialog half filled (it moves on instead, like Tab). */
function enterMovesOn(event: React.KeyboardEvent<HTMLFormElement>) {
  const target = event.target as HTMLElement;
  if (event.key !== 'Enter' || target.tagName !== 'INPUT') return;
  event.preventDefault();
  const fields = [...event.currentTarget.querySelectorAll<HTMLElement>('input, textarea')];
  fields[fields.indexOf(target) + 1]?.focus();
}

interface QualificationsCardProps {
  detail: EnterpriseDetail;
  /** Whether the viewer may record and end qualifications (officials in scope, admins). */
  canEdit: boolean;
  onChanged: (detail: EnterpriseDetail) => void;
}

export function QualificationsCard({ detail, canEdit, onChanged }: QualificationsCardProps) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const today = todayText();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Certification | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [addForm] = Form.useForm<AddValues>();
  const [endForm] = Form.useForm<EndValues>();

  const rows = useMemo(() => {
    const order: Record<State, number> = { valid: 0, pending: 1, expired: 2, ended: 3 };
    return [...detail.certifications].sort(
      (a, b) => order[stateOf(a, today)] - order[stateOf(b, today)] || b.validFrom.localeCompare(a.validFrom),
    );
  }, [detail.certifications, today]);

  const stateTag = (state: State) =>
    state === 'valid' ? (
      <Tag color="green" icon={<CheckCircleOutlined />}>
        {t('cert.valid')}
      </Tag>
    ) : state === 'pending' ? (
      <Tag color="blue" icon={<ClockCircleOutlined />}>
        {t('cert.pending')}
      </Tag>
    ) : state === 'ended' ? (
      <Tag color="red" icon={<StopOutlined />}>
        {t('qualification.ended')}
      </Tag>
    ) : (
      <Tag icon={<StopOutlined />}>{t('cert.expired')}</Tag>
    );

  const close = () => {
    setAdding(false);
    setEnding(null);
    setFailure(null);
    addForm.resetFields();
    endForm.resetFields();
  };

  const submitAdd = async (values: AddValues) => {
    setSaving(true);
    setFailure(null);
    try {
      const body: QualificationInput = {
        name: values.name.trim(),
        certificateNumber: values.certificateNumber.trim(),
        issuingBody: values.issuingBody.trim(),
        validFrom: values.validFrom,
        validTo: values.validTo || null,
        evidenceUrl: values.evidenceUrl?.trim() || null,
        note: values.note?.trim() || null,
      };
      onChanged(await qualificationsApi.add(detail.id, body));
      message.success(t('qualification.added', { name: body.name }));
      close();
    } catch (error) {
      const unmatched = applyFieldErrors(addForm, error, ADD_FIELDS);
      setFailure(unmatched.length > 0 || !(error instanceof Error) ? unmatched.join('；') : error.message);
    } finally {
      setSaving(false);
    }
  };

  const submitEnd = async (values: EndValues) => {
    if (!ending) return;
    setSaving(true);
    setFailure(null);
    try {
      onChanged(
        await qualificationsApi.end(detail.id, ending.id, {
          endedOn: values.endedOn,
          reason: values.reason.trim(),
        }),
      );
      message.success(t('qualification.endedDone', { name: ending.name }));
      close();
    } catch (error) {
      const unmatched = applyFieldErrors(endForm, error, ['endedOn', 'reason']);
      setFailure(unmatched.length > 0 || !(error instanceof Error) ? unmatched.join('；') : error.message);
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [
    { required: true, whitespace: true, message: t('form.required', { field: label }) },
  ];

  return (
    <Card
      title={t('detail.certifications')}
      extra={
        canEdit ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="qualification-add">
            {t('qualification.add')}
          </Button>
        ) : null
      }
    >
      <Table<Certification>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: t('detail.noCertifications') }}
        data-testid="enterprise-certifications"
        onRow={(row) => {
          const state = stateOf(row, today);
          return {
            style: state === 'expired' || state === 'ended' ? { color: '#8c8c8c' } : undefined,
            'data-expired': state === 'expired' ? 'true' : 'false',
            'data-state': state,
          } as React.HTMLAttributes<HTMLElement>;
        }}
        columns={[
          {
            key: 'name',
            title: t('cert.name'),
            dataIndex: 'name',
            width: 190,
            ellipsis: { showTitle: true },
          },
          {
            key: 'number',
            title: t('qualification.certificateNumber'),
            width: 170,
            ellipsis: { showTitle: true },
            render: (_, row) => row.certificateNumber ?? t('common.empty'),
          },
          {
            key: 'issuer',
            title: t('qualification.issuingBody'),
            ellipsis: { showTitle: true },
            render: (_, row) => row.issuingBody ?? t('common.empty'),
          },
          {
            key: 'validity',
            title: t('cert.validity'),
            width: 230,
            render: (_, row) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {t('cert.range', {
                  from: formatDate(row.validFrom, locale),
                  to:
                    (row.issuedValidTo ?? row.validTo)
                      ? formatDate(row.endedOn ? row.issuedValidTo : row.validTo, locale)
                      : t('cert.openEnded'),
                })}
              </span>
            ),
          },
          {
            key: 'status',
            title: t('cert.status'),
            width: 250,
            render: (_, row) => {
              const state = stateOf(row, today);
              if (state !== 'ended') return stateTag(state);
              const detailText = t('qualification.endedDetail', {
                date: formatDate(row.endedOn, locale),
                by: row.endedBy ?? t('common.empty'),
                at: formatDateTime(row.endedAt, locale),
                reason: row.endReason ?? '',
              });
              return (
                <Tooltip title={detailText}>
                  <span data-testid={`qualification-ended-${row.id}`} style={{ whiteSpace: 'nowrap' }}>
                    {stateTag(state)}
                    {t('qualification.endedOn', { date: formatDate(row.endedOn, locale) })}
                  </span>
                </Tooltip>
              );
            },
          },
          {
            key: 'evidence',
            title: t('qualification.evidence'),
            width: 140,
            ellipsis: true,
            render: (_, row) => {
              const source = sourceText(row.source, t);
              const title = [
                row.recordedBy ? t('qualification.recordedBy', { name: row.recordedBy }) : source,
                row.note,
              ]
                .filter(Boolean)
                .join(' · ');
              return (
                <Tooltip title={title}>
                  {row.evidenceUrl ? (
                    <Typography.Link href={row.evidenceUrl} target="_blank" rel="noopener noreferrer">
                      {t('qualification.evidenceLink')}
                    </Typography.Link>
                  ) : (
                    <span>{row.recordedBy ?? source}</span>
                  )}
                </Tooltip>
              );
            },
          },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 90,
                  render: (_: unknown, row: Certification) =>
                    stateOf(row, today) === 'valid' || stateOf(row, today) === 'pending' ? (
                      <Button
                        size="small"
                        danger
                        onClick={() => {
                          setEnding(row);
                          endForm.setFieldsValue({ endedOn: today, reason: '' });
                        }}
                        data-testid={`qualification-end-${row.id}`}
                      >
                        {t('qualification.end')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />

      <Modal
        open={adding}
        title={t('qualification.addTitle', { name: detail.name })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => addForm.submit()}
        onCancel={close}
        destroyOnHidden
        width={640}
        okButtonProps={{ 'data-testid': 'qualification-save' }}
      >
        <Form<AddValues>
          form={addForm}
          layout="vertical"
          onFinish={(values) => void submitAdd(values)}
          onKeyDown={enterMovesOn}
          data-testid="qualification-form"
        >
          <Form.Item name="name" label={t('cert.name')} rules={required(t('cert.name'))}>
            <AutoComplete
              options={CERTIFICATION_NAMES.map((value) => ({ value }))}
              placeholder={t('qualification.namePlaceholder')}
              data-testid="qualification-name"
            />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name="certificateNumber"
                label={t('qualification.certificateNumber')}
                rules={required(t('qualification.certificateNumber'))}
              >
                <Input maxLength={100} data-testid="qualification-number" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="issuingBody"
                label={t('qualification.issuingBody')}
                rules={required(t('qualification.issuingBody'))}
              >
                <Input maxLength={200} data-testid="qualification-issuer" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="validFrom"
                label={t('qualification.validFrom')}
                rules={required(t('qualification.validFrom'))}
              >
                <Input type="date" data-testid="qualification-valid-from" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="validTo"
                label={`${t('qualification.validTo')}${t('common.optional')}`}
                extra={t('qualification.validToHelp')}
              >
                <Input type="date" data-testid="qualification-valid-to" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="evidenceUrl"
            label={`${t('qualification.evidenceUrl')}${t('common.optional')}`}
            rules={[{ pattern: /^https?:\/\//, message: t('qualification.urlInvalid') }]}
          >
            <Input maxLength={1000} placeholder="https://" data-testid="qualification-url" />
          </Form.Item>
          <Form.Item name="note" label={`${t('qualification.note')}${t('common.optional')}`}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          {failure ? <Alert type="error" showIcon title={failure} /> : null}
        </Form>
      </Modal>

      <Modal
        open={ending !== null}
        title={t('qualification.endTitle', { name: ending?.name ?? '' })}
        okText={t('qualification.end')}
        okButtonProps={{ danger: true, 'data-testid': 'qualification-end-confirm' }}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => endForm.submit()}
        onCancel={close}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('qualification.endHelp')}</Typography.Paragraph>
        <Form<EndValues>
          form={endForm}
          layout="vertical"
          onFinish={(values) => void submitEnd(values)}
          onKeyDown={enterMovesOn}
        >
          <Form.Item
            name="endedOn"
            label={t('qualification.endedOnLabel')}
            rules={required(t('qualification.endedOnLabel'))}
          >
            <Input type="date" max={today} data-testid="qualification-ended-on" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('qualification.reason')}
            rules={required(t('qualification.reason'))}
          >
            <Input.TextArea
              maxLength={500}
              autoSize={{ minRows: 2, maxRows: 4 }}
              data-testid="qualification-reason"
            />
          </Form.Item>
          {failure ? <Alert type="error" showIcon title={failure} /> : null}
        </Form>
      </Modal>
    </Card>
  );
}
