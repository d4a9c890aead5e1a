/**
 * `npm run bench`: HTTP load on a running server (autocannon, concurrency 16, loopback only,
 * bounded in time) with the NTB-scale synthetic data (`seed --scale ntb`), on the embedded
 * engine and — when BENCH_DATABASE_URL points at a PostgreSQL server (maintenance database,
 * e.g. …/postgres) — on PostgreSQL. The bench process loads the data and times the baseline
 * first (the same queries or service call run directly, in this process, on that database),
 * then starts the server on the same data, so both see identical rows. Results go to
 * docs/benchmarks.md (not part of the test suite).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { PROJECT_ROOT, SHIPPED_BOUNDARIES_PATH } from '../src/server/config.ts';
import { type Database, openPglite, openPostgres } from '../src/server/db/engine.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/types.ts';
import { SYSTEM_CONTEXT } from '../src/server/modules/audit/record-audit.ts';
import { generateNtbScale } from '../src/server/modules/demo/ntb-scale.ts';
import { ensureBaseData } from '../src/server/modules/demo/seed.ts';
import { listPrograms } from '../src/server/modules/programs/queries.ts';
import { createProgram } from '../src/server/modules/programs/service.ts';
import { computeDashboard, computeMap } from '../src/server/modules/programs/who-what-where.ts';
import { programVisibility } from '../src/server/policies/programs.ts';
import { createProgramBody } from '../src/shared/contracts/programs.ts';

const CONCURRENCY = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BOUNDARIES = SHIPPED_BOUNDARIES_PATH;
const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = path.join(PROJECT_ROOT, 'src', 'server', 'main.ts');

interface Scenario {
  name: string;
  path: string;
  /** The SQL (or service call) the endpoint's answer rests on, run directly as the baseline. */
  baseline: (db: Database) => Promise<unknown>;
  /** p95 target in ms per engine, from the issue; absent for paths without a target. */
  target?: { pglite: number; postgresql: number };
  method?: 'POST';
  body?: (ownerOrgId: string) => unknown;
  /** Measured twice: with the response cache (default) and without it. */
  cached?: boolean;
  /** Concurrent connections; default CONCURRENCY. */
  connections?: number;
}

const MAP_TARGET = { pglite: 250, postgresql: 100 };
const ALL = { limit: 50, offset: 0 };
const NO_SCOPE = null;

/** Three villages in two kecamatan of Lombok Timur, as an organisation editor would enter them. */
const CREATE_VILLAGES = ['52.03.01.2002', '52.03.01.2003', '52.03.02.2001'];
function createBody(ownerOrgId: string) {
  return {
    ownerOrgId,
    title: 'Bench: pendampingan gizi balita',
    issues: ['tengkes'],
    villages: CREATE_VILLAGES.map((code) => ({ code, targetHouseholds: 40 })),
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    budgetPlanned: 450_000_000,
    modality: 'service',
    status: 'active',
  };
}

/** The create service call itself, in process: the baseline of both create scenarios. */
async function createBaseline(d: Database) {
  const owner = await ownerOrg(d.db);
  return createProgram(d.db, { kind: 'service' }, createProgramBody.parse(createBody(owner)), SYSTEM_CONTEXT);
}

