/**
 * A region's name by its GB/T 2260 code in the reader's language: in English the Hanyu Pinyin romanisation with a
 * tooltip saying it is romanised (no official English name), and the Chinese name beside it in the tooltip.
 * Pages that show region names call this (or regionName/regionFullName of lib/regions.ts when they hold the names).
 */
import { Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { RegionView } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { lookupRegion, type RegionNames, regionFullName, regionName } from '../lib/regions.ts';

interface RegionNameProps {
  /** The code to look up; or `region` when the page already holds the names. */
  code?: string;
  region?: RegionNames;
  /** The full name ('江苏省苏州市昆山市') instead of the division's own. */
  full?: boolean;
  /**
   * The Chinese name the page already holds (an API row's regionName, as `full` says): shown as it is in Chinese,
   * with no lookup; in English the code is looked up for the romanised name, and this shows until it is known.
   */
  name?: string | null;
}

/** The name, romanised and marked in English; the code until the name is known. */
export function RegionName({ code, region: given, full = false, name }: RegionNameProps) {
  const { t, locale } = useI18n();
  const [loaded, setLoaded] = useState<RegionView | null>(null);
  const held = name != null && locale !== 'en';
  useEffect(() => {
    if (given || !code || held) return;
    let active = true;
    lookupRegion(code).then(
      (found) => {
        if (active) setLoaded(found);
      },
      () => {
        // The code stays shown.
      },
    );
    return () => {
      active = false;
    };
  }, [code, given, held]);
  if (held) return <>{name}</>;
  const region = given ?? loaded;
  if (!region) return <>{name ?? code ?? ''}</>;
  const shown = full ? regionFullName(region, locale) : regionName(region, locale);
  if (locale !== 'en') return <>{shown}</>;
  const chinese = full ? region.fullName : region.name;
  return (
    <Tooltip title={t('region.romanisedNote', { name: chinese })}>
      <span data-testid="region-romanised" className="huiqi-romanised">
        {shown}
      </span>
    </Tooltip>
  );
}
