/**
 * Departments an official may belong to: the 17 co-issuers of 工信部联企业〔2020〕108号
 * 《关于健全支持中小企业发展制度的若干意见》, plus the SME bureau / 促进中小企业发展工作领导小组办公室
 * established under 《中华人民共和国中小企业促进法》(2017 revision) art. 5.
 *
 * Names are the generic local "部门" form used at every level of government; `nationalZh` /
 * `nationalEn` give the State Council body that heads the system.
 */

/** One government department in the SME support system (工信部联企业〔2020〕108号). */
export interface Department {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly nationalZh: string;
  readonly nationalEn: string;
  /** Whether the department co-issued the 2020 Opinions (工信部联企业〔2020〕108号). */
  readonly opinions2020: boolean;
}

type Row = readonly [code: string, nameZh: string, nameEn: string, nationalZh: string, nationalEn: string];

/** The 17 co-issuers in the order they sign 工信部联企业〔2020〕108号. */
const CO_ISSUERS: readonly Row[] = [
  [
    'miit',
    '工业和信息化部门',
    'Industry and Information Technology',
    '工业和信息化部',
    'Ministry of Industry and Information Technology',
  ],
  [
    'ndrc',
    '发展改革部门',
    'Development and Reform',
    '国家发展和改革委员会',
    'National Development and Reform Commission',
  ],
  ['most', '科技部门', 'Science and Technology', '科学技术部', 'Ministry of Science and Technology'],
  ['mof', '财政部门', 'Finance', '财政部', 'Ministry of Finance'],
  [
    'mohrss',
    '人力资源社会保障部门',
    'Human Resources and Social Security',
    '人力资源和社会保障部',
    'Ministry of Human Resources and Social Security',
  ],
  ['mee', '生态环境部门', 'Ecology and Environment', '生态环境部', 'Ministry of Ecology and Environment'],
  [
    'moa',
    '农业农村部门',
    'Agriculture and Rural Affairs',
    '农业农村部',
    'Ministry of Agriculture and Rural Affairs',
  ],
  ['mofcom', '商务部门', 'Commerce', '商务部', 'Ministry of Commerce'],
  ['mct', '文化和旅游部门', 'Culture and Tourism', '文化和旅游部', 'Ministry of Culture and Tourism'],
  ['pbc', '人民银行', "People's Bank of China", '中国人民银行', "People's Bank of China"],
  ['gacc', '海关', 'Customs', '海关总署', 'General Administration of Customs'],
  ['sat', '税务部门', 'Taxation', '国家税务总局', 'State Taxation Administration'],
  [
    'samr',
    '市场监管部门',
    'Market Regulation',
    '国家市场监督管理总局',
    'State Administration for Market Regulation',
  ],
  ['nbs', '统计部门', 'Statistics', '国家统计局', 'National Bureau of Statistics'],
  // 2020 co-issuer 银保监会 (CBIRC); its functions passed to 国家金融监督管理总局 (NFRA) in 2023.
  [
    'cbirc',
    '金融监管部门',
    'Financial Regulation',
    '国家金融监督管理总局',
    'National Financial Regulatory Administration',
  ],
  [
    'csrc',
    '证券监管部门',
    'Securities Regulation',
    '中国证券监督管理委员会',
    'China Securities Regulatory Commission',
  ],
  [
    'cnipa',
    '知识产权部门',
    'Intellectual Property',
    '国家知识产权局',
    'China National Intellectual Property Administration',
  ],
];

/** The SME authority (中小企业主管部门); nationally the office sits within MIIT. */
const SME_BUREAU: Row = [
  'sme',
  '中小企业主管部门',
  'SME Authority',
  '国务院促进中小企业发展工作领导小组办公室',
  'Office of the State Council Leading Group for Promoting the Development of SMEs',
];

const DEPARTMENTS: readonly Department[] = Object.freeze([
  ...[SME_BUREAU, ...CO_ISSUERS].map(([code, nameZh, nameEn, nationalZh, nationalEn]) =>
    Object.freeze({ code, nameZh, nameEn, nationalZh, nationalEn, opinions2020: code !== 'sme' }),
  ),
]);
const BY_CODE: ReadonlyMap<string, Department> = new Map(DEPARTMENTS.map((d) => [d.code, d]));

/** All departments of the SME support system: the SME authority, then the 17 co-issuers of 工信部联企业〔2020〕108号. */
export function allDepartments(): readonly Department[] {
  return DEPARTMENTS;
}

/** Look up a department (工信部联企业〔2020〕108号 co-issuer or the SME authority) by code. */
export function findDepartment(code: string): Department | undefined {
  return BY_CODE.get(code);
}

/** Whether `code` names a department of the SME support system (工信部联企业〔2020〕108号). */
export function isDepartmentCode(code: string): boolean {
  return BY_CODE.has(code);
}
