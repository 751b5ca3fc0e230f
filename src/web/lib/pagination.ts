/** Server-side paging of antd tables: the page state and the Table `pagination` prop built from it. */
import type { TablePaginationConfig } from 'antd';
import { useCallback, useState } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';

/** Page sizes offered by most lists. */
export const PAGE_SIZES = [10, 20, 50, 100];

export interface Paging {
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
  /** Back to page 1 (after a filter change). */
  toFirstPage: () => void;
  /** The Table `pagination` prop for a result of `total` rows. */
  pagination: (total: number | undefined) => TablePaginationConfig;
}

/**
 * Page and page size of a server-paged table. Changing the page size goes back to page 1; the total is shown
 * as "共 N 条".
 */
export function usePaging(initialPageSize = 20, pageSizeOptions: number[] = PAGE_SIZES): Paging {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const toFirstPage = useCallback(() => setPage(1), []);
  const pagination = (total: number | undefined): TablePaginationConfig =>
    serverPagination({
      page,
      pageSize,
      total: total ?? 0,
      pageSizeOptions,
      showTotal: (count) => t('common.total', { total: count }),
      onChange: (nextPage, nextSize) => {
        setPage(nextPage);
        setPageSize(nextSize);
      },
    });
  return { page, pageSize, setPage, toFirstPage, pagination };
}

interface ServerPaginationArgs {
  page: number;
  pageSize: number;
  total: number;
  pageSizeOptions?: number[];
  showTotal: (total: number) => string;
  /** The next page (1 when the page size changed) and page size. */
  onChange: (page: number, pageSize: number) => void;
}

/** The Table `pagination` prop of a server-paged list whose page state lives elsewhere (e.g. in the URL). */
export function serverPagination({
  page,
  pageSize,
  total,
  pageSizeOptions = PAGE_SIZES,
  showTotal,
  onChange,
}: ServerPaginationArgs): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions,
    showTotal,
    onChange: (nextPage, nextSize) => onChange(nextSize === pageSize ? nextPage : 1, nextSize),
  };
}
