/**
 * An enterprise's qualifications (资质) on the officials' detail page: each with its evidence (certificate number,
 * issuing body, link), its validity and whether it counts today; officials in scope record one (names from
 * src/reference/certifications.ts offered, others accepted) and end one from a date with the reason, each with an
 * evidence file (the certificate, the notice that ended it: PDF or image) sent after the record is saved. An ended
 * one stays listed, greyed, with when, by whom and why. Evidence files are download links for whoever sees the page.
 */
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  PaperClipOutlined,
  PlusOutlined,
  StopOutlined,
  UploadOutlined,
} from '@ant-design/icons';
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
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { CERTIFICATION_NAMES } from '../../../reference/certifications.ts';
import { QUALIFICATION_EVIDENCE } from '../../../shared/attachment-types.ts';
import { ATTACHMENT_DEFAULTS, checkFile, type FileProblem, formatBytes } from '../../api/attachments.ts';
import type { Certification, EnterpriseDetail } from '../../api/client.ts';
import {
  type QualificationInput,
  qualificationsApi,
  uploadQualificationEvidence,
} from '../../api/registry.ts';
import { type TFunction, useI18n } from '../../i18n/I18nProvider.tsx';
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

const EVIDENCE_ACCEPT = QUALIFICATION_EVIDENCE.extensions.map((extension) => `.${extension}`).join(',');

/** Why a picked evidence file is refused before sending it, in the reader's words. */
function evidenceProblem(t: TFunction, name: string, problem: FileProblem): string {
  if (problem.problem === 'badType' || problem.problem === 'noExtension')
    return t('qualification.file.badType', { name });
  if (problem.problem === 'empty') return t('qualification.file.empty', { name });
  return t('qualification.file.tooLarge', { name, limit: formatBytes(ATTACHMENT_DEFAULTS.maxBytes) });
}

interface EvidencePickerProps {
  file: File | null;
  onChange: (file: File | null) => void;
  testId: string;
}

