/** `/api/regions*`: GB/T 2260 names with their Hanyu Pinyin romanisation for English readers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';

describe('regions with romanised names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('names the provinces in Chinese and in Pinyin', async () => {
    const response = await t.request('GET', '/api/regions');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toContainEqual(
      expect.objectContaining({
        code: '330000',
        name: '浙江省',
        nameEn: 'Zhejiang Sheng',
        fullNameEn: 'Zhejiang Sheng',
      }),
    );
  });

  it('gives one county its romanised full name, smallest division first', async () => {
    const response = await t.request('GET', '/api/regions/320583');
    expect(response.json()).toMatchObject({
      name: '昆山市',
      fullName: '江苏省苏州市昆山市',
      nameEn: 'Kunshan Shi',
      fullNameEn: 'Kunshan Shi, Suzhou Shi, Jiangsu Sheng',
    });
  });
});
