/**
 * The accounts the demo seeds (src/server/modules/demo/demo.service.ts), listed on the sign-in page in demo mode.
 * The list is fixed here, so it is the same on every start; test/e2e/ui-usability.e2e.test.ts checks it against
 * the demo users in the database.
 */
import type { Role } from '../../shared/roles.ts';

/** One demo account: its username and role; its purpose is `login.demoPurpose.<username>`. */
export interface DemoAccount {
  username: string;
  role: Role;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin' },
  { username: 'auditor', role: 'auditor' },
  { username: 'official.province', role: 'official' },
  { username: 'official.city', role: 'official' },
  { username: 'official.county', role: 'official' },
  { username: 'enterprise', role: 'enterprise' },
  { username: 'bank', role: 'bank' },
  { username: 'bank.city', role: 'bank' },
  { username: 'bank.province', role: 'bank' },
  { username: 'payer', role: 'payer' },
  { username: 'buyer', role: 'buyer' },
];
