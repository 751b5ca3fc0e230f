/**
 * The filters the procurement lists share: the year (next year down to 2021), and for a supervising official the
 * buying body (searched by name or USCC among the region's bodies) and a region under theirs, all kept in the
 * address by the pages.
 */
import { Select } from 'antd';
import { useCallback, useMemo, useRef } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import { procurementApi } from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { type RemoteOption, RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { planYears } from './procurementModel.ts';

/** The year filter: every year, or one of next year down to 2021. */
export function YearFilter({
  value,
  onChange,
  allowClear = true,
  testId,
}: {
  value: number | undefined;
  onChange: (year: number | undefined) => void;
  allowClear?: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  const years = useMemo(() => planYears(todayInChina()), []);
  return (
    <Select<number>
      allowClear={allowClear}
      style={{ width: 130 }}
      placeholder={t('proc.filter.yearAll')}
      value={value}
      onChange={(year) => onChange(year ?? undefined)}
      options={years.map((year) => ({ value: year, label: t('proc.filter.year', { year }) }))}
      aria-label={t('proc.filter.yearLabel')}
      data-testid={testId}
    />
  );
}

/** The buying-body filter of an official's list (a search of the region's bodies). */
export function BodyFilter({
  value,
  label,
  onChange,
  testId,
}: {
  value: number | undefined;
  /** The chosen body's name, when the page knows it (a link from the shares page carries it). */
  label: string | undefined;
  onChange: (id: number | undefined, name: string | undefined) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const initial = useMemo<RemoteOption | null>(
    () => (value ? { value, label: label ?? `#${value}` } : null),
    [value, label],
  );
  // The names of the bodies found, so a choice can carry its name into the address.
  const names = useRef(new Map<number, string>());
  const search = useCallback(async (q: string, signal: AbortSignal): Promise<RemoteOption[]> => {
    const found = (await procurementApi.searchBodies(q, signal)).items.map((body) => ({
      value: body.id,
      label: body.name,
      description: body.uscc,
    }));
    for (const option of found) names.current.set(option.value, option.label);
    return found;
  }, []);
  return (
    <RemoteSelect
      value={value ?? null}
      initialOption={initial}
      search={search}
      onChange={(id) => onChange(id ?? undefined, id ? names.current.get(id) : undefined)}
      placeholder={t('proc.filter.body')}
      testId={testId}
      style={{ width: 280 }}
    />
  );
}

/** The region filter of an official's list: a region under theirs (an admin's: any), and below it. */
export function RegionFilter({
  value,
  onChange,
  testId,
}: {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <ScopedRegionCascader
      rootCode={user?.role === 'official' ? (user.regionCode ?? null) : null}
      value={value}
      onChange={onChange}
      placeholder={t('proc.filter.region')}
      ariaLabel={t('proc.filter.region')}
      testId={testId}
      style={{ width: 220 }}
    />
  );
}
