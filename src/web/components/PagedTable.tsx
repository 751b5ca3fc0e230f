/**
 * The pieces of a searchable, server-paged, exportable list, shared by the officials' lists (enterprises, a
 * policy's 兑现名单 and 申报记录): a search box, the CSV/XLSX export buttons, and the table with its load error and
 * server paging. Each page lays them out as it needs; the list's state lives where the page keeps it (the URL, or
 * `useSearchPaging`).
 */
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Input, type InputProps, Table, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { serverPagination } from '../lib/pagination.ts';
import type { ApiState } from '../lib/queries.ts';
import { DownloadButton } from './DownloadButton.tsx';
import { LoadError } from './LoadError.tsx';

/** The search text applied to a list, its page and page size, kept in the component (not the URL). */
export interface SearchPaging {
  q: string;
  page: number;
  pageSize: number;
  /** Applies a search (trimmed), from page 1. */
  search: (text: string) => void;
  /** Back to page 1 (after another filter changed). */
  toFirstPage: () => void;
  /** The next page and page size (as `serverPagination` reports them). */
  onPageChange: (page: number, pageSize: number) => void;
}

/** The state of a searchable, paged list held in the component. */
export function useSearchPaging(initialPageSize = 20): SearchPaging {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const search = useCallback((text: string) => {
    setQ(text.trim());
    setPage(1);
  }, []);
  const toFirstPage = useCallback(() => setPage(1), []);
  const onPageChange = useCallback((nextPage: number, nextSize: number) => {
    setPage(nextPage);
    setPageSize(nextSize);
  }, []);
  return { q, page, pageSize, search, toFirstPage, onPageChange };
}

interface SearchBoxProps extends Omit<InputProps, 'value' | 'onChange'> {
  /** The search applied now: the box shows it again when it changes elsewhere (a link, a reset). */
  query: string;
  /** Applies the text typed (on Enter, the search button, or clearing it). */
  onSearch: (text: string) => void;
  enterButton?: string;
}

/** A search box: what is typed applies on Enter or the button; at most 100 characters. */
export function SearchBox({ query, onSearch, enterButton, ...rest }: SearchBoxProps) {
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  return (
    <Input.Search
      allowClear
      maxLength={100}
      {...rest}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(value) => onSearch(value.trim())}
      enterButton={enterButton}
    />
  );
}

interface ExportButtonsProps {
  /** The address of the export in a format. */
  url: (format: 'csv' | 'xlsx') => string;
  /** The file's name without its extension, used when the server does not name it. */
  fileName: string;
  labels: { csv: string; xlsx: string };
  /** Test ids `<testId>-export-csv` and `<testId>-export-xlsx`. */
  testId: string;
}

/** Download the list as CSV or XLSX, as the filters stand. */
export function ExportButtons({ url, fileName, labels, testId }: ExportButtonsProps) {
  return (
    <>
      <DownloadButton
        icon={<FileTextOutlined />}
        url={url('csv')}
        fileName={`${fileName}.csv`}
        data-testid={`${testId}-export-csv`}
      >
        {labels.csv}
      </DownloadButton>
      <DownloadButton
        icon={<FileExcelOutlined />}
        url={url('xlsx')}
        fileName={`${fileName}.xlsx`}
        data-testid={`${testId}-export-xlsx`}
      >
        {labels.xlsx}
      </DownloadButton>
    </>
  );
}

interface PagedTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  /** The loaded page of the list. */
  list: ApiState<{ items: T[]; total: number }>;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  /** "共 N 条" or the list's own words. */
  showTotal: (total: number) => string;
}

/** A server-paged table of a loaded list, its load error (with a retry) above it. */
export function PagedTable<T extends object>({
  list,
  page,
  pageSize,
  onPageChange,
  showTotal,
  ...table
}: PagedTableProps<T>) {
  return (
    <>
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<T>
        {...table}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={serverPagination({
          page,
          pageSize,
          total: list.data?.total ?? 0,
          showTotal,
          onChange: onPageChange,
        })}
      />
    </>
  );
}
