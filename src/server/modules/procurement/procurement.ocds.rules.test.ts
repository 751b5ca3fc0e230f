/**
 * Reading OCDS files (issue 17; docs/reference/procurement.md §8.1), pure: packages and records, releases of an ocid
 * compiled, the flattened CSV, the scales read, and every problem named where it is.
 */
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../../reference/uscc.ts';
import {
  chinaDate,
  readOcds,
  readOcdsCsv,
  readOcdsValue,
  scaleReading,
  yuanOfNumber,
} from './procurement.ocds.rules.ts';

/** The buyer's USCC (its check character by GB 32100-2015). */
const validUscc = makeUscc('11320583MB0000001');

function release(over: Record<string, unknown> = {}) {
  return {
    ocid: 'ocds-t-1',
    id: 'r1',
    date: '2026-03-01T10:00:00+08:00',
    tag: ['award'],
    initiationType: 'tender',
    parties: [
      { id: 'B', name: '采购局', identifier: { scheme: 'CN-SAIC', id: validUscc }, roles: ['buyer'] },
      { id: 'S', name: '供应商', roles: ['supplier'], details: { scale: 'micro' } },
    ],
    tender: { id: 'T', mainProcurementCategory: 'works' },
    awards: [{ id: 'A', date: '2026-02-28T20:00:00Z', value: { amount: 100.5 }, suppliers: [{ id: 'S' }] }],
    ...over,
  };
}
const pkg = (releases: unknown[]) => ({
  uri: 'https://ocds.example.org/p',
  version: '1.1',
  publishedDate: '2026-03-02T00:00:00Z',
  publisher: { name: 'p' },
  releases,
});

