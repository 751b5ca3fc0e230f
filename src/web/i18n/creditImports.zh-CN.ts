/** Simplified Chinese messages of credit information (issue 14): department files on the imports page, coverage. */
export const creditImportsZh = {
  'imports.kind': '导入内容',
  'imports.kind.enterprises': '企业名录',
  'imports.kind.credit_records': '信用信息',
  'imports.kind.creditHint':
    '部门按国办发〔2021〕52号共享清单报送的信用记录；每条记录标注来源部门、决定日期和公示期限。',
  'imports.department': '来源部门',
  'imports.departmentPlaceholder': '选择报送信息的部门',
  'imports.departmentRequired': '请先选择来源部门',
  'imports.creditTemplateText':
    '信用信息模板含全部列和一行示例；Excel 模板另有“说明”和“类别与事项”表，列出各类别的事项及其数值或取值。',
  'imports.col.kind': '内容',
  'credit.coverage.title': '信用信息覆盖情况',
  'credit.coverage.intro':
    '按共享清单类别统计本辖区企业的信用信息：有公示中记录的企业数、占辖区企业的比例、记录数，以及记录日期的最新值和中位数（反映信息新旧）。已被更正或公示期已满的记录不计入。',
  'credit.coverage.region': '区域',
  'credit.coverage.enterprises': '辖区企业 {count} 家 · 统计日 {date}',
  'credit.coverage.col.category': '信息类别',
  'credit.coverage.col.enterprises': '有记录的企业',
  'credit.coverage.col.share': '覆盖率',
  'credit.coverage.col.records': '记录数',
  'credit.coverage.col.newest': '最新日期',
  'credit.coverage.col.median': '日期中位数',
  'credit.coverage.export': '导出',
  'credit.coverage.import': '导入信用信息',
  'nav.creditCoverage': '信用信息覆盖',
};
