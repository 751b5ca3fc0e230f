/**
 * The one table of what each role may open: the side menu, the route guards and the home links all read it.
 * To give a role a page, add the page's key to its row.
 */
import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CalculatorOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  ControlOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  FundOutlined,
  FundProjectionScreenOutlined,
  GiftOutlined,
  HomeOutlined,
  InboxOutlined,
  LineChartOutlined,
  OrderedListOutlined,
  PercentageOutlined,
  PieChartOutlined,
  ProjectOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  SecurityScanOutlined,
  SendOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingOutlined,
  SlidersOutlined,
  SolutionOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { Role } from '../shared/roles.ts';
import { type NavKey, ROLE_NAV } from './roleAccess.ts';

export { canOpen, type NavKey, ROLE_NAV } from './roleAccess.ts';

import type { MessageKey } from './i18n/core.ts';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ComponentType;
}

/** Every page of the signed-in area: its path, menu label and icon. */
export const NAV_ITEMS: Record<NavKey, NavItem> = {
  home: { path: '/app', label: 'nav.home', icon: HomeOutlined },
  enterprises: { path: '/app/enterprises', label: 'nav.enterprises', icon: ShopOutlined },
  stats: { path: '/app/stats', label: 'nav.stats', icon: BarChartOutlined },
  imports: { path: '/app/imports', label: 'nav.imports', icon: CloudUploadOutlined },
  'credit-coverage': {
    path: '/app/credit/coverage',
    label: 'nav.creditCoverage',
    icon: SafetyCertificateOutlined,
  },
  'my-enterprise': { path: '/app/my-enterprise', label: 'nav.myEnterprise', icon: SolutionOutlined },
  policies: { path: '/app/policies', label: 'nav.policies', icon: FileTextOutlined },
  'my-policies': { path: '/app/my-policies', label: 'nav.myPolicies', icon: GiftOutlined },
  inbox: { path: '/app/inbox', label: 'nav.inbox', icon: BellOutlined },
  'my-cases': { path: '/app/my-cases', label: 'nav.myCases', icon: CommentOutlined },
  cases: { path: '/app/cases', label: 'nav.cases', icon: InboxOutlined },
  users: { path: '/app/admin/users', label: 'nav.users', icon: TeamOutlined },
  supervision: { path: '/app/supervision', label: 'nav.supervision', icon: DashboardOutlined },
  disclosures: { path: '/app/disclosures', label: 'nav.disclosures', icon: FileSearchOutlined },
  claims: { path: '/app/claims', label: 'nav.claims', icon: AccountBookOutlined },
  disclosure: { path: '/app/disclosure', label: 'nav.disclosure', icon: FileDoneOutlined },
  'routing-rules': { path: '/app/admin/routing-rules', label: 'nav.routingRules', icon: ApartmentOutlined },
  audit: { path: '/app/audit', label: 'nav.audit', icon: AuditOutlined },
  scorecards: { path: '/app/credit/scorecards', label: 'nav.scorecards', icon: SlidersOutlined },
  'my-credit': { path: '/app/my-credit', label: 'nav.myCredit', icon: SafetyCertificateOutlined },
  'credit-records': {
    path: '/app/credit-records',
    label: 'nav.creditRecords',
    icon: SafetyCertificateOutlined,
  },
  'bank-credit': { path: '/app/bank/credit', label: 'nav.bankCredit', icon: SecurityScanOutlined },
  'credit-admin': { path: '/app/credit-admin', label: 'nav.creditAdmin', icon: SafetyCertificateOutlined },
  'bank-financing-products': {
    path: '/app/bank/financing/products',
    label: 'nav.bankFinancingProducts',
    icon: BankOutlined,
  },
  'bank-financing-demands': {
    path: '/app/bank/financing/demands',
    label: 'nav.bankFinancingDemands',
    icon: FundOutlined,
  },
  'bank-financing-performance': {
    path: '/app/bank/financing/performance',
    label: 'nav.bankFinancingPerformance',
    icon: RiseOutlined,
  },
  'my-financing-products': {
    path: '/app/my/financing/products',
    label: 'nav.myFinancingProducts',
    icon: BankOutlined,
  },
  'my-financing-demands': {
    path: '/app/my/financing/demands',
    label: 'nav.myFinancingDemands',
    icon: FundOutlined,
  },
  'financing-desk': {
    path: '/app/financing/desk',
    label: 'nav.financingDesk',
    icon: CustomerServiceOutlined,
  },
  'financing-settings': {
    path: '/app/financing/settings',
    label: 'nav.financingSettings',
    icon: ControlOutlined,
  },
  'my-financing-receivables': {
    path: '/app/my/financing/receivables',
    label: 'nav.myReceivables',
    icon: FileProtectOutlined,
  },
  'payer-receivables': {
    path: '/app/payer/receivables',
    label: 'nav.payerReceivables',
    icon: FileProtectOutlined,
  },
  'financing-recommendations': {
    path: '/app/financing/recommendations',
    label: 'nav.financingRecommendations',
    icon: OrderedListOutlined,
  },
  'bank-financing-recommendations': {
    path: '/app/bank/financing/recommendations',
    label: 'nav.bankFinancingRecommendations',
    icon: SendOutlined,
  },
  'financing-dashboard': {
    path: '/app/financing/dashboard',
    label: 'nav.financingDashboard',
    icon: PieChartOutlined,
  },
  'monitoring-surveys': {
    path: '/app/monitoring/surveys',
    label: 'nav.monitoringSurveys',
    icon: FundProjectionScreenOutlined,
  },
  'monitoring-releases': {
    path: '/app/monitoring/releases',
    label: 'nav.monitoringReleases',
    icon: LineChartOutlined,
  },
  'monitoring-registry': {
    path: '/app/monitoring/registry',
    label: 'nav.monitoringRegistry',
    icon: CalculatorOutlined,
  },
  'monitoring-weights': {
    path: '/app/monitoring/weights',
    label: 'nav.monitoringWeights',
    icon: PercentageOutlined,
  },
  'my-surveys': { path: '/app/my/surveys', label: 'nav.mySurveys', icon: FormOutlined },
  'my-cultivation': { path: '/app/my/cultivation', label: 'nav.myCultivation', icon: RiseOutlined },
  'cultivation-dashboard': {
    path: '/app/cultivation/dashboard',
    label: 'nav.cultivationDashboard',
    icon: DashboardOutlined,
  },
  'cultivation-applications': {
    path: '/app/cultivation/applications',
    label: 'nav.cultivationApplications',
    icon: AuditOutlined,
  },
  'cultivation-settings': {
    path: '/app/cultivation/settings',
    label: 'nav.cultivationSettings',
    icon: SettingOutlined,
  },
  'cultivation-changes': {
    path: '/app/cultivation/changes',
    label: 'cultivationChanges.nav',
    icon: SafetyCertificateOutlined,
  },
  'procurement-shares': {
    path: '/app/procurement/shares',
    label: 'nav.procurementShares',
    icon: PieChartOutlined,
  },
  'procurement-bodies': {
    path: '/app/procurement/bodies',
    label: 'nav.procurementBodies',
    icon: ApartmentOutlined,
  },
  'procurement-projects': {
    path: '/app/procurement/projects',
    label: 'nav.procurementProjects',
    icon: ProjectOutlined,
  },
  'procurement-awards': {
    path: '/app/procurement/awards',
    label: 'nav.procurementAwards',
    icon: FileDoneOutlined,
  },
  'procurement-check': {
    path: '/app/procurement/check',
    label: 'nav.procurementCheck',
    icon: SafetyCertificateOutlined,
  },
  'procurement-recheck': {
    path: '/app/procurement/recheck',
    label: 'nav.procurementRecheck',
    icon: SyncOutlined,
  },
  'procurement-reports': {
    path: '/app/procurement/reports',
    label: 'nav.procurementReports',
    icon: FileTextOutlined,
  },
  account: { path: '/app/account', label: 'nav.account', icon: SettingOutlined },
};

