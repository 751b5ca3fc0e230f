/**
 * Random access to an uploaded zip file on disk (an XLSX to import, an Office or OFD attachment to sniff): its
 * entries from the central directory, and a stream of one entry's bytes, read through `yauzl` with the limits an
 * upload needs (ADR 0024).
 *
 * yauzl reads the end-of-central-directory record (ZIP64 too), the central directory and each local header, and
 * checks them against the file's bounds; reading the directory first tells a cut-off file (no end record) from a
 * whole one before any row is read, and lets a reader take the parts it needs in the order it needs them whatever
 * their order in the file. What yauzl leaves to its caller is kept here: a limit on the number of entries, and,
 * while an entry inflates, its bytes counted against its declared size, a per-part limit and a compression ratio,
 * so a zip bomb is stopped after at most its limit's worth of inflating, whatever its headers claim.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';

/** One file in the zip. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * Why a zip cannot be read: it ends early, it is damaged, it uses something not read here (encryption, another
 * compression), or it inflates implausibly (`bomb`: more than `MAX_RATIO` times its compressed size).
 */
export class ZipFormatError extends Error {
  constructor(
    readonly kind: 'truncated' | 'corrupt' | 'unsupported' | 'bomb',
    message: string,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** No upload has this many entries (an XLSX has tens, an OFD hundreds); more is a zip bomb or garbage. */
export const MAX_ENTRIES = 50_000;
/**
 * Spreadsheet and document XML deflates 5–20:1 (a 100,000-row sheet: 9:1, its shared strings 18:1); deflate's
 * own ceiling is about 1,032:1. Past `RATIO_FLOOR` inflated bytes of one entry, more than this ratio is a bomb.
 */
export const MAX_RATIO = 200;
const RATIO_FLOOR = 16 * 1024 * 1024;
const READ_CHUNK = 256 * 1024;

/** yauzl's messages for a file that ends before its structures do. */
const TRUNCATED = /end of central directory record signature not found|unexpected EOF|overflows file bounds/i;
/** yauzl's messages for features it (or this reader) does not read. */
const UNSUPPORTED = /not supported|too large|unsupported compression method/i;

function zipError(error: unknown): ZipFormatError {
  if (error instanceof ZipFormatError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (TRUNCATED.test(message)) return new ZipFormatError('truncated', message);
  if (UNSUPPORTED.test(message)) return new ZipFormatError('unsupported', message);
  return new ZipFormatError('corrupt', message);
}

/** yauzl's access to the file: positioned reads for the directory, 256 KiB read streams for entry data. */
class FileReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly path: string,
    private readonly file: FileHandle,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream(this.path, { start, end: end - 1, highWaterMark: READ_CHUNK });
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    const readAll = async () => {
      let done = 0;
      while (done < length) {
        const { bytesRead } = await this.file.read(buffer, offset + done, length - done, position + done);
        if (bytesRead === 0) throw new Error('unexpected EOF');
        done += bytesRead;
      }
    };
    readAll().then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }

  override close(callback: (err: Error | null) => void): void {
    this.file.close().then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }
}

/**
 * Counts an entry's inflated bytes: an error once they pass its declared size (a damaged entry, or a bomb that
 * lies), its part limit, or `MAX_RATIO` times the compressed bytes read so far; and at the end when fewer came
 * than declared (as yauzl's `validateEntrySizes` does).
 */
class InflatedBytes extends Transform {
  private seen = 0;

