/**
 * Region picker: a Cascader over the GB/T 2260 tree loaded lazily from /api/regions; a province, city or county
 * may be chosen (changeOnSelect). The form value is the code path, e.g. ['320000', '320500', '320583'].
 */
import { Cascader } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { api, type RegionView } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The option field shown: romanised names for English readers. */
function useLabelField() {
  const { locale } = useI18n();
  return { label: (locale === 'en' ? 'labelEn' : 'label') as keyof RegionOption };
}

interface RegionOption {
  value: string;
  label: string;
  /** The Hanyu Pinyin romanisation shown to English readers (GB/T 2260 has no English names). */
  labelEn: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

function toOption(region: RegionView): RegionOption {
  return {
    value: region.code,
    label: region.name,
    labelEn: region.nameEn,
    isLeaf: region.level === 'county',
  };
}

async function childrenOf(parent?: string): Promise<RegionOption[]> {
  return (await api.regions(parent)).map(toOption);
}

/** The code path from the province down to `code`, following parentCode. */
export async function regionPath(code: string): Promise<string[]> {
  const path: string[] = [];
  let current: string | null = code;
  for (let depth = 0; current && depth < 4; depth++) {
    path.unshift(current);
    current = (await api.region(current)).parentCode;
  }
  return path;
}

interface RegionCascaderProps {
  value?: string[];
  onChange?: (value: string[] | undefined) => void;
  placeholder?: string;
  id?: string;
  status?: '' | 'error' | 'warning';
  testId?: string;
}

export function RegionCascader({ value, onChange, placeholder, id, status, testId }: RegionCascaderProps) {
  const fieldNames = useLabelField();
  const [options, setOptions] = useState<RegionOption[]>([]);

  useEffect(() => {
    let active = true;
    childrenOf().then(
      (roots) => {
        if (active) setOptions(roots);
      },
      () => {
        // The picker stays empty; submitting shows the API's error.
      },
    );
    return () => {
      active = false;
    };
  }, []);

  // Load the branches of the current value (e.g. when editing a user) so its labels show.
  const pathKey = (value ?? []).join('/');
  useEffect(() => {
    if (options.length === 0 || !pathKey) return;
    let active = true;
    (async () => {
      let level = options;
      let changed = false;
      for (const code of pathKey.split('/').slice(0, -1)) {
        const node = level.find((option) => option.value === code);
        if (!node || node.isLeaf) break;
        if (!node.children) {
          const children = await childrenOf(code);
          if (!active) return;
          changed = true;
          if (children.length === 0) {
            node.isLeaf = true;
            break;
          }
          node.children = children;
        }
        level = node.children;
      }
      if (changed && active) setOptions((current) => [...current]);
    })().catch(() => {
      // Labels fall back to codes.
    });
    return () => {
      active = false;
    };
  }, [pathKey, options]);

  const loadData = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    try {
      const children = await childrenOf(target.value);
      if (children.length === 0) target.isLeaf = true;
      else target.children = children;
    } catch {
      target.isLeaf = true;
    }
    setOptions((current) => [...current]);
  };

  return (
    <Cascader<RegionOption>
      fieldNames={fieldNames}
      id={id}
      data-testid={testId}
      status={status}
      options={options}
      value={value}
      loadData={loadData}
      changeOnSelect
      allowClear
      placeholder={placeholder}
      onChange={(next) => onChange?.(next && next.length > 0 ? next.map(String) : undefined)}
      style={{ width: '100%' }}
    />
  );
}

interface ScopedRegionCascaderProps {
  /** The top of the tree offered (an official's own region); null or undefined → every province. */
  rootCode?: string | null | undefined;
  /** The chosen region code (any level below or at the root). */
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  /** The accessible name (a placeholder is not one). */
  ariaLabel?: string;
  testId?: string;
  style?: CSSProperties;
}

/**
 * A region filter limited to a subtree: the root is the official's own region (or the provinces for an admin),
 * and children load as branches open. The value is one code.
 */
export function ScopedRegionCascader({
  rootCode,
  value,
  onChange,
  placeholder,
  ariaLabel,
  testId,
  style,
}: ScopedRegionCascaderProps) {
  const fieldNames = useLabelField();
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let active = true;
    const roots = rootCode ? api.region(rootCode).then((root) => [toOption(root)]) : childrenOf();
    roots.then(
      (list) => {
        if (active) setOptions(list);
      },
      () => {
        // The picker stays empty; the list request reports the problem.
      },
    );
    return () => {
      active = false;
    };
  }, [rootCode]);

  // The code path of the value below the root, with every branch on it loaded so the labels show.
  useEffect(() => {
    if (!value) {
      setPath([]);
      return;
    }
    if (options.length === 0) return;
    let active = true;
    (async () => {
      const full = await regionPath(value);
      const start = rootCode ? full.indexOf(rootCode) : 0;
      const relative = start >= 0 ? full.slice(start) : [value];
      let level = options;
      let changed = false;
      for (const code of relative.slice(0, -1)) {
        const node = level.find((option) => option.value === code);
        if (!node || node.isLeaf) break;
        if (!node.children) {
          const children = await childrenOf(code);
          if (!active) return;
          changed = true;
          if (children.length === 0) {
            node.isLeaf = true;
            break;
          }
          node.children = children;
        }
        level = node.children;
      }
      if (!active) return;
      if (changed) setOptions((current) => [...current]);
      setPath(relative);
    })().catch(() => {
      if (active) setPath([value]);
    });
    return () => {
      active = false;
    };
  }, [value, rootCode, options]);

  const loadData = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    try {
      const children = await childrenOf(target.value);
      if (children.length === 0) target.isLeaf = true;
      else target.children = children;
    } catch {
      target.isLeaf = true;
    }
    setOptions((current) => [...current]);
  };

  return (
    <Cascader<RegionOption>
      fieldNames={fieldNames}
      data-testid={testId}
      aria-label={ariaLabel}
      options={options}
      value={value ? path : undefined}
      loadData={loadData}
      changeOnSelect
      allowClear
      placeholder={placeholder}
      onChange={(next) => onChange?.(next && next.length > 0 ? String(next.at(-1)) : undefined)}
      style={{ width: '100%', ...style }}
    />
  );
}
