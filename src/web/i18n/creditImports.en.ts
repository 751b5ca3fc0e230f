/** English messages of credit information (issue 14): department files on the imports page, coverage. */
export const creditImportsEn = {
  'imports.kind': 'What to import',
  'imports.kind.enterprises': 'Enterprise registry',
  'imports.kind.credit_records': 'Credit records',
  'imports.kind.creditHint':
    "A department's credit records by category of the 国办发〔2021〕52号 sharing list; each record keeps its source department, decision date and publication period.",
  'imports.department': 'Source department',
  'imports.departmentPlaceholder': 'Choose the department that sent the records',
  'imports.departmentRequired': 'Choose the source department first',
  'imports.creditTemplateText':
    "The credit template has every column and an example row; the Excel template adds an instructions sheet and an Items sheet listing each category's items with their number or values.",
  'imports.col.kind': 'Contents',
  'credit.coverage.title': 'Credit information coverage',
  'credit.coverage.intro':
    "Credit information about your region's enterprises by category of the sharing list: enterprises with a published record, their share of the region's enterprises, the records, and the newest and median record date (how fresh). Superseded records and records whose publication ended are not counted.",
  'credit.coverage.region': 'Region',
  'credit.coverage.enterprises': '{count} enterprises in the region · as of {date}',
  'credit.coverage.col.category': 'Category',
  'credit.coverage.col.enterprises': 'Enterprises with records',
  'credit.coverage.col.share': 'Share',
  'credit.coverage.col.records': 'Records',
  'credit.coverage.col.newest': 'Newest',
  'credit.coverage.col.median': 'Median date',
  'credit.coverage.export': 'Export',
  'credit.coverage.import': 'Import credit records',
  'nav.creditCoverage': 'Credit coverage',
};
