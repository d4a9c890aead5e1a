/**
 * Exports as streams: rows are read in batches, written to the response as they are
 * ready, and the event loop gets a turn between batches, so a full export neither holds
 * the whole file in memory nor keeps /api/health waiting. XLSX goes through ExcelJS's
 * streaming WorkbookWriter, CSV through csv-stringify; both honour the client's pace
 * (backpressure) and stop when the client goes away.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Rows read from the database and written per batch. */
export const EXPORT_BATCH = 500;

/**
 * How many exports run at once, server-wide, and how many may wait for a turn; past that
 * the answer is 503 EXPORT_BUSY. One gate for every export route.
 */
export class ExportGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly maxRunning: number,
    readonly maxWaiting: number,
  ) {}

  /** Waits for a turn and answers the function that gives it back (safe to call twice). */
  async enter(): Promise<() => void> {
    if (this.running < this.maxRunning) this.running += 1;
    else {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('EXPORT_BUSY');
      // The leaving export hands its turn over: `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    };
  }
}

/** Waits until `stream` wants more (or is gone); true when the export should stop. */
async function paced(stream: NodeJS.WritableStream & { destroyed: boolean; writableNeedDrain: boolean }) {
  if (stream.destroyed) return true;
  if (stream.writableNeedDrain) {
    // The listener that loses the race is removed, or every paused batch would leave one behind.
    const done = new AbortController();
    await Promise.race([
      once(stream, 'drain', { signal: done.signal }),
      once(stream, 'close', { signal: done.signal }),
    ]).catch(() => undefined);
    done.abort();
  }
  await nextTurn();
  return stream.destroyed;
}

export type StreamedRow = ExcelJS.CellValue[];

/**
 * A stream of an XLSX built by `build`, which adds sheets and rows to the streaming
 * workbook and calls `pause()` between batches (true = the client is gone, stop). A
 * failure after the first byte can only cut the download short; it is logged by `onError`.
 */
export function xlsxStream(
  build: (workbook: ExcelJS.stream.xlsx.WorkbookWriter, pause: () => Promise<boolean>) => Promise<void>,
  onError: (error: unknown) => void,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    // Inline strings: shared strings would keep every distinct text in memory until the end.
    useSharedStrings: false,
  });
  workbook.creator = 'Simpul';
  (async () => {
    await build(workbook, () => paced(out));
    if (out.destroyed) return;
    await workbook.commit();
  })().catch((error) => {
    onError(error);
    out.destroy(error instanceof Error ? error : new Error('export failed'));
  });
  return out;
}

/**
 * A stream of a CSV file (UTF-8 with a byte-order mark, so Excel reads the accents
 * right; cells starting with = + - @ get a leading apostrophe against CSV injection)
 * whose records `build` writes, batch by batch, through `write` (true = stop).
 */
export function csvStream(
  build: (write: (records: readonly unknown[][]) => Promise<boolean>) => Promise<void>,
  onError: (error: unknown) => void,
  options: { windowsLineEnds?: boolean } = {},
): Readable {
  const out = stringify({
    bom: true,
    escape_formulas: true,
    ...(options.windowsLineEnds ? { record_delimiter: 'windows' as const } : {}),
  });
  (async () => {
    await build(async (records) => {
      for (const record of records) out.write(record);
      return paced(out);
    });
    if (!out.destroyed) out.end();
  })().catch((error) => {
    onError(error);
    out.destroy(error instanceof Error ? error : new Error('export failed'));
  });
  return out;
}

/** Consecutive slices of `items`. */
export function* batches<T>(items: readonly T[], size = EXPORT_BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export interface StreamedFile {
  stream: Readable;
  contentType: string;
  filename: string;
}

/** Seconds a client told EXPORT_BUSY should wait before trying again. */
const BUSY_RETRY_SECONDS = 10;

/**
 * Sends the file `produce` makes, holding one of the gate's turns until the stream has
 * ended or the client has gone (a waiting client that left gives its turn straight back).
 */
export async function sendStreamedFile(
  request: FastifyRequest,
  reply: FastifyReply,
  gate: ExportGate,
  produce: () => Promise<StreamedFile>,
): Promise<FastifyReply> {
  let leave: () => void;
  try {
    leave = await gate.enter();
  } catch (error) {
    if (error instanceof AppError && error.code === 'EXPORT_BUSY') {
      reply.header('retry-after', String(BUSY_RETRY_SECONDS));
    }
    throw error;
  }
  try {
    if (request.raw.destroyed) throw new AppError('EXPORT_BUSY', 'The client went away while waiting');
    const file = await produce();
    file.stream.once('close', leave);
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.stream);
  } catch (error) {
    leave();
    throw error;
  }
}
