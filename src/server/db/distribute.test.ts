/** The order tables are distributed in: each after the tables its foreign keys point to. */
import { describe, expect, it } from 'vitest';
import { orderByForeignKeys } from './distribute.ts';

describe('orderByForeignKeys', () => {
  it('puts every target before the tables pointing to it, self-references ignored, otherwise by name', () => {
    const order = orderByForeignKeys(
      ['case_events', 'cases', 'enterprises', 'regions', 'users'],
      [
        ['case_events', 'cases'],
        ['cases', 'enterprises'],
        ['cases', 'cases'],
        ['enterprises', 'regions'],
      ],
    );
    expect(order).toEqual(['regions', 'enterprises', 'cases', 'case_events', 'users']);
  });

  it('refuses a cycle, naming it', () => {
    expect(() =>
      orderByForeignKeys(
        ['a', 'b'],
        [
          ['a', 'b'],
          ['b', 'a'],
        ],
      ),
    ).toThrow('foreign keys form a cycle through a → b → a');
  });
});