  constructor(
    private readonly entry: ZipEntry,
    private readonly limit: number,
    private readonly compressedRead: () => number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    const { name, uncompressedSize } = this.entry;
    if (this.seen > uncompressedSize) {
      callback(new ZipFormatError('corrupt', `${name} is larger than its declared size`));
      return;
    }
    if (this.seen > this.limit) {
      callback(new ZipFormatError('bomb', `${name} inflates beyond ${this.limit} bytes`));
      return;
    }
    if (this.seen > RATIO_FLOOR && this.seen > MAX_RATIO * this.compressedRead()) {
      callback(new ZipFormatError('bomb', `${name} inflates more than ${MAX_RATIO}:1`));
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.seen < this.entry.uncompressedSize)
      callback(new ZipFormatError('corrupt', `${this.entry.name} is smaller than its declared size`));
    else callback();
  }
}

/** Options of `ZipArchive#openEntry`. */
export interface OpenEntryOptions {
  /** The most inflated bytes this part may have (an error beyond; default: its declared size). */
  maxBytes?: number;
  /** Told how many bytes of the file were read for the entry (for progress). */
  onCompressedBytes?: (n: number) => void;
}

/** A zip file open for reading; `close` it when done. */
export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** The entries by name (the last one of a name that occurs twice). */
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly raw: Map<ZipEntry, yauzl.Entry>,
  ) {}

  /** Reads the central directory; throws ZipFormatError when the file is cut off, damaged or has too many entries. */
  static async open(path: string, maxEntries = MAX_ENTRIES): Promise<ZipArchive> {
    const file = await open(path, 'r');
    let zip: yauzl.ZipFile;
    try {
      const { size } = await file.stat();
      zip = await yauzl.fromRandomAccessReaderPromise(new FileReader(path, file), size, {
        lazyEntries: true,
        autoClose: false,
        validateEntrySizes: true,
      });
    } catch (error) {
      await file.close();
      throw zipError(error);
    }
    try {
      if (zip.entryCount > maxEntries)
        throw new ZipFormatError('corrupt', `${zip.entryCount} entries (at most ${maxEntries})`);
      const entries = new Map<string, ZipEntry>();
      const raw = new Map<ZipEntry, yauzl.Entry>();
      for await (const entry of zip.eachEntry()) {
        const own = {
          name: entry.fileName,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
        };
        entries.set(own.name, own);
        raw.set(own, entry);
      }
      return new ZipArchive(zip, entries, raw);
    } catch (error) {
      zip.close();
      throw zipError(error);
    }
  }

  /**
   * A stream of an entry's inflated bytes and where its data starts in the file. Damage found while inflating,
   * and bytes beyond the declared size, the part limit or the ratio, are errors of the returned stream
   * (ZipFormatError).
   */
  async openEntry(
    entry: ZipEntry,
    options: OpenEntryOptions = {},
  ): Promise<{ stream: Readable; dataOffset: number }> {
    const raw = this.raw.get(entry);
    if (!raw) throw new ZipFormatError('corrupt', `${entry.name} is not an entry of this zip`);
    if (raw.isEncrypted()) throw new ZipFormatError('unsupported', `${entry.name} is encrypted`);
    if (raw.compressionMethod !== 0 && raw.compressionMethod !== 8)
      throw new ZipFormatError(
        'unsupported',
        `${entry.name} uses compression method ${raw.compressionMethod}`,
      );
    const limit = options.maxBytes ?? entry.uncompressedSize;
    if (entry.uncompressedSize > limit)
      throw new ZipFormatError('bomb', `${entry.name} declares ${entry.uncompressedSize} bytes`);
    let dataOffset: number;
    let source: Readable;
    try {
      ({ fileDataStart: dataOffset } = await this.zip.readLocalFileHeaderPromise(raw, { minimal: true }));
      // The stored bytes as they are (inflated and counted below).
      // (Not yauzl 3.4.0's openReadStreamLowLevelPromise: it calls openReadStream with these arguments.)
      const start = dataOffset;
      source = await new Promise<Readable>((resolve, reject) =>
        this.zip.openReadStreamLowLevel(
          start,
          entry.compressedSize,
          0,
          entry.compressedSize,
          false,
          null,
          (error, stream) => (error ? reject(error) : resolve(stream)),
        ),
      );
    } catch (error) {
      throw zipError(error);
    }
    let compressed = 0;
    source.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      options.onCompressedBytes?.(chunk.length);
    });
    const counted = new InflatedBytes(entry, limit, () => compressed);
    const noop = () => {};
    const stream =
      raw.compressionMethod === 0
        ? pipeline(source, counted, noop)
        : pipeline(source, createInflateRaw(), counted, noop);
    return { stream, dataOffset };
  }

  /** Closes the file (streams already open read on until they end). */
  close(): void {
    this.zip.close();
  }
}
