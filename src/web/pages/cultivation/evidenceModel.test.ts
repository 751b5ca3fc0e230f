import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import type { EvidenceFile, EvidenceList } from '../../api/cultivationEvidence.ts';
import { checkEvidenceFile, groupByFact, refusalText } from './evidenceModel.ts';

const file = (id: number, fact: string): EvidenceFile => ({
  id,
  year: 2025,
  fact,
  fileName: `f${id}.pdf`,
  kind: 'pdf',
  contentType: 'application/pdf',
  sizeBytes: 100,
  sha256: '0'.repeat(64),
  createdAt: '2026-12-01T00:00:00.000Z',
  url: `/api/my/cultivation/evidence/${id}/file`,
});

const list = (items: EvidenceFile[]): EvidenceList => ({
  year: 2025,
  items,
  facts: ['netProfit', 'ipClassII', 'qualityItems'],
  maxBytes: 1000,
  maxFilesPerFact: 2,
  extensions: ['pdf', 'png'],
  removable: true,
});

describe('the evidence panel', () => {
  it('groups the files by fact in the order of the facts, a fact the list does not name last', () => {
    const groups = groupByFact(
      list([file(1, 'qualityItems'), file(2, 'bogus'), file(3, 'netProfit'), file(4, 'qualityItems')]),
    );
    expect(groups.map((g) => [g.fact, g.files.map((f) => f.id)])).toEqual([
      ['netProfit', [3]],
      ['qualityItems', [1, 4]],
      ['bogus', [2]],
    ]);
  });

  it('shows one fact’s files, an empty group when it has none', () => {
    const files = list([file(1, 'qualityItems'), file(2, 'netProfit')]);
    expect(groupByFact(files, 'netProfit')).toEqual([{ fact: 'netProfit', files: [file(2, 'netProfit')] }]);
    expect(groupByFact(files, 'ipClassII')).toEqual([{ fact: 'ipClassII', files: [] }]);
  });

  it('checks a picked file: a fact chosen, its extension, its size, and the room its fact has left', () => {
    const files = list([file(1, 'netProfit')]);
    const pdf = { name: '证书.PDF', size: 10 };
    expect(checkEvidenceFile(pdf, files, undefined)).toEqual({ problem: 'noFact' });
    expect(checkEvidenceFile({ name: 'a.exe', size: 10 }, files, 'ipClassII')).toEqual({
      problem: 'badType',
      extension: 'exe',
    });
    expect(checkEvidenceFile({ name: 'a.pdf', size: 1001 }, files, 'ipClassII')).toEqual({
      problem: 'tooLarge',
    });
    expect(checkEvidenceFile({ name: 'a.pdf', size: 0 }, files, 'ipClassII')).toEqual({ problem: 'empty' });
    expect(checkEvidenceFile(pdf, files, 'ipClassII')).toBeNull();
    expect(checkEvidenceFile(pdf, files, 'netProfit')).toBeNull();
    expect(checkEvidenceFile(pdf, files, 'netProfit', 1)).toEqual({ problem: 'tooMany', max: 2 });
  });

  it('puts a refusal in words: the message, then what it says of a field when that adds something', () => {
    const disguised = new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      '文件内容为「PNG 图片」，与扩展名 .pdf 不符',
      [{ field: 'file', message: '文件内容为「PNG 图片」，与扩展名 .pdf 不符' }],
    );
    expect(refusalText(disguised)).toBe('文件内容为「PNG 图片」，与扩展名 .pdf 不符');
    const fact = new ApiError(400, 'VALIDATION_FAILED', '请检查输入', [
      { field: 'fact', message: '不是企业自行填报的指标' },
    ]);
    expect(refusalText(fact)).toBe('请检查输入；不是企业自行填报的指标');
    expect(refusalText(new Error('network'))).toBe('network');
  });
});
