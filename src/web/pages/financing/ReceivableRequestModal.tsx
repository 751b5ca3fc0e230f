/**
 * The enterprise's request to its debtor to confirm a receivable (issue 15, 应收账款确权): from one of its
 * overdue-payment complaints (the debtor, contract and outstanding amount come from it), or entered — the debtor's
 * USCC, name and kind (a government body, a public institution or a large enterprise), the contract, the amount in
 * yuan and its due date. The server's field errors land on the fields (a "large enterprise" the registry classes as
 * an SME is told on the kind, in full). The complaints offered leave out those whose receivable is already asked
 * for (a request awaiting the debtor, confirmed or financed); the one chosen from its page stays, said to be taken.
 */
import { Alert, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  financingApi,
  financingQueries,
  type Receivable,
  type ReceivableInput,
  type ReceivableState,
} from '../../api/financing.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { formatMoney } from '../payments/paymentForm.ts';
import { useFinancingRules } from './financingForm.tsx';
import { DEBTOR_KINDS, useFinancingSubmit, useTermOptions } from './financingParts.tsx';

type Source = 'case' | 'contract';

/** A request in these states holds its complaint's receivable: another cannot be asked for. */
const LIVE: ReadonlySet<ReceivableState> = new Set(['requested', 'confirmed', 'financed']);

interface RequestValues {
  caseId?: number;
  debtorUscc?: string;
  debtorName?: string;
  debtorKind?: ReceivableInput['debtorKind'];
  contractNumber?: string;
  amount?: string;
  dueOn?: Dayjs | null;
}

const FIELDS = [
  'caseId',
  'debtorUscc',
  'debtorName',
  'debtorKind',
  'contractNumber',
  'amount',
  'dueOn',
] as const;

