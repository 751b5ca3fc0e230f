/** Roles a signed-in user can have. The public (no login) is `anonymous` in access declarations. */
export const ROLES = ['enterprise', 'official', 'bank', 'admin', 'auditor', 'payer', 'buyer'] as const;

/** A signed-in user's role. */
export type Role = (typeof ROLES)[number];

/** Type guard for Role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