/** A submenu of the side menu: entries of one area shown together under its name. */
export interface NavGroup {
  key: string;
  label: MessageKey;
  icon: ComponentType;
  /** Its entries, in the order they are listed. */
  items: readonly NavKey[];
  /** The roles whose menu gathers these pages under it (every role when absent); others list them as they are. */
  roles?: readonly Role[];
}

/**
 * The side menu's submenus. An official's menu has some twenty entries; the monitoring pages (measure 3) share one
 * submenu, 运行监测, the government procurement pages (measure 8) another, 政府采购, and gradient cultivation
 * (measures 16–17) a third, 梯度培育, so the list stays short enough to scan.
 */
export const NAV_GROUPS: readonly NavGroup[] = [
  {
    key: 'group-monitoring',
    label: 'nav.monitoring',
    icon: FundProjectionScreenOutlined,
    items: ['monitoring-surveys', 'monitoring-releases', 'monitoring-registry', 'monitoring-weights'],
  },
  {
    key: 'group-procurement',
    label: 'nav.procurement',
    icon: ShoppingOutlined,
    // A buyer's menu is its procurement pages: they stand in it as they are.
    roles: ['official', 'admin'],
    items: [
      'procurement-shares',
      'procurement-bodies',
      'procurement-projects',
      'procurement-awards',
      'procurement-check',
      'procurement-recheck',
      'procurement-reports',
    ],
  },
  {
    key: 'group-cultivation',
    label: 'nav.cultivation',
    icon: RiseOutlined,
    items: [
      'cultivation-dashboard',
      'cultivation-applications',
      'cultivation-settings',
      'cultivation-changes',
    ],
  },
];

