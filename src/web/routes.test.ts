/** The page table (routes.ts) names every page module there is, once, and only modules that exist. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAV_ITEMS } from './nav.ts';
import { allRoutes } from './routes.ts';

const PAGES = path.join(import.meta.dirname, 'pages');

function pageModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageModules(full);
    return /Page\.tsx$/.test(entry.name) ? [path.relative(PAGES, full).replace(/\.tsx$/, '')] : [];
  });
}

describe('the page table', () => {
  const routes = allRoutes();

  it('names only page modules that exist, and routes every …Page.tsx', () => {
    for (const { route } of routes)
      expect(existsSync(path.join(PAGES, `${route.page}.tsx`)), route.page).toBe(true);
    const routed = new Set(routes.map(({ route }) => route.page));
    expect(pageModules(PAGES).filter((page) => !routed.has(page))).toEqual([]);
  });

  it('has each address once, and the signed-in menu’s addresses among them', () => {
    const addresses = routes.map(({ path: address }) => address);
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const item of Object.values(NAV_ITEMS)) expect(addresses, item.path).toContain(item.path);
  });
});
