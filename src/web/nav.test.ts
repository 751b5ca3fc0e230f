import { describe, expect, it } from 'vitest';
import { ROLES } from '../shared/roles.ts';
import { dictionaries, LOCALES } from './i18n/core.ts';
import { menuEntries, NAV_GROUPS, NAV_ITEMS, ROLE_NAV } from './nav.ts';

describe('the side menu', () => {
  it('gives every entry of a role’s menu its own label in both languages', () => {
    for (const role of ROLES)
      for (const locale of LOCALES) {
        const labels = ROLE_NAV[role].map((key) => dictionaries[locale][NAV_ITEMS[key].label]);
        expect(new Set(labels).size, `${role} (${locale}): ${labels.join(', ')}`).toBe(labels.length);
      }
  });
});

describe('the side menu’s submenus', () => {
  it('lists every page of a role’s menu once, a submenu’s pages under it', () => {
    for (const role of ROLES) {
      const listed = menuEntries(role).flatMap((e) => (e.kind === 'page' ? [e.key] : e.items));
      expect([...listed].sort()).toEqual([...ROLE_NAV[role]].sort());
    }
  });

  it('gathers an official’s monitoring pages under 运行监测, in the submenu’s order', () => {
    const groups = menuEntries('official').filter((e) => e.kind === 'group');
    expect(groups.map((g) => (g.kind === 'group' ? g.group.key : ''))).toEqual(['group-monitoring']);
    const monitoring = groups[0];
    expect(monitoring?.kind === 'group' ? monitoring.items : []).toEqual([
      'monitoring-surveys',
      'monitoring-releases',
      'monitoring-registry',
      'monitoring-weights',
    ]);
    expect(dictionaries['zh-CN']['nav.monitoring']).toBe('运行监测');
    expect(dictionaries.en['nav.monitoring']).toBe('Monitoring');
  });

  it('leaves out a submenu a role has no page of', () => {
    expect(menuEntries('enterprise').some((e) => e.kind === 'group')).toBe(false);
    for (const group of NAV_GROUPS) expect(group.items.length).toBeGreaterThan(0);
  });
});
