/** Public surface of the table import: streaming reader, column specs and template, row validation. */
export {
  CLASSIFY_CN_COLUMNS,
  CLASSIFY_EU_COLUMNS,
  type ColumnDef,
  type ColumnSpec,
  type ColumnUnit,
  columnHeader,
  ENTERPRISE_IMPORT_COLUMNS,
  type TemplateLayout,
  writeTemplate,
} from './columns.ts';
export type { TextEncodingName } from './encoding.ts';
export {
  type EnterpriseImportRecord,
  type ImportCertification,
  type ImportFigures,
  type ImportStatus,
  parseImportDate,
  parseImportNumber,
  type RowFieldError,
  type RowValidation,
  type RowValues,
  validateEnterpriseRow,
} from './row-validation.ts';
export {
  type CellError,
  type ReadTableOptions,
  type RowBatch,
  readTable,
  TableFileError,
  type TableFileErrorCode,
  type TableInfo,
  type TableRow,
  type TableSource,
} from './table-reader.ts';
export { toHalfWidth } from './text.ts';