const SCENARIOS: Scenario[] = [
  ...(['regency', 'district', 'village'] as const).map(
    (level): Scenario => ({
      name: `map, ${level} level`,
      path: `/api/who-what-where/map?level=${level}`,
      baseline: (d) => computeMap(d.db, { level }, NO_SCOPE),
      target: MAP_TARGET,
      cached: true,
    }),
  ),
  {
    name: 'map, village level, filtered (issue + year)',
    path: '/api/who-what-where/map?level=village&issue=tengkes&year=2026',
    baseline: (d) => computeMap(d.db, { level: 'village', issue: ['tengkes'], year: 2026 }, NO_SCOPE),
    target: MAP_TARGET,
    cached: true,
  },
  {
    name: 'dashboard',
    path: '/api/who-what-where/dashboard',
    baseline: (d) => computeDashboard(d.db, {}, NO_SCOPE),
    target: MAP_TARGET,
    cached: true,
  },
  {
    name: 'dashboard, filtered (kabupaten + year)',
    path: '/api/who-what-where/dashboard?area=52.03&year=2026',
    baseline: (d) => computeDashboard(d.db, { area: '52.03', year: 2026 }, NO_SCOPE),
    target: MAP_TARGET,
    cached: true,
  },
  {
    name: 'program list, filtered page',
    path: '/api/programs?area=52.03&issue=tengkes&year=2026&limit=50',
    baseline: (d) =>
      listPrograms(
        d.db,
        programVisibility({ kind: 'anonymous' }),
        { area: '52.03', issue: ['tengkes'], year: 2026 },
        ALL,
        'period',
      ),
    target: { pglite: 150, postgresql: 150 },
    cached: true,
  },
  {
    name: 'program create (3 villages, 2 kecamatan; updates the summaries)',
    path: '/api/programs',
    method: 'POST',
    body: createBody,
    baseline: createBaseline,
    target: { pglite: 100, postgresql: 100 },
  },
  {
    name: 'program create, one editor at a time (concurrency 1)',
    path: '/api/programs',
    method: 'POST',
    body: createBody,
    connections: 1,
    baseline: createBaseline,
    target: { pglite: 100, postgresql: 100 },
  },
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

/** The demo editor's organisation: programs created in the bench are owned by it. */
const EDITOR_EMAIL = 'editor.ypas@simpul.demo';
const DEMO_PASSWORD = 'simpul-demo-2026';

async function ownerOrg(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('key', '=', 'yayasan-peduli-anak-sasak')
    .executeTakeFirstOrThrow();
  return row.id;
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
  const deadline = Date.now() + 300_000;
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

/** Signs the demo editor in: the session cookie and CSRF token a browser would hold. */
async function signIn(url: string): Promise<Record<string, string>> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (name) cookies.set(name.trim(), rest.join('='));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let session = await fetch(`${url}/api/auth/session`);
  remember(session);
  let token = ((await session.json()) as { csrfToken: string }).csrfToken;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: header(), 'x-csrf-token': token },
    body: JSON.stringify({ email: EDITOR_EMAIL, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`bench sign-in failed: ${login.status} ${await login.text()}`);
  remember(login);
  session = await fetch(`${url}/api/auth/session`, { headers: { cookie: header() } });
  remember(session);
  token = ((await session.json()) as { csrfToken: string }).csrfToken;
  return { cookie: header(), 'x-csrf-token': token };
}

async function baselineMs(database: Database, scenario: Scenario): Promise<number> {
  const runs = scenario.method === 'POST' ? 20 : 50;
  for (let i = 0; i < 3; i += 1) await scenario.baseline(database); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
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
  target: number | null;
}

/** Exact percentile of the recorded latencies (autocannon itself reports p97.5, not p95). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] as number) * 10) / 10;
}

async function load(
  url: string,
  options: {
    method?: 'POST';
    body?: string;
    headers?: Record<string, string>;
    seconds: number;
    connections?: number | undefined;
  },
): Promise<{ latencies: number[]; result: autocannon.Result }> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections ?? CONCURRENCY,
        duration: options.seconds,
        method: options.method ?? 'GET',
        ...(options.body ? { body: options.body } : {}),
        headers: {
          ...(options.body ? { 'content-type': 'application/json' } : {}),
          ...(options.headers ?? {}),
        },
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  return { latencies, result };
}

async function measure(
  engine: 'pglite' | 'postgresql',
  url: string,
  scenarios: Scenario[],
  baselines: Map<string, number>,
  label: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  const headers = await signIn(url);
  const found = (await (await fetch(`${url}/api/organisations?q=Peduli%20Anak%20Sasak&limit=5`)).json()) as {
    items: Array<{ id: string; key: string }>;
  };
  const ownerOrgId = found.items.find((o) => o.key === 'yayasan-peduli-anak-sasak')?.id ?? '';
  for (const scenario of scenarios) {
    const body = scenario.body ? JSON.stringify(scenario.body(ownerOrgId)) : undefined;
    const common = {
      ...(scenario.method ? { method: scenario.method } : {}),
      ...(body ? { body } : {}),
      headers,
      connections: scenario.connections,
    };
    await load(`${url}${scenario.path}`, { ...common, seconds: Math.min(3, SECONDS) }); // warm-up
    const { latencies, result } = await load(`${url}${scenario.path}`, { ...common, seconds: SECONDS });
    rows.push({
      engine,
      scenario: `${scenario.name}${label} \`${scenario.method ?? 'GET'} ${scenario.path}\``,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      rps: result.requests.average,
      errors: result.errors + result.non2xx,
      baseline: baselines.get(scenario.name) ?? Number.NaN,
      target: scenario.target ? scenario.target[engine] : null,
    });
    console.log(
      `[bench] ${engine} ${scenario.name}${label}: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, ${result.requests.average} req/s, ${result.non2xx} non-2xx`,
    );
  }
  return rows;
}

/** Loads areas, boundaries, demo data and the NTB-scale set, then times every baseline. */
async function prepare(database: Database): Promise<Map<string, number>> {
  const log = (line: string) => console.log(`[bench] ${line}`);
  await migrateToLatest(database.db);
  await ensureBaseData(database.db, { demoData: true, boundariesPath: BOUNDARIES, log });
  const started = performance.now();
  const generated = await generateNtbScale(database.db, { scale: 'ntb', existing: 'upgrade' });
  log(
    `NTB-scale data: ${generated.outcome} in ${Math.round((performance.now() - started) / 1000)} s ${JSON.stringify(generated.counts)}`,
  );
  const baselines = new Map<string, number>();
  for (const scenario of SCENARIOS) {
    baselines.set(scenario.name, await baselineMs(database, scenario));
    log(`baseline ${scenario.name}: ${baselines.get(scenario.name)?.toFixed(2)} ms`);
  }
  return baselines;
}

async function benchEngine(
  engine: 'pglite' | 'postgresql',
  serverEnv: Record<string, string>,
  baselines: Map<string, number>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const cache of ['on', 'off'] as const) {
    const scenarios = cache === 'on' ? SCENARIOS : SCENARIOS.filter((s) => s.cached);
    const { child, url } = await startServer({ ...serverEnv, SIMPUL_WWW_CACHE: cache });
    try {
      rows.push(...(await measure(engine, url, scenarios, baselines, cache === 'off' ? ' — cache off' : '')));
    } finally {
      await stopServer(child);
    }
  }
  return rows;
}

