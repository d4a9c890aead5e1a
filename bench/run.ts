/**
 * `npm run bench`: HTTP load on the running server (autocannon, concurrency 16, loopback only,
 * bounded in time) for each read path that exists today, on the embedded engine and — when
 * BENCH_DATABASE_URL points at a PostgreSQL server (maintenance database, e.g. …/postgres) — on
 * PostgreSQL. Each figure is reported beside its baseline: the same SQL run directly, in this
 * process, on a database with the same data, so the ratio shows what HTTP, validation and
 * presentation add. Results go to docs/benchmarks.md (not part of the test suite).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { PROJECT_ROOT } from '../src/server/config.ts';
import { type Database, openPglite, openPostgres } from '../src/server/db/engine.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { ensureBaseData } from '../src/server/modules/demo/seed.ts';

const CONCURRENCY = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BOUNDARIES = path.resolve(PROJECT_ROOT, '../shared/data/boundaries');
const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = path.join(PROJECT_ROOT, 'src', 'server', 'main.ts');

interface Scenario {
  name: string;
  path: string;
  /** The SQL the endpoint's answer rests on, run bare as the baseline. */
  baseline: (db: Database) => Promise<unknown>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'area detail (village with ancestors)',
    path: '/api/areas/52.03.01.2002',
    baseline: (d) =>
      sql`select a.*, (select count(*) from areas v where v.code like a.code || '.%') from areas a
          where a.code in ('52', '52.03', '52.03.01', '52.03.01.2002')`.execute(d.db),
  },
  {
    name: 'children of a kabupaten',
    path: '/api/areas/52.03/children?limit=50',
    baseline: (d) =>
      sql`select a.*, (select count(*) from areas v where v.level = 'village' and v.code like a.code || '.%')
          from areas a where a.parent_code = '52.03' order by a.code limit 50`.execute(d.db),
  },
  {
    name: 'area search with a typo',
    path: '/api/areas/search?q=pijod',
    baseline: (d) =>
      sql`select code, similarity(name_search, 'pijod') from areas
          where name_search % 'pijod' or 'pijod' <% name_search order by 2 desc limit 20`.execute(d.db),
  },
  {
    name: 'village polygons of a kabupaten',
    path: '/api/boundaries?level=village&within=52.03',
    baseline: (d) =>
      sql`select a.code, b.geometry_simplified from areas a left join area_boundaries b on b.area_code = a.code
          where a.level = 'village' and a.code like '52.03.%'`.execute(d.db),
  },
  {
    name: 'organisation directory filtered by issue',
    path: '/api/organisations?issue=tengkes',
    baseline: (d) =>
      sql`select o.* from organisations o where o.verification_status = 'verified'
          and exists (select 1 from organisation_issues i where i.organisation_id = o.id and i.issue_code = 'tengkes')
          order by o.legal_name limit 50`.execute(d.db),
  },
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(TSX, [MAIN, 'serve'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BOUNDARIES_PATH: BOUNDARIES,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function baselineMs(database: Database, scenario: Scenario): Promise<number> {
  for (let i = 0; i < 5; i += 1) await scenario.baseline(database); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const start = performance.now();
    await scenario.baseline(database);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

interface Row {
  engine: string;
  scenario: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  baseline: number;
}

async function load(url: string): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONCURRENCY, duration: SECONDS });
}

async function benchEngine(
  engine: 'pglite' | 'postgresql',
  serverEnv: Record<string, string>,
  baselineDb: Database,
) {
  const rows: Row[] = [];
  const { child, url } = await startServer(serverEnv);
  try {
    for (const scenario of SCENARIOS) {
      await load(`${url}${scenario.path}`); // short warm-up is the first run; measure the second
      const result = await load(`${url}${scenario.path}`);
      rows.push({
        engine,
        scenario: `${scenario.name} \`${scenario.path}\``,
        p50: result.latency.p50,
        p95: result.latency.p97_5 ?? result.latency.p90,
        p99: result.latency.p99,
        rps: result.requests.average,
        errors: result.errors + result.non2xx,
        baseline: await baselineMs(baselineDb, scenario),
      });
      console.log(
        `[bench] ${engine} ${scenario.name}: p50 ${result.latency.p50} ms, ${result.requests.average} req/s`,
      );
    }
  } finally {
    await stopServer(child);
  }
  return rows;
}

async function main() {
  const rows: Row[] = [];
  const quiet = () => {};

  // Embedded: the server owns its folder; the baseline runs on an in-memory copy with the same data.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'simpul-bench-'));
  const copy = await openPglite({ dataDir: null });
  try {
    await migrateToLatest(copy.db);
    await ensureBaseData(copy.db, { demoData: true, boundariesPath: BOUNDARIES, log: quiet });
    rows.push(...(await benchEngine('pglite', { DATA_DIR: dataDir }, copy)));
  } finally {
    await copy.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const name = `simpul_bench_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(serverUrl, 1);
    await admin.pool.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const direct = await openPostgres(url.toString(), 2);
    try {
      await migrateToLatest(direct.db);
      await ensureBaseData(direct.db, { demoData: true, boundariesPath: BOUNDARIES, log: quiet });
      rows.push(...(await benchEngine('postgresql', { DATABASE_URL: url.toString() }, direct)));
    } finally {
      await direct.close();
      await admin.pool.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  }

  writeReport(rows);
}

function writeReport(rows: Row[]) {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
  const lines = [
    '# Benchmarks',
    '',
    'Measured by `npm run bench` (`bench/run.ts`): autocannon over HTTP on loopback, concurrency',
    `${CONCURRENCY}, ${SECONDS} s per scenario after a warm-up run, against a server started with the demo data and`,
    'the NTB boundaries. **Baseline** = median of 50 runs of the same SQL executed directly in the bench',
    'process on a database holding the same data; **ratio** = HTTP p50 ÷ baseline (what HTTP, validation,',
    'authorisation and presentation add, plus queueing at concurrency 16). Set `BENCH_DATABASE_URL` to a',
    'PostgreSQL maintenance database URL to include the server engine.',
    '',
    `Machine: ${machine}. Run: ${new Date().toISOString()}.`,
    '',
    'Targets for the map, dashboard and program endpoints arrive with the programs issue; these are the',
    'read paths that exist today.',
    '',
    '| engine | scenario | p50 ms | p97.5 ms | p99 ms | req/s | errors | baseline SQL ms | ratio |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.scenario} | ${r.p50} | ${r.p95} | ${r.p99} | ${Math.round(r.rps)} | ${r.errors} | ${r.baseline.toFixed(2)} | ${(r.p50 / Math.max(r.baseline, 0.01)).toFixed(1)}× |`,
    ),
    '',
  ];
  writeFileSync(path.join(PROJECT_ROOT, 'docs', 'benchmarks.md'), lines.join('\n'));
  console.log('[bench] wrote docs/benchmarks.md');
}

main().catch((error) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});
