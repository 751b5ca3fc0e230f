/**
 * Small pieces shared by the officials' policy pages: status and method tags, topic and unit names, a
 * list-of-regions input (its names through components/RegionName), a date input holding 'YYYY-MM-DD' strings, and the
 * list of problems returned by the server.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { type TFunction, useT } from '../../i18n/I18nProvider.tsx';
import { normalizeField } from './policyModel.ts';
import type { Problem } from './ruleTree.ts';

/** Today as 'YYYY-MM-DD' in the browser's time zone. */
export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

export const POLICY_STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  published: 'green',
  withdrawn: 'red',
};

export const METHOD_COLORS: Record<string, string> = {
  automatic: 'magenta',
  fast: 'cyan',
  application: 'blue',
};

/** A message of this area by a key built from data, or the data itself when there is no such key. */
export function labelOf(t: TFunction, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

const UNIT_KEYS: Record<string, string> = {
  万元: 'wan',
  persons: 'persons',
  years: 'years',
  ratio: 'ratio',
  none: 'none',
};

/** The name of a unit (万元, 人, 年, 比率, 无单位). */
export function unitLabel(t: TFunction, unit: string): string {
  return labelOf(t, 'policyAdmin.unit', UNIT_KEYS[unit] ?? unit);
}

/** The short suffix of a value in a unit (万元 / 人 / 年), empty when it has none. */
export function unitSuffix(t: TFunction, unit: string | null): string {
  if (!unit || unit === 'ratio' || unit === 'none') return '';
  return labelOf(t, 'policyAdmin.unitSuffix', UNIT_KEYS[unit] ?? unit);
}

export function PolicyStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={POLICY_STATUS_COLORS[status] ?? 'default'}>{labelOf(t, 'policyAdmin.status', status)}</Tag>
  );
}

export function MethodTag({ method }: { method: string }) {
  const t = useT();
  return <Tag color={METHOD_COLORS[method] ?? 'default'}>{labelOf(t, 'policyAdmin.method', method)}</Tag>;
}

interface RegionCodesInputProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** The top of the tree offered (an official's own region); null → every province. */
  rootCode?: string | null;
  /** Shown when the list is empty. */
  emptyText?: ReactNode;
  disabled?: boolean;
  testId?: string;
}

/** A list of region codes: tags with names, and a picker with an add button. */
export function RegionCodesInput({
  value = [],
  onChange,
  rootCode,
  emptyText,
  disabled,
  testId,
}: RegionCodesInputProps) {
  const t = useT();
  const [pending, setPending] = useState<string | undefined>(undefined);
  const add = () => {
    if (!pending || value.includes(pending)) return;
    onChange?.([...value, pending]);
    setPending(undefined);
  };
  return (
    <Flex vertical gap={8} data-testid={testId}>
      <Flex wrap gap={4}>
        {value.length === 0 ? (
          <Typography.Text type="secondary">{emptyText}</Typography.Text>
        ) : (
          value.map((code) => (
            <Tag
              key={code}
              closable={!disabled}
              onClose={(event) => {
                event.preventDefault();
                onChange?.(value.filter((c) => c !== code));
              }}
            >
              <RegionName code={code} full /> <span className="huiqi-mono">{code}</span>
            </Tag>
          ))
        )}
      </Flex>
      {disabled ? null : (
        <Flex gap={8}>
          <ScopedRegionCascader
            rootCode={rootCode ?? null}
            value={pending}
            onChange={setPending}
            placeholder={t('policyAdmin.region.pick')}
            ariaLabel={t('policyAdmin.region.pick')}
            style={{ maxWidth: 360 }}
          />
          <Button icon={<PlusOutlined />} disabled={!pending || value.includes(pending)} onClick={add}>
            {t('policyAdmin.region.add')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

interface DateInputProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  status?: '' | 'error' | 'warning';
  /** No date after this one may be picked ('YYYY-MM-DD'). */
  max?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** The accessible name, when no label names the input. */
  ariaLabel?: string;
  testId?: string;
}

/** A DatePicker whose value is a 'YYYY-MM-DD' string. */
export function DateInput({
  value,
  onChange,
  id,
  status,
  max,
  allowClear = true,
  disabled,
  ariaLabel,
  testId,
}: DateInputProps) {
  return (
    <DatePicker
      id={id}
      status={status}
      value={value ? dayjs(value) : null}
      onChange={(next) => onChange?.(next ? next.format('YYYY-MM-DD') : null)}
      allowClear={allowClear}
      disabled={disabled}
      disabledDate={max ? (day) => day.format('YYYY-MM-DD') > max : undefined}
      style={{ width: '100%' }}
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}

/** The problems of a refused request, with their fields as the editor names them. */
export function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.map((p) => ({ field: normalizeField(p.field), message: p.message }));
}

interface ProblemListProps {
  title: string;
  problems: readonly Problem[];
  /** Shows each problem's field path. */
  showFields?: boolean;
  onSelect?: (problem: Problem) => void;
  onClose?: () => void;
  testId?: string;
}

/** The problems of a request in an Alert: each message, with its field. */
export function ProblemList({
  title,
  problems,
  showFields = true,
  onSelect,
  onClose,
  testId,
}: ProblemListProps) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      closable={onClose ? { onClose } : false}
      data-testid={testId}
      description={
        problems.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their place
              <li key={i}>
                {showFields ? (
                  <Typography.Text code className="huiqi-mono" style={{ fontSize: 12 }}>
                    {p.field}
                  </Typography.Text>
                ) : null}{' '}
                {onSelect ? (
                  <Typography.Link onClick={() => onSelect(p)}>{p.message}</Typography.Link>
                ) : (
                  p.message
                )}
              </li>
            ))}
          </ul>
        ) : null
      }
    />
  );
}
