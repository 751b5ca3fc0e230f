/**
 * How a user's scope (bound enterprise / institution / region and department / paying organisation / buying body) is
 * shown.
 */
import type { Department, User } from '../../api/client.ts';
import type { TFunction } from '../../i18n/I18nProvider.tsx';

/** One line describing what the user is bound to, or '—'. */
export function scopeText(user: User, t: TFunction, departmentName: (code: string) => string): string {
  switch (user.role) {
    case 'enterprise':
      return user.enterpriseName ?? t('common.empty');
    case 'bank':
      return user.institutionName ?? t('common.empty');
    case 'official': {
      const region = user.regionName ?? user.regionCode ?? t('common.empty');
      return user.departmentCode
        ? `${region} · ${t('users.scope.department', { name: departmentName(user.departmentCode) })}`
        : region;
    }
    case 'payer':
    case 'buyer':
      return organizationText(user) ?? t('common.empty');
    default:
      return t('common.empty');
  }
}

/** A paying organisation as "name（USCC）" (the name or the code alone when only one is known), or null. */
export function organizationText(user: Pick<User, 'organizationName' | 'organizationUscc'>): string | null {
  const { organizationName: name, organizationUscc: uscc } = user;
  if (name && uscc) return `${name}（${uscc}）`;
  return name || uscc || null;
}

/** Looks up a department's name in the current language, falling back to its code. */
export function departmentNamer(
  departments: Department[] | undefined,
  name: (item: { nameZh: string; nameEn: string }) => string,
): (code: string) => string {
  return (code) => {
    const found = departments?.find((row) => row.code === code);
    return found ? name(found) : code;
  };
}

/** Whether the account is locked right now. */
export function isLocked(user: User, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}
