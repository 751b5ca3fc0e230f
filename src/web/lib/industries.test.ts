import { describe, expect, it } from 'vitest';
import type { Industry } from '../api/client.ts';
import { industryLabel } from './industries.ts';

const sections: Industry[] = [
  { code: 'C', level: 'section', nameZh: '制造业', nameEn: 'Manufacturing', parentCode: null, section: 'C' },
  {
    code: 'I',
    level: 'section',
    nameZh: '软件和信息技术服务业',
    nameEn: 'IT services',
    parentCode: null,
    section: 'I',
  },
];

describe('industryLabel', () => {
  it('shows a GB/T 4754 section with its name beside its letter', () => {
    expect(industryLabel(sections, 'C', (item) => item.nameZh)).toBe('C 制造业');
    expect(industryLabel(sections, 'I', (item) => item.nameEn)).toBe('I IT services');
  });

  it('shows the code alone while the list has not loaded', () => {
    expect(industryLabel([], 'C', (item) => item.nameZh)).toBe('C');
  });
});
