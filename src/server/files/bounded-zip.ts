/**
 * A zip reader that bounds decompression by the bytes it actually inflates. An XLSX of
 * one megabyte can hold a gigabyte of XML (a "zip bomb"), and the sizes a zip declares —
 * in its central directory and again in each local header — are whatever its author
 * wrote: a crafted file states small sizes and inflates to gigabytes. So nothing the
 * archive says is trusted as a bound. Each entry is inflated here with node:zlib,
 * streaming, counting every output byte against a budget per entry and per file and
 * checking the compression ratio as it goes; the moment a budget is exceeded the inflater
 * is destroyed and the file refused.
 *
 * Two passes: the first inflates every entry keeping nothing (so a refused file never
 * holds more than one zlib window and one output chunk), and learns each entry's true
 * size and CRC; the second inflates again straight into one buffer of exactly that size,
 * laid out as a zip of stored (uncompressed) entries. A zip library reading that buffer
 * (JSZip inside ExcelJS) then has nothing left to inflate.
 */
import { crc32, createInflateRaw } from 'node:zlib';

export interface ZipLimits {
  /** Entries in the archive; an XLSX has a few dozen. */
  maxEntries: number;
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Bytes all entries together may inflate to. */
  maxTotalBytes: number;
  /**
   * Inflated ÷ compressed bytes an entry may reach once it is past `ratioFloorBytes`.
   * Spreadsheet XML compresses 5–50×; deflate's maximum, reached by bombs of repeated
   * bytes, is about 1,030×.
   */
  maxRatio: number;
  /** Below this many inflated bytes an entry is not held to the ratio (small, very regular parts). */
  ratioFloorBytes: number;
}

/**
 * Limits for spreadsheet uploads: far above any real recap or organisation list
 * (10,000 rows × 100 columns is 20–40 MB of XML), far below what hurts the server.
 */
export const SPREADSHEET_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 4 * 1024 * 1024,
};

/** Why an archive is refused. The first group means "too big", the rest "not a readable zip". */
export type ZipRefusalReason =
  | 'too_many_entries'
  | 'entry_too_large'
  | 'total_too_large'
  | 'compression_ratio'
  | 'zip64'
  | 'not_a_zip'
  | 'corrupt'
  | 'encrypted'
  | 'unsupported_method'
  | 'overlapping_entries'
  | 'duplicate_entry'
  | 'size_mismatch'
  | 'crc_mismatch';

export const TOO_LARGE_REASONS: readonly ZipRefusalReason[] = [
  'too_many_entries',
  'entry_too_large',
  'total_too_large',
  'compression_ratio',
  'zip64',
];

