/**
 * Stable error codes of the API, their HTTP status and their messages in zh-CN and en.
 * Clients switch on `code`; the message is for people.
 */

/** Text in both languages of the platform. */
export interface Localized {
  zh: string;
  en: string;
}

/** Every error code the API returns. */
export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '输入有误，请检查标出的字段',
    en: 'The input is invalid; see the listed fields',
  },
  MALFORMED_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  BAD_REQUEST: { status: 400, zh: '请求无效', en: 'The request is invalid' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期或无效，请重新登录',
    en: 'Your session has expired or is invalid; please sign in again',
  },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    zh: '安全令牌缺失或无效，请刷新页面后重试',
    en: 'The security token is missing or invalid; reload the page and try again',
  },
  FORBIDDEN: { status: 403, zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  OUT_OF_SCOPE: { status: 403, zh: '该对象不在您的管辖范围内', en: 'This record is outside your scope' },
  NOT_FOUND: { status: 404, zh: '未找到该对象', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: {
    status: 409,
    zh: '该对象已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  ALREADY_EXISTS: { status: 409, zh: '该对象已存在', en: 'This already exists' },
  BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账户已暂时锁定',
    en: 'Too many failed sign-ins; the account is temporarily locked',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账户已停用', en: 'The account is disabled' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请稍后重试',
    en: 'Internal server error; please try again later',
  },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'The service is temporarily unavailable' },
  TOO_MANY_ATTACHMENTS: {
    status: 409,
    zh: '该案件的附件数量已达上限',
    en: 'This case has as many attachments as it may have',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库连接暂时中断，请稍后重试',
    en: 'The connection to the database was lost; please try again shortly',
  },
  INVALID_CHARACTER: {
    status: 400,
    zh: '输入含有无法保存的字符（空字符或不成对的代理码元），请检查标出的字段',
    en: 'The input holds a character that cannot be stored (NUL or an unpaired surrogate); see the listed fields',
  },
  JSON_TOO_DEEP: {
    status: 400,
    zh: '请求体 JSON 嵌套层数过多',
    en: 'The JSON request body is nested too deeply',
  },
  PATH_SEGMENT_TOO_LONG: {
    status: 414,
    zh: '地址中有一段过长（最多 255 字节）',
    en: 'A segment of the address is too long (at most 255 bytes)',
  },
  BAD_URL: {
    status: 400,
    zh: '地址无效（百分号编码有误）',
    en: 'The address is not valid (bad percent-encoding)',
  },
  // Imports (issue 11): reasons of a rejected row or file, stored with the job's report.
  IMPORT_ENTERPRISE_OUT_OF_SCOPE: {
    status: 403,
    zh: '该统一社会信用代码的企业登记在您的管辖区域之外，导入不能修改它',
    en: 'The enterprise with this USCC is registered outside your region; an import cannot change it',
  },
  IMPORT_REGION_OUT_OF_SCOPE: {
    status: 403,
    zh: '注册地不在您的管辖区域内',
    en: 'The registered region is outside your region',
  },
  IMPORT_XLSX_TOO_LARGE: {
    status: 413,
    zh: 'Excel 文件解压后超过上限（可能是压缩炸弹）；请拆分文件或另存为 CSV',
    en: 'The Excel file expands beyond the limit when unzipped (it may be a zip bomb); split it or save it as CSV',
  },
  // Imports (issue 12): every rejected row's reason has a code, shown in the error report's code column.
  IMPORT_VALUE_MISSING: { status: 400, zh: '必填项为空', en: 'A required value is empty' },
  IMPORT_VALUE_INVALID: { status: 400, zh: '取值无效', en: 'The value is not valid' },
  IMPORT_CELL_INVALID: { status: 400, zh: '单元格无法读取', en: 'The cell cannot be read' },
  IMPORT_DUPLICATE_USCC: {
    status: 400,
    zh: '统一社会信用代码与前面的行重复',
    en: 'The USCC repeats an earlier row',
  },
  IMPORT_FILE_INVALID: { status: 400, zh: '文件无法导入', en: 'The file cannot be imported' },
  // Credit (issue 14): a bank's query under a consent.
  CONSENT_NOT_LIVE: {
    status: 403,
    zh: '该授权当前无效（未授权、已撤回、已拒绝或已过期），不能查询',
    en: 'This consent is not in force (not authorised, revoked, rejected or expired); no query is allowed',
  },
  CATEGORY_NOT_CONSENTED: {
    status: 403,
    zh: '企业未授权查询该类信息',
    en: 'The enterprise has not consented to this category',
  },
  CONSENT_CHECK_ONLY: {
    status: 403,
    zh: '该授权仅允许核验（是/否），不能查看信用报告',
    en: 'This consent allows check-only queries (yes/no), not the credit report',
  },
  // Credit imports (issue 14): a department's record about an enterprise the registry lacks, or repeated.
  IMPORT_UNKNOWN_USCC: {
    status: 400,
    zh: '企业名录中没有该统一社会信用代码的企业',
    en: 'The registry has no enterprise with this USCC',
  },
  IMPORT_DUPLICATE_SOURCE_REF: {
    status: 400,
    zh: '来源编号与前面的行重复',
    en: 'The source record number repeats an earlier row',
  },
  // Procurement open data (issue 17): an OCDS file refused whole, naming each problem's JSON path or CSV row and
  // column; a release whose buyer is not a registered buying body.
  OCDS_INVALID: {
    status: 400,
    zh: '文件不是有效的 OCDS，未导入任何内容',
    en: 'The file is not valid OCDS; nothing was imported',
  },
  PROCUREMENT_BODY_NOT_REGISTERED: {
    status: 422,
    zh: '发布中的采购单位尚未在惠企登记，未导入任何内容',
    en: 'A buying body the releases name is not registered in Huiqi; nothing was imported',
  },
} as const satisfies Record<string, Localized & { status: number }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The one error body of the API. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  errors?: { field: string; message: string }[];
  requestId?: string;
}
