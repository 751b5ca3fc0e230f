import { describe, expect, it } from 'vitest';
import { ROLES } from '../shared/roles.ts';
import { dictionaries, LOCALES } from './i18n/core.ts';
import { NAV_ITEMS, ROLE_NAV } from './nav.ts';

describe('the side menu', () => {
  it('gives every entry of a role’s menu its own label in both languages', () => {
    for (const role of ROLES)
      for (const locale of LOCALES) {
        const labels = ROLE_NAV[role].map((key) => dictionaries[locale][NAV_ITEMS[key].label]);
        expect(new Set(labels).size, `${role} (${locale}): ${labels.join(', ')}`).toBe(labels.length);
      }
  });
});
