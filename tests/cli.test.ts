/**
 * The command line as an operator uses it: real processes, a real data folder,
 * signals. Covers the embedded-engine guards from DESIGN.md: folder lock, clean
 * shutdown, data surviving a restart, backup and restore.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/server/config.ts';

const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
/**
 * The server under signal tests runs as plain `node --import tsx`, not through the tsx CLI:
 * the CLI relays a signal to its child and, if the child has not acknowledged it within
 * 30 ms (a busy 2-core CI machine), SIGKILLs it and exits 143 — a failed test that says
 * nothing about Simpul's own shutdown.
 */
const NODE_WITH_TSX = [process.execPath, '--import', 'tsx'] as const;
const MAIN = path.join(PROJECT_ROOT, 'src', 'server', 'main.ts');
const ADMIN_TOKEN = 'cli-test-admin-token-0123456789';
const folders: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'simpul-cli-'));
  folders.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function emptyFolder(): string {
  return tempDir();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  // The CLI must not pick up the suite's PostgreSQL: these tests are about the embedded engine.
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  return env;
}

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [MAIN, ...args], { env: baseEnv(env), cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  // No demo data and an empty boundary folder: these tests are about the engine, and a lighter
  // start keeps them well inside their time limits on a busy 2-core machine.
  const child = spawn(NODE_WITH_TSX[0], [...NODE_WITH_TSX.slice(1), MAIN, 'serve'], {
    env: baseEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN,
      DEMO_DATA: 'false',
      BOUNDARIES_PATH: emptyFolder(),
      ...env,
    }),
    cwd: PROJECT_ROOT,
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { child, url, output: () => output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy:\n${output}`);
}

const pijotSquare = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '52.03.01.2002' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [110, -5],
            [110.02, -5],
            [110.02, -4.98],
            [110, -4.98],
            [110, -5],
          ],
        ],
      },
    },
  ],
};

describe('configuration errors stop the program with exit code 1', () => {
  it('PORT=abc', async () => {
    const { code, stderr } = await runCli(['serve'], { PORT: 'abc', DATA_DIR: tempDir() });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('[simpul] Invalid configuration: PORT must be a port number (got "abc")');
  });

  it('an unreachable DATABASE_URL', async () => {
    const port = await freePort();
    const child = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const env = { ...baseEnv({}), DATABASE_URL: `postgres://simpul:pw@127.0.0.1:${port}/simpul` };
      const proc = spawn(TSX, [MAIN, 'migrate'], { env, cwd: PROJECT_ROOT });
      let stderr = '';
      proc.stderr.on('data', (d) => (stderr += d));
      proc.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(child.code).toBe(1);
    expect(child.stderr).toContain(`DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port}/simpul`);
    expect(child.stderr).not.toContain('pw@');
  });

  it('an unknown command', async () => {
    const { code, stderr } = await runCli(['frobnicate'], { DATA_DIR: tempDir() });
    expect(code).toBe(1);
    expect(stderr).toContain('unknown command "frobnicate"');
  });
});

describe('the embedded database guards', () => {
  it('locks the folder, shuts down cleanly, keeps data over a restart, backs up and restores', {
    timeout: 240_000,
  }, async () => {
    const dataDir = tempDir();
    const first = await startServer({ DATA_DIR: dataDir });
    const health = await (
      await fetch(`${first.url}/api/health`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json();
    expect(health.database).toMatchObject({ engine: 'pglite', status: 'up' });

    // A write through the API, to find again after the restart.
    const imported = await fetch(`${first.url}/api/boundaries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify(pijotSquare),
    });
    expect(imported.status).toBe(200);

    // A second server on the same folder must refuse to start.
    const second = await runCli(['serve'], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('is already in use by process');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'simpul.lock'))).toBe(false);

    const restarted = await startServer({ DATA_DIR: dataDir });
    const pijot = await (await fetch(`${restarted.url}/api/areas/52.03.01.2002`)).json();
    expect(pijot.centroid).toEqual([110.01, -4.99]);
    // Base data is loaded once: the restart found it and did not reload.
    expect(restarted.output()).not.toContain('areas: loaded');
    restarted.child.kill('SIGINT');
    expect(await restarted.exited).toBe(0);

    const backupFile = path.join(tempDir(), 'simpul.tar.gz');
    const backup = await runCli(['backup', backupFile], { DATA_DIR: dataDir });
    expect(backup.code, backup.stderr).toBe(0);
    expect(existsSync(backupFile)).toBe(true);

    const otherDir = tempDir();
    const restore = await runCli(['restore', backupFile], { DATA_DIR: otherDir });
    expect(restore.code, restore.stderr).toBe(0);
    const again = await runCli(['restore', backupFile], { DATA_DIR: otherDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('pass --force');

    const fromBackup = await startServer({ DATA_DIR: otherDir });
    const restored = await (await fetch(`${fromBackup.url}/api/areas/52.03.01.2002`)).json();
    expect(restored.centroid).toEqual([110.01, -4.99]);
    fromBackup.child.kill('SIGTERM');
    expect(await fromBackup.exited).toBe(0);
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dataDir = tempDir();
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    // PID 2^22+1 is above Linux's pid_max default, so no live process has it.
    writeFileSync(path.join(dataDir, 'simpul.lock'), JSON.stringify({ pid: 4194305, since: 'earlier' }));
    const migrate = await runCli(['migrate'], { DATA_DIR: dataDir });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(existsSync(path.join(dataDir, 'simpul.lock'))).toBe(false);
  });
});
