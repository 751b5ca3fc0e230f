/**
 * Region names in the reader's language. GB/T 2260 names divisions in Chinese only: English readers get the Hanyu
 * Pinyin romanisation from /api/regions (nameEn, fullNameEn; docs/reference/regions-en.md), marked as such
 * (regionNameNote) because most divisions have no official English name.
 */
import { api, type RegionView } from '../api/client.ts';
import type { Locale } from '../i18n/core.ts';

/** The parts of a region the names are picked from. */
export type RegionNames = Pick<RegionView, 'name' | 'fullName' | 'nameEn' | 'fullNameEn'>;

/** A division's names as RegionName takes them, from a row that carries only its own name (not the full name). */
export function divisionNames(name: string, nameEn: string): RegionNames {
  return { name, nameEn, fullName: name, fullNameEn: nameEn };
}

/** A region's name in the language: Chinese as in GB/T 2260, English romanised (Chinese when none is known). */
export function regionName(region: Pick<RegionNames, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' ? region.nameEn || region.name : region.name;
}

/** A region's full name: '江苏省苏州市昆山市' / 'Kunshan Shi, Suzhou Shi, Jiangsu Sheng'. */
export function regionFullName(region: Pick<RegionNames, 'fullName' | 'fullNameEn'>, locale: Locale): string {
  return locale === 'en' ? region.fullNameEn || region.fullName : region.fullName;
}

const cache = new Map<string, Promise<RegionView>>();

/** A region by its GB/T 2260 code, asked once per page load (a failure is asked again next time). */
export function lookupRegion(code: string): Promise<RegionView> {
  let found = cache.get(code);
  if (!found) {
    found = api.region(code).catch((error: unknown) => {
      cache.delete(code);
      throw error;
    });
    cache.set(code, found);
  }
  return found;
}
