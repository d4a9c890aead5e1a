/**
 * Exports as streams behind the export gate and the per-address rate limit, through the
 * real app: batches joined in order across batch boundaries, every waiting export served
 * in turn, 429 RATE_LIMITED with Retry-After past the limit.
 */
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation } from '../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../tests/support/test-db.ts';
import { EXPORT_BATCH, ExportGate } from './export-stream.ts';

describe('the export gate', () => {
  it('lets maxRunning in, queues up to maxWaiting in order, refuses the rest with EXPORT_BUSY', async () => {
    const gate = new ExportGate(1, 2);
    const order: string[] = [];
    const first = await gate.enter();
    const second = gate.enter().then((leave) => {
      order.push('second');
      return leave;
    });
    const third = gate.enter().then((leave) => {
      order.push('third');
      return leave;
    });
    await expect(gate.enter()).rejects.toMatchObject({ code: 'EXPORT_BUSY' });
    first();
    first(); // leaving twice gives back one turn only
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    // All turns are back: the next two enter at once.
    const again = await gate.enter();
    again();
  });
});

let ctx: TestContext;
let marker: string;
const PROGRAMS = EXPORT_BATCH * 2 + 37;

beforeAll(async () => {
  // Exports run one at a time here, and an address may start 5 a minute.
  ctx = await createTestApp({ exportRateLimit: 5, exportConcurrency: 1 });
  const db = ctx.database.db;
  marker = `strom${randomUUID().slice(0, 6)}`;
  const owner = await makeOrganisation(db, { legalName: `Yayasan Ekspor ${marker}`, type: 'ngo' });
  // More programs than two batches, written directly: the export reads what is in the tables.
  await sql`
    insert into programs (key, owner_org_id, title, status, period_start, period_end, budget_planned, modality)
    select ${marker} || '-' || lpad(n::text, 4, '0'), ${owner}, 'Program ' || ${marker} || ' ' || n,
           'active', date '2023-01-01' + n, date '2029-12-31', n * 1000, 'service'
    from generate_series(1, ${PROGRAMS}) as n`.execute(db);
  await sql`
    insert into program_villages (program_id, village_code)
    select p.id, '52.03.01.2002' from programs p where p.key like ${`${marker}-%`}`.execute(db);
});
afterAll(async () => {
  await ctx?.close();
});

const exportOf = (format: 'csv' | 'xlsx', ip = '10.0.0.1') =>
  ctx.app.inject({
    method: 'GET',
    url: `/api/programs/export?format=${format}&q=${marker}`,
    remoteAddress: ip,
  });

describe('streamed exports', () => {
  it('writes every program once, in order, across batch boundaries (CSV and both XLSX sheets)', async () => {
    const expected = Array.from(
      { length: PROGRAMS },
      (_, i) => `${marker}-${String(PROGRAMS - i).padStart(4, '0')}`,
    );
    const csv = await exportOf('csv', '10.0.1.1');
    expect(csv.statusCode).toBe(200);
    const rows: string[][] = parseCsv(csv.rawPayload, { bom: true });
    expect(rows[1]?.[0]).toBe('#activity+code');
    expect(rows.slice(2).map((r) => r[0])).toEqual(expected);

    const xlsx = await exportOf('xlsx', '10.0.1.1');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const keys = (name: string) => {
      const sheet = workbook.getWorksheet(name) as ExcelJS.Worksheet;
      const values: unknown[] = [];
      sheet.eachRow((row, n) => {
        if (n > 2) values.push(row.getCell(1).value);
      });
      return values;
    };
    expect(keys('Program')).toEqual(expected);
    expect(keys('Lokasi')).toEqual(expected);
    const program = workbook.getWorksheet('Program') as ExcelJS.Worksheet;
    expect(program.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(program.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('serves concurrent exports one at a time, each one whole', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => exportOf('csv', `10.0.2.${i + 1}`)),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      expect(parseCsv(answer.rawPayload, { bom: true })).toHaveLength(PROGRAMS + 2);
    }
  });

  it('answers 429 RATE_LIMITED with Retry-After past the per-address limit, other addresses unaffected', async () => {
    for (let i = 0; i < 5; i += 1) expect((await exportOf('csv', '10.0.3.1')).statusCode).toBe(200);
    const limited = await exportOf('csv', '10.0.3.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await exportOf('csv', '10.0.3.2')).statusCode).toBe(200);
  });
});