/** An entry of a role's menu: a page, or a submenu of pages. */
export type MenuEntry = { kind: 'page'; key: NavKey } | { kind: 'group'; group: NavGroup; items: NavKey[] };

/**
 * A role's menu as drawn: its pages in the role table's order, those of a submenu gathered (in the submenu's own
 * order) where the first of them stands; a submenu with none of the role's pages is left out.
 */
export function menuEntries(role: Role): MenuEntry[] {
  const pages = ROLE_NAV[role];
  const entries: MenuEntry[] = [];
  const placed = new Set<string>();
  for (const key of pages) {
    const group = navGroupOf(key, role);
    if (!group) {
      entries.push({ kind: 'page', key });
      continue;
    }
    if (placed.has(group.key)) continue;
    placed.add(group.key);
    entries.push({ kind: 'group', group, items: group.items.filter((item) => pages.includes(item)) });
  }
  return entries;
}

/** The submenu a page is listed under (in a role's menu, when given), if any. */
export function navGroupOf(key: NavKey | null, role?: Role): NavGroup | undefined {
  return key
    ? NAV_GROUPS.find((g) => g.items.includes(key) && (!role || !g.roles || g.roles.includes(role)))
    : undefined;
}

/** The page key of a location, for highlighting the menu (longest matching path wins). */
export function navKeyOfPath(pathname: string): NavKey | null {
  let best: NavKey | null = null;
  let bestLength = -1;
  for (const [key, item] of Object.entries(NAV_ITEMS) as [NavKey, NavItem][]) {
    const matches = pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && item.path.length > bestLength) {
      best = key;
      bestLength = item.path.length;
    }
  }
  return best;
}

/** The message key of a role's name. */
export function roleLabel(role: Role): MessageKey {
  return `role.${role}`;
}

/** Tag colour of each role. */
export const ROLE_COLORS: Record<Role, string> = {
  enterprise: 'green',
  official: 'blue',
  bank: 'gold',
  admin: 'red',
  auditor: 'purple',
  payer: 'orange',
  buyer: 'cyan',
};
