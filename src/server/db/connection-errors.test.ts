/** Which errors mean a lost database connection (503, retried) rather than a failing statement. */
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './connection-errors.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    {
      name: 'pg_terminate_backend (57P01)',
      error: withCode('terminating connection due to administrator command', '57P01'),
      lost: true,
    },
    {
      name: 'server starting or stopping (57P03)',
      error: withCode('the database system is starting up', '57P03'),
      lost: true,
    },
    { name: 'connection exception (08006)', error: withCode('connection failure', '08006'), lost: true },
    {
      name: 'too many connections (53300)',
      error: withCode('sorry, too many clients already', '53300'),
      lost: true,
    },
    { name: 'socket reset', error: withCode('read ECONNRESET', 'ECONNRESET'), lost: true },
    {
      name: 'pg: socket closed under a query',
      error: new Error('Connection terminated unexpectedly'),
      lost: true,
    },
    {
      name: 'pg: client after an error',
      error: new Error('Client has encountered a connection error and is not queryable'),
      lost: true,
    },
    {
      name: 'Kysely: discarded connection',
      error: new Error('Postgres connection has been discarded'),
      lost: true,
    },
    {
      name: 'no connection could be opened',
      error: new DatabaseUnavailableError(withCode('connect ECONNREFUSED', 'ECONNREFUSED')),
      lost: true,
    },
    {
      name: 'caused by a lost connection',
      error: new Error('import failed', { cause: withCode('x', '57P01') }),
      lost: true,
    },
    { name: 'unique violation (23505)', error: withCode('duplicate key value', '23505'), lost: false },
    {
      name: 'serialization failure (40001)',
      error: withCode('could not serialize access', '40001'),
      lost: false,
    },
    {
      name: 'statement timeout (57014)',
      error: withCode('canceling statement due to statement timeout', '57014'),
      lost: false,
    },
    { name: 'a bug', error: new TypeError('x is not a function'), lost: false },
    { name: 'not an error', error: 'Connection terminated', lost: false },
  ])('$name → $lost', ({ error, lost }) => {
    expect(isDatabaseUnavailable(error)).toBe(lost);
  });
});
