/** The CSV record splitter: RFC 4180 cells, any chunking, and the ways a file goes wrong. */
import { describe, expect, it } from 'vitest';
import { CsvTextParser } from './csv-text.ts';

type Parsed = { records: [string[], boolean][]; stop: string };

function parseChunks(chunks: readonly string[], delimiter = ',', max = 1 << 20): Parsed {
  const parser = new CsvTextParser(delimiter.charCodeAt(0), max);
  const records: [string[], boolean][] = [];
  let stop = 'more';
  chunks.forEach((chunk, i) => {
    const result = parser.parse(chunk, i === chunks.length - 1, (cells, malformed) =>
      records.push([cells, malformed]),
    );
    if (result.kind !== 'more') stop = result.kind;
  });
  return { records, stop };
}

const TRICKY = 'a,"b, ""c""",d\r\n"line\nbreak",x""y,\r\n\r\n"",,\n"end\r\nof ""file"""\rlast,"q"';

describe('CsvTextParser', () => {
  it('splits cells and records as RFC 4180 says, quotes inside unquoted cells kept', () => {
    expect(parseChunks([TRICKY])).toEqual({
      records: [
        [['a', 'b, "c"', 'd'], false],
        [['line\nbreak', 'x""y', ''], false],
        [[''], false],
        [['', '', ''], false],
        [['end\r\nof "file"'], false],
        [['last', 'q'], false],
      ],
      stop: 'more',
    });
  });

  it('gives the same records however the text is cut into chunks', () => {
    const whole = parseChunks([TRICKY]);
    for (let i = 0; i <= TRICKY.length; i++) {
      expect(parseChunks([TRICKY.slice(0, i), TRICKY.slice(i)])).toEqual(whole);
      for (let j = i; j <= TRICKY.length; j += 7) {
        expect(parseChunks([TRICKY.slice(0, i), TRICKY.slice(i, j), TRICKY.slice(j)])).toEqual(whole);
      }
    }
  });

  it('ends a record at LF, CRLF or a lone CR, and makes no record of a final line end', () => {
    expect(parseChunks(['a\nb\r\nc\rd\n']).records.map(([cells]) => cells)).toEqual([
      ['a'],
      ['b'],
      ['c'],
      ['d'],
    ]);
    expect(parseChunks(['a\r', '\nb']).records.map(([cells]) => cells)).toEqual([['a'], ['b']]);
    expect(parseChunks(['']).records).toEqual([]);
  });

  it('uses the given delimiter', () => {
    expect(parseChunks(['a\tb,c\t"d\te"'], '\t').records).toEqual([[['a', 'b,c', 'd\te'], false]]);
    expect(parseChunks(['a;b;"c;d"'], ';').records).toEqual([[['a', 'b', 'c;d'], false]]);
  });

  it('marks a record whose quoted cell is followed by more text as malformed, and goes on with the next', () => {
    expect(parseChunks(['"ab"c,d\nnext,row']).records).toEqual([
      [['abc', 'd'], true],
      [['next', 'row'], false],
    ]);
  });

  it('stops at a quote never closed: unclosed at the end of the text, too large past the limit', () => {
    expect(parseChunks(['a,b\n"c,d\n', 'e,f']).stop).toBe('unclosed');
    expect(parseChunks(['a,b\n"c,d\n', 'e,f']).records).toEqual([[['a', 'b'], false]]);
    expect(parseChunks(['a\n"', 'x'.repeat(50), 'y'.repeat(50)], ',', 64).stop).toBe('too-large');
    expect(parseChunks([`${'x'.repeat(100)}\n`], ',', 64).stop).toBe('too-large');
  });
});
