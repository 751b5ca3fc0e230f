/** Simplified Chinese messages of the sign-in page's demo accounts, the landing page's tools, regions and errors. */
export const uiZh = {
  'region.romanisedNote': '汉语拼音转写，非官方英文名称（{name}）',

  'login.demoHint': '以下账号均为演示数据，密码见服务器启动时的输出。点击用户名即可填入。',
  'login.demoCol.username': '用户名',
  'login.demoCol.role': '角色',
  'login.demoCol.purpose': '用途',
  'login.demoPurpose.admin': '系统管理员：管理用户和案件分派规则，查看全部数据与审计日志',
  'login.demoPurpose.auditor': '审计员：只读查看审计日志并校验哈希链',
  'login.demoPurpose.official.province': '省级中小企业局（江苏省）：全省企业、统计、政策、督办',
  'login.demoPurpose.official.city': '市级工信局（苏州市）：本市企业、统计与案件',
  'login.demoPurpose.official.county': '县级中小企业服务中心（昆山市）：受理和办理本县诉求与投诉',
  'login.demoPurpose.enterprise':
    '企业用户：本企业信息、可享政策、诉求与拖欠账款投诉、融资需求与应收账款确权',
  'login.demoPurpose.bank': '银行客户经理（昆山）：贷款产品、受理融资需求、机构业绩',
  'login.demoPurpose.bank.city': '银行客户经理（苏州）：含应收账款融资产品，受理苏州市的融资需求',
  'login.demoPurpose.bank.province': '银行客户经理（江苏）：服务全省的贷款产品与融资需求',
  'login.demoPurpose.payer':
    '债务方（县直机关）财务负责人：答复针对本单位的拖欠账款投诉、应收账款确权、年度公示',

  'public.tools.title': '无需登录即可使用',
  'public.tools.open': '进入',
  'public.tool.library.title': '政策库与资格自测',
  'public.tool.library.text': '按地区、行业、对象查找惠企政策，逐条自测是否符合申报条件。',
  'public.tool.calculator.title': '拖欠账款计算器',
  'public.tool.calculator.text': '按《保障中小企业款项支付条例》计算付款期限、逾期天数和逾期利息。',
  'public.tool.sizeTest.title': '企业规模自测',
  'public.tool.sizeTest.text': '按工信部联企业〔2011〕300号标准判断大、中、小、微型企业。',
  'public.tool.disclosures.title': '拖欠账款公示',
  'public.tool.disclosures.text': '查看机关、事业单位和大型企业公开的逾期未支付中小企业账款信息。',
  'public.signedIn.title': '登录后使用',
  'public.signedIn.text': '以下服务已经开放，企业、金融机构和主管部门登录各自的账号后使用。',
  'public.signedIn.credit.title': '企业信用信息',
  'public.signedIn.credit.text':
    '企业查看本企业的信用记录、提出异议，并授权银行在约定范围和期限内查询；银行凭企业授权查询。',
  'public.signedIn.financing.title': '融资对接',
  'public.signedIn.financing.text':
    '银行发布贷款产品；企业查看可申请的产品、发布融资需求并跟踪银行的答复，已确权的应收账款可用于融资。',
  'public.monitoring.title': '运行监测',
  'public.monitoring.text':
    '根据样本企业问卷调查计算的中小企业发展指数，以及企业登记库的月度统计，均为已发布的数据，无需登录即可查看和下载。',
  'public.monitoring.index.title': '中小企业发展指数',
  'public.monitoring.index.text':
    '总指数、分项指数和 PMI 式综合指数的时间序列，可按行业、地区和规模查看，每个数值都可追溯其构成。',
  'public.monitoring.registry.title': '登记企业月度统计',
  'public.monitoring.registry.text': '存续、新设、退出和新入库企业数，按行业门类、地区和企业规模查看并下载。',

  'error.notFoundRecord.title': '未找到',
  'error.notFoundRecord.back': '返回上一页',
  'error.notFoundRecord.titleOf': '未找到{what}',
  'error.notFoundRecord.text': '请检查链接是否正确；该记录可能不存在、已被撤回，或不在您的查看范围内。',
  'error.record.policy': '政策 {id}',
  'error.record.case': '案件 {id}',
  'error.record.claim': '投诉 {id}',
  'error.record.enterprise': '企业 {id}',
  'error.record.user': '用户 {id}',
} as const;
