/** GB/T 4754-2017 industries from /api/industries, loaded once, as a tree for pickers. */
import { useEffect, useState } from 'react';
import { api, type Industry } from '../api/client.ts';

let cached: Promise<Industry[]> | null = null;

/** All industries (sections, divisions, groups, classes); the request is made once per page load. */
export function loadIndustries(): Promise<Industry[]> {
  if (!cached) {
    cached = api.industries().catch((error: unknown) => {
      cached = null;
      throw error;
    });
  }
  return cached;
}

/** The industry list, or an empty list until it has loaded (a failed load leaves it empty). */
export function useIndustries(): Industry[] {
  const [industries, setIndustries] = useState<Industry[]>([]);
  useEffect(() => {
    let active = true;
    loadIndustries().then(
      (list) => {
        if (active) setIndustries(list);
      },
      () => {
        // Pickers stay empty; the page's own requests report the problem.
      },
    );
    return () => {
      active = false;
    };
  }, []);
  return industries;
}

/** Depth of each level, to cut the tree. */
const DEPTH: Record<string, number> = { section: 1, division: 2, group: 3, class: 4 };

export type IndustryDepth = 'section' | 'division' | 'group' | 'class';

export interface IndustryOption {
  value: string;
  label: string;
  code: string;
  name: string;
  children?: IndustryOption[];
}

/** The tree of sections → divisions → groups (→ classes), cut at `maxLevel`. */
export function industryTree(
  industries: readonly Industry[],
  name: (item: Industry) => string,
  maxLevel: IndustryDepth,
): IndustryOption[] {
  const max = DEPTH[maxLevel] ?? 2;
  const byParent = new Map<string | null, Industry[]>();
  for (const item of industries) {
    if ((DEPTH[item.level] ?? 9) > max) continue;
    const list = byParent.get(item.parentCode) ?? [];
    list.push(item);
    byParent.set(item.parentCode, list);
  }
  const build = (parent: string | null): IndustryOption[] =>
    (byParent.get(parent) ?? []).map((item) => {
      const children = build(item.code);
      const option: IndustryOption = {
        value: item.code,
        code: item.code,
        name: name(item),
        label: `${item.code} ${name(item)}`,
      };
      if (children.length > 0) option.children = children;
      return option;
    });
  return build(null);
}

/** The code path from the section down to `code`, e.g. 'G591' → ['G', 'G59', 'G591']. */
export function industryPath(industries: readonly Industry[], code: string | undefined): string[] {
  if (!code) return [];
  const byCode = new Map(industries.map((item) => [item.code, item]));
  const path: string[] = [];
  let current = byCode.get(code);
  if (!current) return [code];
  while (current && path.length < 5) {
    path.unshift(current.code);
    current = current.parentCode ? byCode.get(current.parentCode) : undefined;
  }
  return path;
}

/** An industry's code with its name ('C 制造业'), as the pickers show it; the code alone while the list loads. */
export function industryLabel(
  industries: readonly Industry[],
  code: string,
  name: (item: Industry) => string,
): string {
  const found = industries.find((item) => item.code === code);
  return found ? `${code} ${name(found)}` : code;
}