async function main() {
  const rows: Row[] = [];

  // Embedded: the bench process loads the folder and times the baselines, closes it, and the
  // server then opens the same folder (one process at a time holds it).
  const dataDir = mkdtempSync(path.join(tmpdir(), 'simpul-bench-'));
  try {
    const embedded = await openPglite({ dataDir });
    let baselines: Map<string, number>;
    try {
      baselines = await prepare(embedded);
    } finally {
      await embedded.close();
    }
    rows.push(...(await benchEngine('pglite', { DATA_DIR: dataDir }, baselines)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const name = `simpul_bench_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(serverUrl, 1);
    await admin.pool.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      const direct = await openPostgres(url.toString(), 2);
      let baselines: Map<string, number>;
      try {
        baselines = await prepare(direct);
      } finally {
        await direct.close();
      }
      rows.push(...(await benchEngine('postgresql', { DATABASE_URL: url.toString() }, baselines)));
    } finally {
      await admin.pool.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  }

  writeReport(rows);
}

function writeReport(rows: Row[]) {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
  const verdict = (r: Row) =>
    r.target === null ? '' : r.p95 <= r.target ? `≤ ${r.target} ✓` : `≤ ${r.target} ✗`;
  const lines = [
    '# Benchmarks',
    '',
    'Measured by `npm run bench` (`bench/run.ts`, not part of the test suite): autocannon over HTTP on',
    `loopback, concurrency ${CONCURRENCY}, ${SECONDS} s per scenario after a short warm-up, against a server holding`,
    'the NTB boundaries, the demo data and the **NTB-scale synthetic set** (`npm run seed -- --scale ntb`:',
    '~600 organisations, ~12,000 programs 2025–2030, ~400 partnerships; see docs/synthetic-data.md).',
    'p50/p95/p99 are exact percentiles of every recorded response time.',
    '',
    '**Baseline** = median of 50 runs (20 for the create) of the same work done directly in the bench',
    'process on the same database, before the server starts: the map/dashboard queries (`computeMap`,',
    '`computeDashboard`, uncached), the list query, the create service call, the bare SQL for the older read',
    'paths. **Ratio** = HTTP p50 ÷ baseline: what HTTP, validation, authorisation, presentation and queueing at',
    `concurrency ${CONCURRENCY} add. The embedded engine has a single connection, so under concurrent load requests`,
    'queue behind each other: its p95 is roughly 16 × the service time unless answers come from the cache.',
    '',
    '**Cache**: map, dashboard and program-list answers are cached per filter and reader (scope, visibility),',
    'keyed by a facts version bumped in every program write (docs/programs.md); rows marked "cache off" are the',
    'same requests with `SIMPUL_WWW_CACHE=off`, i.e. every request runs the queries. The create scenarios write',
    'a new program on every request (which also invalidates the cache); the concurrency-1 create shows what one',
    'editor saving a program waits, the concurrency-16 one what sixteen editors saving at once wait (writes are',
    'serialised by the audit hash chain, and on the embedded engine by its single connection).',
    '',
    `Machine: ${machine}. Run: ${new Date().toISOString()}.`,
    '',
    '| engine | scenario | p50 ms | p95 ms | p99 ms | req/s | errors | p95 target ms | baseline ms | ratio |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.scenario} | ${r.p50} | ${r.p95} | ${r.p99} | ${Math.round(r.rps)} | ${r.errors} | ${verdict(r)} | ${r.baseline.toFixed(2)} | ${(r.p50 / Math.max(r.baseline, 0.01)).toFixed(1)}× |`,
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
