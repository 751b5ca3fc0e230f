/**
 * Drawer to correct an enterprise's profile (the enterprise itself, or an admin). Only changed fields are sent,
 * with the `version` read with the profile; a 409 shows the conflict and reloads. Field errors land on the fields.
 */

import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, type EnterpriseDetail, type ProfileUpdate } from '../../api/client.ts';
import { IndustryPicker } from '../../components/IndustryPicker.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { OWNERSHIP_TYPES } from '../../lib/ownership.ts';

interface ProfileValues {
  name: string;
  formerNames: string[];
  legalRepresentative: string;
  industryCode: string | undefined;
  establishedOn: Dayjs | null;
  ownershipType: string;
}

const FIELDS = [
  'name',
  'formerNames',
  'legalRepresentative',
  'industryCode',
  'establishedOn',
  'ownershipType',
];

function valuesOf(detail: EnterpriseDetail): ProfileValues {
  return {
    name: detail.name,
    formerNames: detail.formerNames,
    legalRepresentative: detail.legalRepresentative ?? '',
    industryCode: detail.industryCode,
    establishedOn: detail.establishedOn ? dayjs(detail.establishedOn) : null,
    ownershipType: detail.ownershipType ?? '',
  };
}

/** The changed fields as a PATCH body (with the version), or null when nothing changed. */
function changes(values: ProfileValues, detail: EnterpriseDetail): ProfileUpdate | null {
  const body: ProfileUpdate = { version: detail.version };
  const name = values.name.trim();
  if (name !== detail.name) body.name = name;
  const former = (values.formerNames ?? []).map((item) => item.trim()).filter(Boolean);
  if (former.join('\n') !== detail.formerNames.join('\n')) body.formerNames = former;
  const legal = values.legalRepresentative.trim() || null;
  if (legal !== detail.legalRepresentative) body.legalRepresentative = legal;
  if (values.industryCode && values.industryCode !== detail.industryCode)
    body.industryCode = values.industryCode;
  const established = values.establishedOn ? values.establishedOn.format('YYYY-MM-DD') : null;
  if (established !== detail.establishedOn) body.establishedOn = established;
  const ownership = values.ownershipType.trim() || null;
  if (ownership !== detail.ownershipType) body.ownershipType = ownership;
  return Object.keys(body).length > 1 ? body : null;
}

interface ProfileDrawerProps {
  open: boolean;
  detail: EnterpriseDetail;
  onClose: () => void;
  onSaved: (detail: EnterpriseDetail) => void;
  /** The profile changed meanwhile: reload it (the drawer stays open with the new values). */
  onStale: () => void;
}

export function ProfileDrawer({ open, detail, onClose, onSaved, onStale }: ProfileDrawerProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const initial = useMemo(() => valuesOf(detail), [detail]);

  // A fresh profile (opened again, or reloaded after a conflict) resets the form to it.
  useEffect(() => {
    if (open) form.setFieldsValue(initial);
  }, [open, initial, form]);

  useEffect(() => {
    if (!open) {
      setConflict(null);
      setOtherErrors([]);
    }
  }, [open]);

  const onFinish = async (values: ProfileValues) => {
    const body = changes(values, detail);
    if (!body) {
      void message.info(t('profile.noChanges'));
      return;
    }
    setSaving(true);
    setOtherErrors([]);
    try {
      const saved = await api.updateEnterprise(detail.id, body);
      setConflict(null);
      void message.success(t('profile.saved'));
      onSaved(saved);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        setConflict(error.message);
        void message.warning(t('profile.conflict'));
        onStale();
        return;
      }
      setOtherErrors(applyFieldErrors(form, error, FIELDS));
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('profile.title')}
      size={520}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="profile-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('profile.conflict')}
          style={{ marginBottom: 16 }}
          data-testid="profile-conflict"
        />
      ) : null}
      {otherErrors.length > 0 ? (
        <Alert type="error" showIcon title={otherErrors.join('；')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<ProfileValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => void onFinish(values)}
        data-testid="profile-form"
      >
        <Form.Item
          name="name"
          label={t('enterprise.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('form.required', { field: t('enterprise.name') }),
            },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="formerNames" label={t('detail.formerNames')} extra={t('profile.formerNamesHelp')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['；', ';']} maxCount={20} />
        </Form.Item>
        <Form.Item name="legalRepresentative" label={t('detail.legalRepresentative')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="industryCode" label={t('enterprise.industry')} extra={t('profile.industryHelp')}>
          <IndustryPicker maxLevel="group" allowClear={false} />
        </Form.Item>
        <Form.Item name="establishedOn" label={t('enterprise.established')}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            placeholder={t('profile.datePlaceholder')}
          />
        </Form.Item>
        <Form.Item name="ownershipType" label={t('detail.ownershipType')}>
          <AutoComplete
            options={OWNERSHIP_TYPES.map(([value, label]) => ({ value, label: t(label) }))}
            maxLength={40}
            allowClear
            showSearch={{
              filterOption: (input, option) =>
                `${option?.value ?? ''} ${String(option?.label ?? '')}`
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