export function ReceivableRequestModal({
  caseId,
  onClose,
  onDone,
}: {
  /** A complaint chosen already (from the complaint's page). */
  caseId: number | null;
  onClose: () => void;
  onDone: (receivable: Receivable) => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<RequestValues>();
  const submit = useFinancingSubmit(form, FIELDS as readonly string[]);
  const [source, setSource] = useState<Source>('case');
  const kinds = useTermOptions(DEBTOR_KINDS);
  const complaints = useApiQuery(
    apiQuery('/api/my/cases', { query: { type: 'arrears', page: 1, pageSize: 100 } }),
  );
  // The enterprise's requests (the most a page holds): a complaint with a live one is not offered again.
  const asked = useApiQuery(financingQueries.myReceivables({ page: 1, pageSize: 100 }));
  const taken = new Map<number, Receivable>();
  for (const r of asked.data?.items ?? []) if (r.caseId !== null && LIVE.has(r.state)) taken.set(r.caseId, r);
  const owed = (complaints.data?.items ?? []).filter(
    (c) =>
      c.debtor && c.contractNumber && (c.amount ?? 0) - c.repaid > 0 && (!taken.has(c.id) || c.id === caseId),
  );
  const chosenTaken = caseId === null ? undefined : taken.get(caseId);
  const loadingCases = complaints.loading || asked.loading;
  const { required, requiredText, yuan } = useFinancingRules();

  const finish = async (values: RequestValues) => {
    const body: ReceivableInput =
      source === 'case'
        ? { caseId: values.caseId }
        : {
            debtorUscc: values.debtorUscc?.trim().toUpperCase(),
            debtorName: values.debtorName?.trim(),
            debtorKind: values.debtorKind,
            contractNumber: values.contractNumber?.trim(),
            amount: values.amount?.trim(),
          };
    if (values.dueOn) body.dueOn = values.dueOn.format('YYYY-MM-DD');
    const saved = await submit.run(() => financingApi.requestReceivable(body));
    if (saved) onDone(saved);
  };

  return (
    <FormModal<RequestValues>
      form={form}
      title={t('financing.receivableForm.title')}
      okText={t('financing.receivableForm.submit')}
      okTestId="receivable-submit"
      saving={submit.saving}
      width={640}
      onClose={onClose}
      testId="receivable-form"
      initialValues={{ caseId: caseId ?? undefined }}
      onFinish={(values) => void finish(values)}
    >
      <Typography.Paragraph type="secondary">{t('financing.receivableForm.intro')}</Typography.Paragraph>
      <Form.Item label={t('financing.receivableForm.source')}>
        <Radio.Group
          value={source}
          onChange={(event) => {
            setSource(event.target.value as Source);
            form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
          }}
          optionType="button"
          data-testid="receivable-source"
          options={[
            { value: 'case', label: t('financing.receivableForm.fromCase') },
            { value: 'contract', label: t('financing.receivableForm.fromContract') },
          ]}
        />
      </Form.Item>
      {submit.alert}
      {source === 'case' ? (
        <>
          {!loadingCases && owed.length === 0 ? (
            <Alert
              type="info"
              showIcon
              title={t('financing.receivableForm.noCases')}
              style={{ marginBottom: 12 }}
              data-testid="receivable-no-cases"
            />
          ) : null}
          {chosenTaken ? (
            <Alert
              type="warning"
              showIcon
              title={t('financing.receivableForm.caseTaken', {
                id: chosenTaken.id,
                state: t(`financing.receivable.state.${chosenTaken.state}`),
              })}
              style={{ marginBottom: 12 }}
              data-testid="receivable-case-taken"
            />
          ) : null}
          <Form.Item
            name="caseId"
            label={t('financing.receivableForm.case')}
            extra={t('financing.receivableForm.caseHelp')}
            rules={[required]}
          >
            <Select<number>
              loading={loadingCases}
              data-testid="receivable-case"
              placeholder={t('financing.receivableForm.casePlaceholder')}
              options={owed.map((c) => ({
                value: c.id,
                label: t('financing.receivableForm.caseOption', {
                  number: c.number,
                  debtor: c.debtor?.name ?? c.debtor?.uscc ?? '',
                  contract: c.contractNumber ?? '',
                  amount: formatMoney((c.amount ?? 0) - c.repaid, locale),
                }),
              }))}
            />
          </Form.Item>
        </>
      ) : (
        <>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item
              name="debtorUscc"
              label={t('financing.receivable.debtorUscc')}
              rules={[required, { len: 18, message: t('financing.receivableForm.usccLength') }]}
              style={{ flex: '1 1 220px' }}
            >
              <Input maxLength={18} className="huiqi-mono" data-testid="receivable-debtor-uscc" />
            </Form.Item>
            <Form.Item
              name="debtorKind"
              label={t('financing.receivable.debtorKind')}
              rules={[required]}
              style={{ flex: '1 1 180px' }}
            >
              <Select options={kinds} data-testid="receivable-debtor-kind" />
            </Form.Item>
          </div>
          <Form.Item
            name="debtorName"
            label={t('financing.receivable.debtorName')}
            rules={[requiredText, { min: 2, message: t('financing.form.required') }]}
          >
            <Input maxLength={200} data-testid="receivable-debtor-name" />
          </Form.Item>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item
              name="contractNumber"
              label={t('financing.receivable.contract')}
              rules={[requiredText]}
              style={{ flex: '1 1 200px' }}
            >
              <Input maxLength={100} data-testid="receivable-contract" />
            </Form.Item>
            <Form.Item
              name="amount"
              label={t('financing.receivable.amount')}
              rules={[required, yuan]}
              style={{ flex: '1 1 180px' }}
            >
              <Input suffix={t('financing.unit.yuan')} data-testid="receivable-amount" />
            </Form.Item>
          </div>
        </>
      )}
      <Form.Item
        name="dueOn"
        label={t('financing.receivable.dueOnLabel')}
        extra={t('financing.receivableForm.dueOnHelp')}
      >
        <DatePicker data-testid="receivable-due-on" />
      </Form.Item>
    </FormModal>
  );
}
