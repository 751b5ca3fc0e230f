/** Names the supervision dashboard and its exports share (plain data: the web app and the server import it). */
/**
 * Titles of the dashboard's columns, one source for the page's tables and the server's exports (an export names
 * each figure as the page does).
 */
export const DASHBOARD_COLUMN_TITLES = {
  region: { zh: '地区', en: 'Region' },
  department: { zh: '承办部门', en: 'Department' },
  debtorKind: { zh: '债务人类型', en: 'Kind of debtor' },
  month: { zh: '收件月份', en: 'Month received' },
  received: { zh: '收件', en: 'Received' },
  open: { zh: '在办', en: 'Open' },
  overdue: { zh: '已超期', en: 'Overdue' },
  dueSoon: { zh: '即将到期', en: 'Due soon' },
  replied: { zh: '已答复', en: 'Replied' },
  onTimeRate: { zh: '按时答复率', en: 'On time' },
  averageDays: { zh: '平均办理天数', en: 'Average days' },
  rated: { zh: '已评价', en: 'Rated' },
  satisfaction: { zh: '满意率', en: 'Satisfaction' },
  reopenRate: { zh: '重办率', en: 'Reopened' },
  claimed: { zh: '投诉金额（元）', en: 'Claimed (CNY)' },
  repaid: { zh: '已清偿（元）', en: 'Repaid (CNY)' },
  outstanding: { zh: '未清偿（元）', en: 'Outstanding (CNY)' },
  clearance: { zh: '清偿率', en: 'Cleared' },
  total: { zh: '合计', en: 'Total' },
} as const;

/** Names of the kinds of debtor in the dashboard ('' in the roll-up: no kind recorded). */
export const DEBTOR_KIND_TITLES = {
  government: { zh: '机关', en: 'Government body' },
  public_institution: { zh: '事业单位', en: 'Public institution' },
  large_enterprise: { zh: '大型企业', en: 'Large enterprise' },
  '': { zh: '未填写', en: 'Not given' },
} as const;

/** The name of a kind of debtor in both languages (an unknown kind as it is). */
export function debtorKindTitle(kind: string): { zh: string; en: string } {
  return Object.hasOwn(DEBTOR_KIND_TITLES, kind)
    ? DEBTOR_KIND_TITLES[kind as keyof typeof DEBTOR_KIND_TITLES]
    : { zh: kind, en: kind };
}
