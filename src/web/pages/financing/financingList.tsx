/**
 * The pieces the financing list pages share: the page and page size in the address, the table of one page of a
 * list (its empty text, "共 N 条" and server paging), the card holding a filter bar, the load error and a table, the
 * state filter, and a row's action buttons.
 */
import { Button, Card, Flex, Select, Space, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { serverPagination } from '../../lib/pagination.ts';
import type { ApiState } from '../../lib/queries.ts';
import { type ParamPatch, positiveParam } from '../../lib/urlFilters.ts';

/** The readers of a list's page (1 when absent) and page size (20 when absent, at most 100) in the address. */
export const PAGE_PARAMS = {
  page: (value: string | null) => positiveParam(value) ?? 1,
  pageSize: (value: string | null) => positiveParam(value, 100) ?? 20,
};

/** A list's page and page size, and how they change. */
export interface ListPaging {
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
}

/** The paging of a list whose page lives in the address (the first page and 20 rows are left out of it). */
export function urlPaging(
  filters: { page: number; pageSize: number },
  update: (patch: ParamPatch) => void,
): ListPaging {
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    onPageChange: (page, pageSize) =>
      update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }),
  };
}

interface ListTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale'> {
  /** The page of the list loaded (undefined before the first answer). */
  data: { items: T[]; total: number } | undefined;
  loading: boolean;
  /** What an empty list says (nothing while it loads). */
  emptyText: string;
  paging: ListPaging;
}

/** A server-paged table of one page of a list, "共 N 条" below it. */
export function ListTable<T extends object>({
  data,
  loading,
  emptyText,
  paging,
  ...table
}: ListTableProps<T>) {
  const { t } = useI18n();
  return (
    <Table<T>
      {...table}
      dataSource={data?.items ?? []}
      loading={loading}
      locale={{ emptyText: loading ? ' ' : emptyText }}
      pagination={serverPagination({
        page: paging.page,
        pageSize: paging.pageSize,
        total: data?.total ?? 0,
        showTotal: (total) => t('common.total', { total }),
        onChange: paging.onPageChange,
      })}
    />
  );
}

interface ListCardProps {
  /** The list as loaded: its load error shows above the table. */
  list: Pick<ApiState<unknown>, 'error' | 'reload'>;
  /** The filters above the table (and the reload button). */
  toolbar: ReactNode;
  /** The table. */
  children: ReactNode;
}

/** A list in a card: its filter bar, the load error (with a retry), then the table. */
export function ListCard({ list, toolbar, children }: ListCardProps) {
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex gap={12} wrap align="center" style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
        {toolbar}
      </Flex>
      <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
      {children}
    </Card>
  );
}

interface StateFilterProps<S extends string> {
  value: S | undefined;
  /** The states to choose from (their codes, as S). */
  options: { value: string; label: string }[];
  /** The state chosen, or null when cleared. */
  onChange: (state: S | null) => void;
  ariaLabel: string;
  testId: string;
}

/** The filter of a list by its rows' state ("全部状态" when none is chosen). */
export function StateFilter<S extends string>({
  value,
  options,
  onChange,
  ariaLabel,
  testId,
}: StateFilterProps<S>) {
  const { t } = useI18n();
  return (
    <Select<S>
      allowClear
      style={{ width: 160 }}
      placeholder={t('financing.myDemands.stateAll')}
      value={value}
      onChange={(state) => onChange(state ?? null)}
      options={options}
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}

/** One action a row may offer. */
export interface RowAction<A extends string> {
  action: A;
  label: string;
  testId: string;
  onClick: () => void;
  /** A primary (blue) or a destructive (red) button; a plain one otherwise. */
  kind?: 'primary' | 'danger';
}

/** The buttons of the actions the server allows on a row (`allowed`), in the order given; '—' when it allows none. */
export function RowActions<A extends string>({
  allowed,
  actions,
}: {
  allowed: readonly A[];
  actions: readonly RowAction<A>[];
}) {
  if (allowed.length === 0) return '—';
  return (
    <Space size={4} wrap>
      {actions
        .filter((a) => allowed.includes(a.action))
        .map((a) => (
          <Button
            key={a.action}
            size="small"
            type={a.kind === 'primary' ? 'primary' : undefined}
            danger={a.kind === 'danger' ? true : undefined}
            onClick={a.onClick}
            data-testid={a.testId}
          >
            {a.label}
          </Button>
        ))}
    </Space>
  );
}
