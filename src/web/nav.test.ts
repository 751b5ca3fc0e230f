import { describe, expect, it } from 'vitest';
import { ROLES } from '../shared/roles.ts';
import { dictionaries, LOCALES } from './i18n/core.ts';
import { menuEntries, NAV_GROUPS, NAV_ITEMS, navGroupOf, ROLE_NAV } from './nav.ts';

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

  it('gathers an official’s monitoring pages under 运行监测 and procurement under 政府采购, in each submenu’s order', () => {
    const groups = menuEntries('official').filter((e) => e.kind === 'group');
    expect(groups.map((g) => (g.kind === 'group' ? g.group.key : ''))).toEqual([
      'group-monitoring',
      'group-procurement',
      'group-cultivation',
    ]);
    const [monitoring, procurement] = groups;
    expect(monitoring?.kind === 'group' ? monitoring.items : []).toEqual([
      'monitoring-surveys',
      'monitoring-releases',
      'monitoring-registry',
      'monitoring-weights',
    ]);
    expect(procurement?.kind === 'group' ? procurement.items : []).toEqual([
      'procurement-shares',
      'procurement-bodies',
      'procurement-projects',
      'procurement-awards',
      'procurement-check',
      'procurement-recheck',
      'procurement-reports',
    ]);
    expect(dictionaries['zh-CN']['nav.monitoring']).toBe('运行监测');
    expect(dictionaries.en['nav.monitoring']).toBe('Monitoring');
    expect(dictionaries['zh-CN']['nav.procurement']).toBe('政府采购');
  });

  it('lists a buyer’s procurement pages in its menu as they are, no submenu', () => {
    expect(menuEntries('buyer')).toEqual([
      { kind: 'page', key: 'home' },
      { kind: 'page', key: 'procurement-projects' },
      { kind: 'page', key: 'procurement-awards' },
      { kind: 'page', key: 'procurement-check' },
      { kind: 'page', key: 'procurement-reports' },
      { kind: 'page', key: 'inbox' },
      { kind: 'page', key: 'account' },
    ]);
    expect(navGroupOf('procurement-projects', 'buyer')).toBeUndefined();
    expect(navGroupOf('procurement-projects', 'official')?.key).toBe('group-procurement');
    expect(dictionaries['zh-CN']['role.buyer']).toBe('采购人');
    expect(dictionaries.en['role.buyer']).toBe('Buyer');
  });

  it('leaves out a submenu a role has no page of', () => {
    expect(menuEntries('enterprise').some((e) => e.kind === 'group')).toBe(false);
    for (const group of NAV_GROUPS) expect(group.items.length).toBeGreaterThan(0);
  });
});