/** Picks one evidence file (checked here by extension and size; the server sniffs the content and decides). */
function EvidencePicker({ file, onChange, testId }: EvidencePickerProps) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div>
      <Upload
        accept={EVIDENCE_ACCEPT}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(picked) => {
          const found = checkFile(picked, {
            maxBytes: ATTACHMENT_DEFAULTS.maxBytes,
            extensions: QUALIFICATION_EVIDENCE.extensions,
          });
          setProblem(found ? evidenceProblem(t, picked.name, found) : null);
          onChange(found ? null : picked);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid={testId}>
          {t('qualification.file.pick')}
        </Button>
      </Upload>
      {file ? (
        <Typography.Text style={{ marginInlineStart: 8 }} data-testid={`${testId}-chosen`}>
          <PaperClipOutlined /> {file.name}（{formatBytes(file.size)}）{' '}
          <Typography.Link onClick={() => onChange(null)}>{t('qualification.file.remove')}</Typography.Link>
        </Typography.Text>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        {t('qualification.file.help', { limit: formatBytes(ATTACHMENT_DEFAULTS.maxBytes) })}
      </Typography.Paragraph>
      {problem ? (
        <Typography.Text type="danger" data-testid={`${testId}-problem`}>
          {problem}
        </Typography.Text>
      ) : null}
    </div>
  );
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
  const [addFile, setAddFile] = useState<File | null>(null);
  const [endFile, setEndFile] = useState<File | null>(null);
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
    setAddFile(null);
    setEndFile(null);
    addForm.resetFields();
    endForm.resetFields();
  };

  /**
   * Sends an evidence file of a saved record; a refused file leaves the record saved and says so (it can be
   * attached again from the list).
   */
  const attach = async (cert: Certification, stage: 'added' | 'ended', file: File) => {
    try {
      onChanged(await uploadQualificationEvidence(detail.id, cert.id, stage, file));
      message.success(t('qualification.file.attached', { name: file.name }));
    } catch (error) {
      message.error(
        t('qualification.file.failed', {
          name: file.name,
          reason: error instanceof Error ? error.message : String(error),
        }),
        8,
      );
    }
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
      const added = await qualificationsApi.add(detail.id, body);
      onChanged(added);
      message.success(t('qualification.added', { name: body.name }));
      const recorded = added.certifications.find(
        (c) => c.name === body.name && c.validFrom.slice(0, 10) === body.validFrom,
      );
      if (addFile && recorded) await attach(recorded, 'added', addFile);
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
      if (endFile) await attach(ending, 'ended', endFile);
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
            width: 170,
            ellipsis: { showTitle: true },
          },
          {
            key: 'number',
            title: t('qualification.certificateNumber'),
            width: 140,
            ellipsis: { showTitle: true },
            render: (_, row) => row.certificateNumber ?? t('common.empty'),
          },
          {
            key: 'issuer',
            title: t('qualification.issuingBody'),
            // The header's own width at least (认定机关 / Issuing body); a long name ends in an ellipsis.
            width: 120,
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
            width: 200,
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
            width: 160,
            render: (_, row) => {
              const source = sourceText(row.source, t);
              const title = [
                row.recordedBy ? t('qualification.recordedBy', { name: row.recordedBy }) : source,
                row.note,
              ]
                .filter(Boolean)
                .join(' · ');
              const stage = row.endedOn ? 'ended' : 'added';
              return (
                <div data-testid={`qualification-evidence-${row.id}`}>
                  {row.evidenceFiles.map((file) => (
                    <div
                      key={file.id}
                      style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                    >
                      <a
                        href={file.url}
                        download={file.fileName}
                        title={`${file.fileName}（${formatBytes(file.sizeBytes)}）· ${t(
                          `qualification.file.stage.${file.stage}`,
                        )} · ${file.uploadedBy} ${formatDateTime(file.createdAt, locale)}`}
                        data-testid="qualification-file-link"
                      >
                        <PaperClipOutlined /> {file.fileName}
                      </a>
                    </div>
                  ))}
                  <Tooltip title={title}>
                    {row.evidenceUrl ? (
                      <Typography.Link href={row.evidenceUrl} target="_blank" rel="noopener noreferrer">
                        {t('qualification.evidenceLink')}
                      </Typography.Link>
                    ) : row.evidenceFiles.length === 0 ? (
                      <span>{row.recordedBy ?? source}</span>
                    ) : null}
                  </Tooltip>
                  {canEdit && row.evidenceFiles.length < QUALIFICATION_EVIDENCE.maxFiles ? (
                    <Upload
                      accept={EVIDENCE_ACCEPT}
                      showUploadList={false}
                      beforeUpload={(picked) => {
                        const problem = checkFile(picked, {
                          maxBytes: ATTACHMENT_DEFAULTS.maxBytes,
                          extensions: QUALIFICATION_EVIDENCE.extensions,
                        });
                        if (problem) message.error(evidenceProblem(t, picked.name, problem));
                        else void attach(row, stage, picked);
                        return Upload.LIST_IGNORE;
                      }}
                    >
                      <Typography.Link data-testid={`qualification-attach-${row.id}`}>
                        <UploadOutlined /> {t('qualification.file.attach')}
                      </Typography.Link>
                    </Upload>
                  ) : null}
                </div>
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
          <Form.Item label={`${t('qualification.file.label')}${t('common.optional')}`}>
            <EvidencePicker file={addFile} onChange={setAddFile} testId="qualification-file" />
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
          <Form.Item label={`${t('qualification.file.endLabel')}${t('common.optional')}`}>
            <EvidencePicker file={endFile} onChange={setEndFile} testId="qualification-end-file" />
          </Form.Item>
          {failure ? <Alert type="error" showIcon title={failure} /> : null}
        </Form>
      </Modal>
    </Card>
  );
}
