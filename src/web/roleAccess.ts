/**
 * Which pages of the signed-in area each role may open: the role table the menu, the page guard (RoleGate) and
 * boot.ts (which starts a page's first reads only for a role that may open it) share. No icons or React here:
 * boot.ts is a small script of its own.
 */
import type { Role } from '../shared/roles.ts';

/** Pages of the signed-in area. */
export type NavKey =
  | 'home'
  | 'enterprises'
  | 'stats'
  | 'imports'
  | 'credit-coverage'
  | 'my-enterprise'
  | 'policies'
  | 'my-policies'
  | 'inbox'
  | 'my-cases'
  | 'cases'
  | 'users'
  | 'routing-rules'
  | 'supervision'
  | 'disclosures'
  | 'claims'
  | 'disclosure'
  | 'audit'
  | 'scorecards'
  | 'my-credit'
  | 'credit-records'
  | 'bank-credit'
  | 'credit-admin'
  | 'bank-financing-products'
  | 'bank-financing-demands'
  | 'bank-financing-performance'
  | 'my-financing-products'
  | 'my-financing-demands'
  | 'financing-desk'
  | 'financing-settings'
  | 'my-financing-receivables'
  | 'payer-receivables'
  | 'financing-dashboard'
  | 'financing-recommendations'
  | 'bank-financing-recommendations'
  | 'monitoring-surveys'
  | 'monitoring-releases'
  | 'monitoring-weights'
  | 'monitoring-registry'
  | 'my-surveys'
  | 'procurement-bodies'
  | 'procurement-projects'
  | 'procurement-awards'
  | 'procurement-shares'
  | 'procurement-check'
  | 'procurement-recheck'
  | 'procurement-reports'
  | 'my-cultivation'
  | 'cultivation-dashboard'
  | 'cultivation-applications'
  | 'cultivation-settings'
  | 'cultivation-changes'
  | 'account';

/** Role → the pages it may open, in menu order. */
export const ROLE_NAV: Record<Role, readonly NavKey[]> = {
  enterprise: [
    'home',
    'my-enterprise',
    'my-credit',
    'my-policies',
    'my-cases',
    'credit-records',
    'my-financing-products',
    'my-financing-demands',
    'my-financing-receivables',
    'my-surveys',
    'my-cultivation',
    'inbox',
    'account',
  ],
  official: [
    'home',
    'enterprises',
    'stats',
    'imports',
    'credit-coverage',
    'policies',
    'scorecards',
    'cases',
    'supervision',
    'disclosures',
    'credit-admin',
    'financing-desk',
    'financing-recommendations',
    'financing-dashboard',
    'financing-settings',
    'monitoring-surveys',
    'monitoring-registry',
    'monitoring-releases',
    'monitoring-weights',
    'procurement-shares',
    'procurement-bodies',
    'procurement-projects',
    'procurement-awards',
    'procurement-check',
    'procurement-recheck',
    'procurement-reports',
    'cultivation-dashboard',
    'cultivation-applications',
    'cultivation-settings',
    'cultivation-changes',
    'inbox',
    'account',
  ],
  bank: [
    'home',
    'bank-credit',
    'bank-financing-products',
    'bank-financing-demands',
    'bank-financing-recommendations',
    'bank-financing-performance',
    'inbox',
    'account',
  ],
  admin: [
    'home',
    'enterprises',
    'stats',
    'imports',
    'credit-coverage',
    'policies',
    'scorecards',
    'cases',
    'supervision',
    'disclosures',
    'credit-admin',
    'financing-desk',
    'financing-recommendations',
    'financing-dashboard',
    'financing-settings',
    'monitoring-surveys',
    'monitoring-registry',
    'monitoring-releases',
    'monitoring-weights',
    'procurement-shares',
    'procurement-bodies',
    'procurement-projects',
    'procurement-awards',
    'procurement-check',
    'procurement-recheck',
    'procurement-reports',
    'cultivation-dashboard',
    'cultivation-applications',
    'cultivation-settings',
    'cultivation-changes',
    'users',
    'routing-rules',
    'audit',
    'account',
  ],
  auditor: ['home', 'audit', 'scorecards', 'account'],
  payer: ['home', 'claims', 'payer-receivables', 'disclosure', 'inbox', 'account'],
  buyer: [
    'home',
    'procurement-projects',
    'procurement-awards',
    'procurement-check',
    'procurement-reports',
    'inbox',
    'account',
  ],
};

/** Whether a role may open a page. */
export function canOpen(role: Role, key: NavKey): boolean {
  return ROLE_NAV[role].includes(key);
}