describe('reading OCDS', () => {
  it('reads an award of a release package: kind, day in China time, amount, size from the scale', () => {
    const read = readOcdsValue(pkg([release()]));
    expect(read.problems).toEqual([]);
    expect(read.awards).toEqual([
      expect.objectContaining({
        ocid: 'ocds-t-1',
        awardId: 'A',
        buyerUscc: validUscc,
        kind: 'works',
        suited: true,
        awardedOn: '2026-03-01',
        amount: '100.5',
        role: 'single',
        declaredSize: 'micro',
        smeAmount: '100.5',
        smallMicroAmount: '100.5',
      }),
    ]);
  });

  it('compiles the releases of an ocid in date order: a later one corrects, a null removes, arrays merge by id', () => {
    const later = release({
      id: 'r2',
      date: '2026-04-01T00:00:00Z',
      parties: [{ id: 'S', details: { scale: 'large' } }],
      tender: { id: 'T', suitability: { sme: false } },
      awards: [{ id: 'B2', value: { amount: 5 }, suppliers: [{ id: 'S' }], date: null }],
    });
    const read = readOcdsValue(pkg([later, release()]));
    expect(read.problems).toEqual([]);
    expect(read.awards.map((a) => [a.awardId, a.releaseId, a.declaredSize, a.suited, a.kind])).toEqual([
      ['A', 'r2', 'large', false, 'works'],
      ['B2', 'r2', 'large', false, 'works'],
    ]);
    // B2 has no date of its own: the release's day.
    expect(read.awards[1]?.awardedOn).toBe('2026-04-01');
  });

  it('lets a later release of an ocid give what the first lacked; what the compiled release still lacks is named', () => {
    const first = release({ tender: { id: 'T' } });
    const second = release({
      id: 'r2',
      date: '2026-04-01T00:00:00Z',
      tender: { id: 'T', mainProcurementCategory: 'services' },
    });
    const text = JSON.stringify(pkg([first, release({ ocid: 'ocds-t-9' }), second]));
    const read = readOcds(text);
    expect(read.problems).toEqual([]);
    expect(read.awards.map((a) => [a.ocid, a.kind])).toEqual([
      ['ocds-t-9', 'works'],
      ['ocds-t-1', 'services'],
    ]);
    expect(read.place(read.awards[1] as (typeof read.awards)[number], 'award')).toBe('releases[2].awards[0]');
    const still = readOcds(JSON.stringify(pkg([first, { ...second, tender: { id: 'T' } }])));
    expect(still.problems.map((p) => p.field)).toEqual(['releases[1].tender.mainProcurementCategory']);
  });

  it('reads a record package’s compiled release, and refuses a linked release naming it', () => {
    const records = {
      ...pkg([]),
      releases: undefined,
      records: [{ ocid: 'ocds-t-1', releases: [{ url: 'https://x/r1.json' }], compiledRelease: release() }],
    };
    expect(readOcdsValue(records).awards).toHaveLength(1);
    const linked = { ...records, records: [{ ocid: 'ocds-t-1', releases: [{ url: 'https://x/r1.json' }] }] };
    expect(readOcdsValue(linked).problems).toEqual([
      expect.objectContaining({ field: 'records[0].releases[0]' }),
    ]);
  });

  it('names every problem by its path and why', () => {
    const bad = release({
      tender: { id: 'T' },
      awards: [{ id: 'A', value: { amount: 1.234, currency: 'CNY' }, suppliers: [] }],
    });
    const fields = readOcdsValue(pkg([bad])).problems.map((p) => p.field);
    expect(fields).toEqual([
      'releases[0].tender.mainProcurementCategory',
      'releases[0].awards[0].value.amount',
      'releases[0].awards[0].suppliers',
    ]);
    const noBuyer = release({ parties: [{ id: 'S', name: 's', roles: ['supplier'] }] });
    expect(readOcdsValue(pkg([noBuyer])).problems[0]?.field).toBe('releases[0].buyer');
    expect(readOcdsValue({ releases: [] }).problems.map((p) => p.field)).toEqual([
      'uri',
      'version',
      'publishedDate',
      'publisher',
      'releases',
    ]);
    expect(readOcds('[1, 2]').problems[0]?.field).toBe('file');
  });

  it('finds each release in the text (brackets and quotes inside strings), and refuses what is not JSON', () => {
    const tricky = release({ tender: { id: 'T', title: '{ "[a]" \\ }', mainProcurementCategory: 'goods' } });
    const text = JSON.stringify(pkg([tricky, { ...release(), ocid: 'ocds-t-2' }]), null, 2);
    const read = readOcds(text);
    expect(read.problems).toEqual([]);
    expect(read.awards.map((a) => [a.ocid, a.title])).toEqual([
      ['ocds-t-1', '{ "[a]" \\ }'],
      ['ocds-t-2', ''],
    ]);
    const missingComma = text.replace('},\n    {', '}\n    {');
    expect(missingComma).not.toBe(text);
    expect(readOcds(missingComma).problems).toEqual([expect.objectContaining({ field: 'file' })]);
    const brokenRelease = text.replace('"tag": [', '"tag": [,');
    // Inside a release: the release is named.
    expect(readOcds(brokenRelease).problems).toEqual([expect.objectContaining({ field: 'releases[0]' })]);
  });

  it('reads the flattened CSV: lists split by “;”, rows of a release merged, items by id', () => {
    const csv = [
      'ocid,id,date,tag,initiationType,parties/0/id,parties/0/roles,parties/0/identifier/id,tender/id,tender/mainProcurementCategory,awards/0/id,awards/0/value/amount,awards/0/suppliers/0/id,awards/0/suppliers/0/name',
      `ocds-c,r1,2026-03-01T00:00:00Z,award;contract,tender,B,buyer;procuringEntity,${validUscc},T,goods,A1,10,S1,甲`,
      `ocds-c,r1,2026-03-01T00:00:00Z,award;contract,tender,B,buyer;procuringEntity,${validUscc},T,goods,A2,20,S2,乙`,
    ].join('\n');
    const read = readOcdsCsv(csv);
    expect(read.problems).toEqual([]);
    expect(read.releases).toBe(1);
    expect(read.awards.map((a) => [a.awardId, a.amount, a.suppliers[0]?.name])).toEqual([
      ['A1', '10', '甲'],
      ['A2', '20', '乙'],
    ]);
  });

  it('names a CSV problem by row and column', () => {
    const csv = [
      'ocid,id,date,tag,initiationType,tender/suitability/sme,awards/0/id',
      'ocds-c,r1,2026-03-01T00:00:00Z,award,tender,maybe,A1',
      'ocds-c,r2,2026-03-01T00:00:00Z,award,tender',
      'ocds-c,r3,2026-03-01,award,tender,true,A1',
      'bad/header/ok,x',
    ].join('\n');
    // Every row's problems at once: a cell of the wrong type does not stop its release (nor the others) being read.
    expect(readOcdsCsv(csv).problems.map((p) => p.field)).toEqual([
      'row 2, column tender/suitability/sme',
      'row 2, column tender/id',
      'row 2, column buyer',
      'row 2, column tender/mainProcurementCategory',
      'row 2, column awards/0/value/amount',
      'row 2, column awards/0/suppliers',
      'row 3',
      'row 4, column date',
      'row 4, column tender/id',
      'row 5',
    ]);
    expect(readOcdsCsv('ocid,id,awards/x-y\n').problems[0]?.field).toBe('row 1, column awards/x-y');
  });

  it('names a CSV’s problems of every row at once: a release the schema refuses, another whose buyer’s USCC is wrong', () => {
    const wrong = `${validUscc.slice(0, 17)}${validUscc.endsWith('0') ? '1' : '0'}`;
    const csv = [
      'ocid,id,date,tag,initiationType,parties/0/id,parties/0/roles,parties/0/identifier/id,tender/id,' +
        'tender/mainProcurementCategory,awards/0/id,awards/0/value/amount',
      `ocds-a,r1,2026-04-02T10:00:00+08:00,award,,B,buyer,${validUscc},T,goods,A1,10`,
      `ocds-b,r1,2026-04-02T10:00:00+08:00,award,tender,B,buyer,${wrong},T,goods,B1,10`,
    ].join('\n');
    const { problems } = readOcdsCsv(csv);
    // The release the schema refuses is still read for its other problems (no supplier).
    expect(problems.map((p) => p.field)).toEqual([
      'row 2, column initiationType',
      'row 2, column awards/0/suppliers',
      'row 3, column parties/0/identifier/id',
      'row 3, column awards/0/suppliers',
    ]);
    expect(problems[2]?.message.zh).toContain('校验位');
  });

  it('names a CSV’s cell of the wrong type with the rest of its release’s problems and the other rows’, once each', () => {
    const wrong = `${validUscc.slice(0, 17)}${validUscc.endsWith('0') ? '1' : '0'}`;
    const csv = [
      'ocid,id,date,tag,initiationType,parties/0/id,parties/0/roles,parties/0/identifier/id,tender/id,' +
        'tender/mainProcurementCategory,awards/0/id,awards/0/value/amount,awards/0/suppliers/0/id,awards/0/suppliers/0/name',
      `ocds-a,r1,2026-04-02T10:00:00+08:00,award,tender,B,buyer,${wrong},T,goods,A1,ten,S1,甲`,
      `ocds-b,r1,2026-04-02T10:00:00+08:00,award,tender,B,buyer,${validUscc},T,food,B1,10,S1,乙`,
    ].join('\n');
    const { problems } = readOcdsCsv(csv);
    expect(problems.map((p) => p.field)).toEqual([
      'row 2, column awards/0/value/amount',
      'row 2, column parties/0/identifier/id',
      'row 3, column tender/mainProcurementCategory',
    ]);
    expect(problems[0]?.message.en).toBe('must be a number');
    expect(problems[1]?.message.zh).toContain('校验位');
  });

  it('names a JSON release’s schema problems with its other problems: a scale not of the codelist and a bad USCC', () => {
    const wrong = `${validUscc.slice(0, 17)}${validUscc.endsWith('0') ? '1' : '0'}`;
    const bad = release({
      date: 'yesterday',
      parties: [
        { id: 'B', name: '采购人', roles: ['buyer'], identifier: { scheme: 'CN-SAIC', id: wrong } },
        { id: 'S', name: '供应商', roles: ['supplier'], details: { scale: 'tiny' } },
      ],
      awards: [
        { id: 'A', value: { amount: -1, currency: 'CNY' }, suppliers: [{ id: 'S' }] },
        { title: 'no id' },
      ],
    });
    const read = readOcdsValue(pkg([bad]));
    expect(read.problems.map((p) => p.field)).toEqual([
      'releases[0].date',
      'releases[0].parties[1].details.scale',
      'releases[0].awards[1].id',
      'releases[0].parties[0].identifier.id',
      'releases[0].awards[0].value.amount',
    ]);
  });
});

