import { describe, expect, it } from 'vitest';
import { reportYears, versionStanding, versionState } from './reportModel.ts';

describe('the years a report can be made of', () => {
  it('runs from the current year in China down to 2021, never the next year', () => {
    expect(reportYears('2024-01-01')).toEqual([2024, 2023, 2022, 2021]);
    expect(reportYears('2021-06-30')).toEqual([2021]);
  });
});

describe('where a version stands', () => {
  const versions = [
    { id: 4, reportVersion: 1, state: 'published' as const },
    { id: 9, reportVersion: 2, state: 'published' as const },
    { id: 12, reportVersion: 3, state: 'draft' as const },
  ];

  it('finds an earlier publication superseded by the latest, with the correction in the making', () => {
    expect(versionStanding(4, versions)).toEqual({
      latest: versions[1],
      draft: versions[2],
      isSuperseded: true,
    });
  });

  it('does not call the latest publication or a draft superseded', () => {
    expect(versionStanding(9, versions).isSuperseded).toBe(false);
    expect(versionStanding(12, versions).isSuperseded).toBe(false);
    expect(versionStanding(1, [{ id: 1, reportVersion: 1, state: 'draft' }])).toEqual({
      latest: null,
      draft: { id: 1, reportVersion: 1, state: 'draft' },
      isSuperseded: false,
    });
  });

  it('tells a corrected publication as superseded, the latest as published, a draft as a draft', () => {
    expect(versions.map((v) => versionState(v, versions))).toEqual(['superseded', 'published', 'draft']);
    expect(versionState(versions[0] as (typeof versions)[number], versions.slice(0, 1))).toBe('published');
  });
});