export class ZipRefused extends Error {
  constructor(
    readonly reason: ZipRefusalReason,
    readonly entry?: string,
  ) {
    super(entry ? `${reason} (${entry})` : reason);
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_END_RECORD_SEARCH = 22 + 0xffff;
/** Compressed bytes handed to zlib at a time: the ratio check is at most one slice late. */
const SLICE = 16 * 1024;
const STORED = 0;
const DEFLATED = 8;
const UTF8_NAMES = 0x0800;

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

interface LocatedEntry extends CentralEntry {
  /** The entry's compressed bytes (a view of the file). */
  data: Buffer;
  /** Offset in the file just past those bytes. */
  dataEnd: number;
}

/** An entry as actually inflated in the first pass. */
interface CheckedEntry extends LocatedEntry {
  size: number;
  crc: number;
}

/**
 * Reads `file` as a zip within `limits` and answers the same archive with every entry
 * stored uncompressed, its sizes and CRCs the ones actually inflated. Throws ZipRefused.
 */
export async function storedCopyWithinLimits(
  file: Buffer,
  limits: ZipLimits = SPREADSHEET_LIMITS,
): Promise<Buffer> {
  const entries = locateEntries(file, limits);
  const checked: CheckedEntry[] = [];
  let total = 0;
  for (const entry of entries) {
    const { size, crc } = await inflateEntry(entry, limits, limits.maxTotalBytes - total, null);
    // A zip whose stated size or CRC differs from its content was not written by a spreadsheet program.
    if (size !== entry.uncompressedSize) throw new ZipRefused('size_mismatch', entry.name);
    if (crc !== entry.crc) throw new ZipRefused('crc_mismatch', entry.name);
    total += size;
    checked.push({ ...entry, size, crc });
  }
  return writeStoredZip(checked, limits);
}

/** The central directory's entries, each checked against its local header and placed in the file. */
function locateEntries(file: Buffer, limits: ZipLimits): LocatedEntry[] {
  const end = findEndRecord(file);
  if (end < 0) throw new ZipRefused('not_a_zip');
  const count = file.readUInt16LE(end + 10);
  const directorySize = file.readUInt32LE(end + 12);
  const directoryOffset = file.readUInt32LE(end + 16);
  // 0xFFFF / 0xFFFFFFFF mark a ZIP64 archive: only files over 4 GB need one, no spreadsheet a person sends.
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new ZipRefused('zip64');
  }
  if (count > limits.maxEntries) throw new ZipRefused('too_many_entries');
  if (directoryOffset + directorySize > end) throw new ZipRefused('corrupt');

  const entries: LocatedEntry[] = [];
  const names = new Set<string>();
  let offset = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > end || file.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new ZipRefused('corrupt');
    }
    const nameLength = file.readUInt16LE(offset + 28);
    const central: CentralEntry = {
      flags: file.readUInt16LE(offset + 8),
      method: file.readUInt16LE(offset + 10),
      crc: file.readUInt32LE(offset + 16),
      compressedSize: file.readUInt32LE(offset + 20),
      uncompressedSize: file.readUInt32LE(offset + 24),
      name: file.toString('utf8', offset + 46, offset + 46 + nameLength),
      localOffset: file.readUInt32LE(offset + 42),
    };
    offset += 46 + nameLength + file.readUInt16LE(offset + 30) + file.readUInt16LE(offset + 32);
    if (offset > end) throw new ZipRefused('corrupt');
    const { compressedSize, uncompressedSize, localOffset } = central;
    if ([compressedSize, uncompressedSize, localOffset].includes(0xffffffff)) throw new ZipRefused('zip64');
    if (central.flags & 0x0001) throw new ZipRefused('encrypted', central.name);
    if (central.method !== STORED && central.method !== DEFLATED) {
      throw new ZipRefused('unsupported_method', central.name);
    }
    if (names.has(central.name)) throw new ZipRefused('duplicate_entry', central.name);
    names.add(central.name);

    if (localOffset + 30 > directoryOffset || file.readUInt32LE(localOffset) !== LOCAL_HEADER) {
      throw new ZipRefused('corrupt', central.name);
    }
    if (file.readUInt16LE(localOffset + 8) !== central.method) throw new ZipRefused('corrupt', central.name);
    const dataStart =
      localOffset + 30 + file.readUInt16LE(localOffset + 26) + file.readUInt16LE(localOffset + 28);
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > directoryOffset) throw new ZipRefused('corrupt', central.name);
    entries.push({ ...central, data: file.subarray(dataStart, dataEnd), dataEnd });
  }
  // Entries sharing compressed bytes are a known way to multiply a bomb; real archives never overlap.
  const byStart = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byStart.length; i += 1) {
    const previous = byStart[i - 1] as LocatedEntry;
    const current = byStart[i] as LocatedEntry;
    if (current.localOffset < previous.dataEnd) {
      throw new ZipRefused('overlapping_entries', current.name);
    }
  }
  return entries;
}

/**
 * Inflates one entry, counting output against the entry budget, the rest of the file's
 * budget (`allowance`) and the ratio; `sink` receives the output (null: discard it).
 */
