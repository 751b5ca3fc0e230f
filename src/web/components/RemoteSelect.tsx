/** A Select that searches the server as the user types (debounced), for binding a user to an enterprise or bank. */
import { Select, Spin } from 'antd';
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';

/** One option: the id and what to show. */
export interface RemoteOption {
  value: number;
  label: string;
  description?: string;
}

interface RemoteSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  search: (q: string, signal: AbortSignal) => Promise<RemoteOption[]>;
  /** The option of the current value, so its name shows before any search. */
  initialOption?: RemoteOption | null;
  placeholder?: string;
  id?: string;
  status?: '' | 'error' | 'warning';
  testId?: string;
  style?: CSSProperties;
}

const DEBOUNCE_MS = 300;

export function RemoteSelect({
  value,
  onChange,
  search,
  initialOption,
  placeholder,
  id,
  status,
  testId,
  style,
}: RemoteSelectProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<RemoteOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [chosen, setChosen] = useState<RemoteOption | null>(initialOption ?? null);
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    setChosen(initialOption ?? null);
  }, [initialOption]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setOptions([]);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      searchRef.current(q, controller.signal).then(
        (found) => {
          if (controller.signal.aborted) return;
          setOptions(found);
          setLoading(false);
        },
        () => {
          if (controller.signal.aborted) return;
          setOptions([]);
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const shown = useMemo(() => {
    const list = [...options];
    if (chosen && !list.some((option) => option.value === chosen.value)) list.unshift(chosen);
    return list.map((option) => ({
      value: option.value,
      label: option.label,
      title: option.description ? `${option.label} · ${option.description}` : option.label,
    }));
  }, [options, chosen]);

  return (
    <Select<number>
      id={id}
      data-testid={testId}
      status={status}
      style={style}
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQuery }}
      options={shown}
      notFoundContent={
        loading ? (
          <Spin size="small" />
        ) : query.trim() ? (
          t('users.lookup.noMatch')
        ) : (
          t('users.lookup.typeToSearch')
        )
      }
      optionRender={(option) => {
        const full = options.find((o) => o.value === option.value) ?? chosen;
        return (
          <div>
            <div>{option.label}</div>
            {full?.description ? (
              <div className="huiqi-mono" style={{ color: '#8c8c8c' }}>
                {full.description}
              </div>
            ) : null}
          </div>
        );
      }}
      onChange={(next) => {
        const picked = options.find((option) => option.value === next) ?? null;
        if (picked) setChosen(picked);
        onChange?.(next ?? null);
      }}
    />
  );
}
