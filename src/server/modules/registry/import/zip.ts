/**
 * Random access to a zip file (an XLSX) on disk: its central directory, and a stream of one entry's bytes.
 *
 * Reading the central directory at the end of the file first tells a cut-off file (no end-of-central-directory
 * record) from a whole one before any row is read, and lets the XLSX reader take the parts it needs in the order
 * it needs them (workbook, styles, shared strings, then the sheet) whatever their order in the file.
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { PassThrough, pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/** One file in the zip. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why a zip cannot be read: it ends early, it is damaged, or it uses something we do not read. */
export class ZipFormatError extends Error {
  constructor(
    readonly kind: 'truncated' | 'corrupt' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

function u64(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ZipFormatError('unsupported', 'zip64 value too large');
  return Number(value);
}

/** The entries of a zip file by name; throws ZipFormatError when the file is cut off or damaged. */
export async function readZipDirectory(fh: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('truncated', 'no end of central directory record');
  const eocdPosition = size - tailLength + eocd;
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocdPosition >= 20 ? await readAt(fh, eocdPosition - 20, 20) : Buffer.alloc(0);
    if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) {
      throw new ZipFormatError('corrupt', 'zip64 locator missing');
    }
    const record = await readAt(fh, u64(locator, 8), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) {
      throw new ZipFormatError('corrupt', 'zip64 end of central directory missing');
    }
    count = u64(record, 32);
    cdSize = u64(record, 40);
    cdOffset = u64(record, 48);
  }
  if (cdOffset + cdSize > eocdPosition) throw new ZipFormatError('truncated', 'central directory cut off');
  if (cdSize > MAX_CENTRAL_DIRECTORY) throw new ZipFormatError('unsupported', 'central directory too large');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError('corrupt', 'bad central directory entry');
    }
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    // zip64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const length = cd.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(cd, q);
      }
      e += 4 + length;
    }
    entries.set(name, { name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** File offset of an entry's data (after its local header). */
export async function entryDataOffset(fh: FileHandle, size: number, entry: ZipEntry): Promise<number> {
  const header = await readAt(fh, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw new ZipFormatError('corrupt', `bad local header of ${entry.name}`);
  }
  const offset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (offset + entry.compressedSize > size) throw new ZipFormatError('truncated', `${entry.name} cut off`);
  return offset;
}

/** Errors when a stream yields more bytes than declared (a damaged entry or a zip bomb). */
class LimitStream extends Transform {
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly entryName: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      callback(new ZipFormatError('corrupt', `${this.entryName} is larger than its declared size`));
      return;
    }
    callback(null, chunk);
  }
}

/**
 * A stream of an entry's uncompressed bytes. `onCompressedBytes` is told how many bytes of the file were read
 * (for progress). Inflate errors and oversize output are errors of the returned stream.
 */
export function openEntry(
  path: string,
  entry: ZipEntry,
  dataOffset: number,
  onCompressedBytes?: (n: number) => void,
): Readable {
  if (entry.flags & 1) throw new ZipFormatError('unsupported', `${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipFormatError('unsupported', `${entry.name} uses compression method ${entry.method}`);
  }
  if (entry.compressedSize === 0) {
    const empty = new PassThrough();
    empty.end();
    return empty;
  }
  const source = createReadStream(path, {
    start: dataOffset,
    end: dataOffset + entry.compressedSize - 1,
    highWaterMark: 256 * 1024,
  });
  if (onCompressedBytes) source.on('data', (chunk) => onCompressedBytes(chunk.length));
  const limit = new LimitStream(entry.uncompressedSize, entry.name);
  const noop = () => {};
  if (entry.method === 0) return pipeline(source, limit, noop);
  return pipeline(source, createInflateRaw(), limit, noop);
}