function inflateEntry(
  entry: LocatedEntry,
  limits: ZipLimits,
  allowance: number,
  sink: ((chunk: Buffer) => void) | null,
): Promise<{ size: number; crc: number }> {
  if (entry.method === STORED) {
    const size = entry.data.length;
    if (size > limits.maxEntryBytes) return Promise.reject(new ZipRefused('entry_too_large', entry.name));
    if (size > allowance) return Promise.reject(new ZipRefused('total_too_large', entry.name));
    sink?.(entry.data);
    return Promise.resolve({ size, crc: crc32(entry.data) });
  }
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let crc = 0;
    let fed = 0;
    let settled = false;
    const refuse = (reason: ZipRefusalReason) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(new ZipRefused(reason, entry.name));
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limits.maxEntryBytes) return refuse('entry_too_large');
      if (size > allowance) return refuse('total_too_large');
      if (size > limits.ratioFloorBytes && size > fed * limits.maxRatio) return refuse('compression_ratio');
      crc = crc32(chunk, crc);
      sink?.(chunk);
    });
    inflater.on('error', () => refuse('corrupt'));
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ size, crc });
    });
    const feed = () => {
      while (!settled && fed < entry.data.length) {
        const slice = entry.data.subarray(fed, fed + SLICE);
        fed += slice.length;
        if (!inflater.write(slice)) {
          inflater.once('drain', feed);
          return;
        }
      }
      if (!settled) inflater.end();
    };
    feed();
  });
}

/** The checked entries as a zip of stored entries, inflated (again, within the same limits) into one buffer. */
async function writeStoredZip(entries: CheckedEntry[], limits: ZipLimits): Promise<Buffer> {
  const names = entries.map((e) => Buffer.from(e.name, 'utf8'));
  const localSize = entries.reduce((sum, e, i) => sum + 30 + (names[i] as Buffer).length + e.size, 0);
  const centralSize = entries.reduce((sum, _e, i) => sum + 46 + (names[i] as Buffer).length, 0);
  const out = Buffer.alloc(localSize + centralSize + 22);
  let at = 0;
  const offsets: number[] = [];
  for (const [i, entry] of entries.entries()) {
    const name = names[i] as Buffer;
    offsets.push(at);
    out.writeUInt32LE(LOCAL_HEADER, at);
    out.writeUInt16LE(20, at + 4); // version needed: 2.0
    out.writeUInt16LE(UTF8_NAMES, at + 6);
    out.writeUInt16LE(STORED, at + 8);
    out.writeUInt32LE(entry.crc, at + 14);
    out.writeUInt32LE(entry.size, at + 18);
    out.writeUInt32LE(entry.size, at + 22);
    out.writeUInt16LE(name.length, at + 26);
    name.copy(out, at + 30);
    at += 30 + name.length;
    let written = 0;
    const start = at;
    // The second pass holds the same bounds, the allowance being the size the first pass measured,
    // so no chunk can run past the entry's place in the buffer.
    await inflateEntry(entry, limits, entry.size, (chunk) => {
      chunk.copy(out, start + written);
      written += chunk.length;
    });
    if (written !== entry.size) throw new ZipRefused('size_mismatch', entry.name);
    at += entry.size;
  }
  const directoryOffset = at;
  for (const [i, entry] of entries.entries()) {
    const name = names[i] as Buffer;
    out.writeUInt32LE(CENTRAL_DIRECTORY_ENTRY, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(20, at + 6);
    out.writeUInt16LE(UTF8_NAMES, at + 8);
    out.writeUInt16LE(STORED, at + 10);
    out.writeUInt32LE(entry.crc, at + 16);
    out.writeUInt32LE(entry.size, at + 20);
    out.writeUInt32LE(entry.size, at + 24);
    out.writeUInt16LE(name.length, at + 28);
    out.writeUInt32LE(offsets[i] as number, at + 42);
    name.copy(out, at + 46);
    at += 46 + name.length;
  }
  out.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, at);
  out.writeUInt16LE(entries.length, at + 8);
  out.writeUInt16LE(entries.length, at + 10);
  out.writeUInt32LE(at - directoryOffset, at + 12);
  out.writeUInt32LE(directoryOffset, at + 16);
  return out;
}

/** Offset of the end-of-central-directory record, searched backwards from the end; -1 if none. */
function findEndRecord(file: Buffer): number {
  const stop = Math.max(0, file.length - MAX_END_RECORD_SEARCH);
  for (let offset = file.length - 22; offset >= stop; offset -= 1) {
    if (file.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return -1;
}