describe('the rules of the mapping', () => {
  it.each([
    { name: 'one small supplier', scales: ['small'], expected: ['small', true, true] },
    {
      name: '“sme” counts for SMEs, not for small and micro',
      scales: ['sme'],
      expected: [null, true, false],
    },
    {
      name: 'a consortium: its largest member',
      scales: ['micro', 'medium'],
      expected: ['medium', true, false],
    },
    { name: 'a large member: large', scales: ['small', 'large'], expected: ['large', false, false] },
    { name: 'an unknown member: size unknown', scales: ['small', null], expected: [null, false, false] },
    { name: 'self-employed: unknown', scales: ['selfEmployed'], expected: [null, false, false] },
  ] as const)('$name', ({ scales, expected }) => {
    const r = scaleReading(scales.map((scale) => ({ scale })));
    expect([r.size, r.isSme, r.isSmallMicro]).toEqual(expected);
  });

  it('keeps yuan to the fen and days in China time', () => {
    expect(yuanOfNumber(2000000.01)).toBe('2000000.01');
    expect(yuanOfNumber(0.001)).toBeNull();
    expect(yuanOfNumber(0)).toBeNull();
    expect(yuanOfNumber(1e21)).toBeNull();
    expect(chinaDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(chinaDate('2026-12-31T23:59:00+08:00')).toBe('2026-12-31');
  });
});
