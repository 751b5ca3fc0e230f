import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../../server/modules/cases/cases.rules.ts';
import { allowedActions, OFFICIAL_ACTIONS } from './caseModel.ts';

describe('officials’ case actions', () => {
  it('mirror the server’s transition table for officials', () => {
    const server = Object.entries(TRANSITIONS)
      .filter(([, transition]) => transition.by.includes('official'))
      .map(([action, transition]) => [action, [...transition.from].sort()]);
    const client = Object.entries(OFFICIAL_ACTIONS).map(([action, from]) => [action, [...from].sort()]);
    expect(Object.fromEntries(client)).toEqual(Object.fromEntries(server));
  });

  it('offer what the state allows', () => {
    expect(allowedActions('submitted', 'accept')).toEqual([
      'accept',
      'transfer',
      'merge',
      'return',
      'comment',
    ]);
    expect(allowedActions('in_progress', 'result')).toContain('extend');
    expect(allowedActions('accepted', 'forward')).not.toContain('extend');
    expect(allowedActions('replied', null)).toEqual(['close', 'comment']);
    expect(allowedActions('closed', null)).toEqual([]);
  });
});
