import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../../server/modules/cases/index.ts';
import { caseTitle, OFFICIAL_ACTIONS, shownActions, statesOf } from './caseModel.ts';

describe('officials’ case actions', () => {
  it('mirror the server’s transition table for officials', () => {
    const server = Object.entries(TRANSITIONS)
      .filter(([, transition]) => transition.by.includes('official'))
      .map(([action, transition]) => [action, [...transition.from].sort()]);
    const client = Object.entries(OFFICIAL_ACTIONS).map(([action, from]) => [action, [...from].sort()]);
    expect(Object.fromEntries(client)).toEqual(Object.fromEntries(server));
  });

  it('show only what the server offers, in display order', () => {
    expect(shownActions(['comment', 'merge', 'accept', 'transfer', 'return', 'supervise'])).toEqual([
      'accept',
      'transfer',
      'merge',
      'return',
      'comment',
    ]);
    expect(shownActions(['supervise', 'acknowledge_supervision'])).toEqual([]);
    expect(shownActions([])).toEqual([]);
  });

  it('title a case in English where the system built an English title', () => {
    const built = { title: '拖欠账款：某局（合同 A-1）', titleEn: 'Overdue payment: 某局 (contract A-1)' };
    expect(caseTitle(built, 'en')).toBe(built.titleEn);
    expect(caseTitle(built, 'zh-CN')).toBe(built.title);
    expect(caseTitle({ title: '招工难', titleEn: null }, 'en')).toBe('招工难');
  });

  it('read the queue’s state parameter: one, several, every open one (the default) or all', () => {
    expect(statesOf(null)).toEqual([]);
    expect(statesOf('submitted')).toEqual(['submitted']);
    expect(statesOf('submitted,accepted,bogus')).toEqual(['submitted', 'accepted']);
    expect(statesOf('submitted,accepted,in_progress,info_requested')).toEqual([]);
    expect(statesOf('all')).toBe('all');
  });
});
