/**
 * Industry picker: a searchable Cascader over GB/T 4754-2017 sections → divisions (→ groups), showing the codes.
 * Any level may be chosen; the value is the chosen code ('C', 'C17', 'G591').
 */
import { Cascader } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import {
  type IndustryDepth,
  type IndustryOption,
  industryPath,
  industryTree,
  useIndustries,
} from '../lib/industries.ts';

interface IndustryPickerProps {
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  /** The deepest level offered (default: division). */
  maxLevel?: IndustryDepth;
  placeholder?: string;
  id?: string;
  status?: '' | 'error' | 'warning';
  allowClear?: boolean;
  testId?: string;
  style?: CSSProperties;
}

export function IndustryPicker({
  value,
  onChange,
  maxLevel = 'division',
  placeholder,
  id,
  status,
  allowClear = true,
  testId,
  style,
}: IndustryPickerProps) {
  const { name } = useI18n();
  const industries = useIndustries();
  const options = useMemo(() => industryTree(industries, name, maxLevel), [industries, name, maxLevel]);
  const path = useMemo(() => industryPath(industries, value), [industries, value]);

  return (
    <Cascader<IndustryOption>
      id={id}
      data-testid={testId}
      status={status}
      options={options}
      value={path.length > 0 ? path : undefined}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{
        filter: (input, chain) =>
          chain.some((option) => option.label.toLowerCase().includes(input.trim().toLowerCase())),
        limit: 60,
      }}
      displayRender={(labels, selected) => {
        const last = selected?.at(-1) as IndustryOption | undefined;
        return last ? last.label : (labels.at(-1) ?? '');
      }}
      onChange={(next) => onChange?.(next && next.length > 0 ? String(next.at(-1)) : undefined)}
      style={{ width: '100%', ...style }}
    />
  );
}
