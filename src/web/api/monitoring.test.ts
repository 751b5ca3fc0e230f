import { describe, expect, it } from 'vitest';
import { monitoringDownloads } from './monitoring.ts';

describe('the monitoring downloads', () => {
  it('ask for the public series of the group picked: measure, industry, region and size', () => {
    const url = new URL(
      monitoringDownloads.publicSeries(
        7,
        { measure: 'sub:market', industry: 'construction', regionCode: '320505', size: 'small' },
        'xlsx',
        'en',
      ),
      'http://huiqi.test',
    );
    expect(url.pathname).toBe('/api/public/monitoring/surveys/7/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      measure: 'sub:market',
      industry: 'construction',
      regionCode: '320505',
      size: 'small',
      format: 'xlsx',
      lang: 'en',
    });
  });

  it('leave out the pickers left at every one', () => {
    const url = new URL(
      monitoringDownloads.publicSeries(7, { industry: undefined, regionCode: '' }, 'csv', 'zh'),
      'http://huiqi.test',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', lang: 'zh' });
  });

  it('ask for a region’s registry statistics of the group picked', () => {
    const url = new URL(
      monitoringDownloads.publicRegistry(
        '320500',
        { measure: 'entries', industry: 'C', regionCode: '320505', size: 'micro' },
        'csv',
        'zh',
      ),
      'http://huiqi.test',
    );
    expect(url.pathname).toBe('/api/public/monitoring/registry/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      region: '320500',
      measure: 'entries',
      industry: 'C',
      regionCode: '320505',
      size: 'micro',
      format: 'csv',
      lang: 'zh',
    });
  });
});
