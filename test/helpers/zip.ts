/** Zip files made by hand for tests of the XLSX reader and imports. */
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for hand-made fixtures, entries in the given order: deflated, or stored (uncompressed, as
 * Office and OFD writers produce them; APPNOTE 6.3) with `store`. `declaredSize` states an entry's uncompressed
 * size as other than it is (a damaged file, or a zip bomb that lies).
 */
export function zip(
  entries: { name: string; data: string | Buffer; declaredSize?: number }[],
  { store = false }: { store?: boolean } = {},
): Buffer {
  const method = store ? 0 : 8;
  const flags = store ? 0 : 0x800;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data;
    const data = store ? raw : deflateRawSync(raw);
    const name = Buffer.from(entry.name);
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.declaredSize ?? raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.declaredSize ?? raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A zip bomb shaped as an XLSX: a header row, then one cell of `bytes` repeated letters, so a file of a few KB
 * inflates to `bytes` and more. `declaredSize` makes the sheet's declared size lie.
 */
export function zipBombWorkbook(header: readonly string[], bytes: number, declaredSize?: number): Buffer {
  const column = (i: number) => String.fromCharCode(65 + i);
  const headerRow = header
    .map((h, i) => `<c r="${column(i)}1" t="inlineStr"><is><t>${h}</t></is></c>`)
    .join('');
  const sheet = Buffer.concat([
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet ${SHEET_NS}><sheetData><row r="1">${headerRow}</row>`,
    ),
    Buffer.from('<row r="2"><c r="A2" t="inlineStr"><is><t>'),
    Buffer.alloc(bytes, 'A'),
    Buffer.from('</t></is></c></row></sheetData></worksheet>'),
  ]);
  return zip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    {
      name: 'xl/workbook.xml',
      data: `<workbook ${SHEET_NS} xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    declaredSize === undefined
      ? { name: 'xl/worksheets/sheet1.xml', data: sheet }
      : { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize },
  ]);
}
