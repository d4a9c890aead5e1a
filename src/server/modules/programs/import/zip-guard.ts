/**
 * A cheap look at an XLSX file's zip central directory before ExcelJS inflates it. An
 * XLSX of a few megabytes can hold gigabytes of XML (a "zip bomb"); ExcelJS would
 * inflate all of it into memory. The central directory states every entry's
 * uncompressed size, so the total can be bounded without inflating anything.
 *
 * The stated sizes are what the file claims: a crafted file can lie. The guard stops
 * the naive bombs and honest giants; JSZip inside ExcelJS checks the real sizes as it
 * inflates, and the row and cell caps in read-workbook.ts bound what is kept.
 */

/** Uncompressed bytes of all entries together: far above any real recap (10,000 rows ≈ 10–20 MB of XML). */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Entries in the archive: an XLSX has a few dozen. */
export const MAX_ENTRIES = 2_000;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_END_RECORD_SEARCH = 22 + 0xffff;

export type ZipCheck =
  | { ok: true; entries: number; uncompressedBytes: number }
  | { ok: false; reason: 'not_a_zip' | 'too_many_entries' | 'too_large' | 'zip64' };

/** Reads the central directory of `file` and checks the stated sizes against the limits. */
export function checkZipSizes(
  file: Buffer,
  limits: { maxUncompressedBytes?: number; maxEntries?: number } = {},
): ZipCheck {
  const maxBytes = limits.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES;
  const maxEntries = limits.maxEntries ?? MAX_ENTRIES;
  const end = findEndRecord(file);
  if (end < 0) return { ok: false, reason: 'not_a_zip' };
  const entryCount = file.readUInt16LE(end + 10);
  const directorySize = file.readUInt32LE(end + 12);
  const directoryOffset = file.readUInt32LE(end + 16);
  // 0xFFFF / 0xFFFFFFFF mark a ZIP64 archive: no spreadsheet a person sends needs one.
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    return { ok: false, reason: 'zip64' };
  }
  if (entryCount > maxEntries) return { ok: false, reason: 'too_many_entries' };
  if (directoryOffset + directorySize > end) return { ok: false, reason: 'not_a_zip' };

  let offset = directoryOffset;
  let total = 0;
  for (let i = 0; i < entryCount; i += 1) {
    if (offset + 46 > file.length || file.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
      return { ok: false, reason: 'not_a_zip' };
    }
    const uncompressed = file.readUInt32LE(offset + 24);
    if (uncompressed === 0xffffffff) return { ok: false, reason: 'zip64' };
    total += uncompressed;
    if (total > maxBytes) return { ok: false, reason: 'too_large' };
    const nameLength = file.readUInt16LE(offset + 28);
    const extraLength = file.readUInt16LE(offset + 30);
    const commentLength = file.readUInt16LE(offset + 32);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries: entryCount, uncompressedBytes: total };
}

/** Offset of the end-of-central-directory record, searched backwards from the end; -1 if none. */
function findEndRecord(file: Buffer): number {
  const stop = Math.max(0, file.length - MAX_END_RECORD_SEARCH);
  for (let offset = file.length - 22; offset >= stop; offset -= 1) {
    if (file.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return -1;
}
