/**
 * What the annual report pages compute on their own: the years a report can be made of, and which of a report's
 * versions the reader looks at against the one in force.
 */

/** The first year a report can be made of (财库〔2020〕46号 in force from 2021-01-01). */
export const FIRST_REPORT_YEAR = 2021;

/** The years a report can be made of, newest first: the current year (in China) down to 2021. */
export function reportYears(today: string): number[] {
  const years: number[] = [];
  for (let year = Number(today.slice(0, 4)); year >= FIRST_REPORT_YEAR; year--) years.push(year);
  return years;
}

/** A version of a report's year as the API lists it. */
export interface VersionLike {
  id: number;
  reportVersion: number;
  state: 'draft' | 'published';
}

/**
 * Where a report stands among its year's versions: the latest published one (what the public reads), a draft in the
 * making (a first version or a correction), and whether the version shown is superseded by a later publication.
 */
export function versionStanding(shownId: number, versions: readonly VersionLike[]) {
  const published = versions.filter((v) => v.state === 'published');
  const latest = published.at(-1) ?? null;
  const draft = versions.find((v) => v.state === 'draft') ?? null;
  const shown = versions.find((v) => v.id === shownId) ?? null;
  return {
    latest,
    draft,
    isSuperseded: shown?.state === 'published' && latest !== null && latest.id !== shownId,
  };
}

/** A version's state as its readers are told it: a publication a later one corrected is 'superseded'. */
export function versionState(
  version: Pick<VersionLike, 'id' | 'state'>,
  versions: readonly VersionLike[],
): 'draft' | 'published' | 'superseded' {
  if (version.state === 'draft') return 'draft';
  return versionStanding(version.id, versions).isSuperseded ? 'superseded' : 'published';
}
