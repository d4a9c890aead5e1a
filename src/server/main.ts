/**
 * Command-line entry point: `tsx src/server/main.ts <command>` (or `npm run simpul -- <command>`).
 * Every command reads configuration the same way and exits 1 with a one-line message
 * on a configuration, lock or connection problem.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { backup, restore } from './db/backup.ts';
import { DatabaseUnreachableError, describeUrl } from './db/engine.ts';
import { DataDirLockedError } from './db/lock.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { AppError } from './errors.ts';
import { startJobs } from './jobs/boss.ts';
import { createFirstAdmin } from './modules/accounts/create-admin.ts';
import { importBoundaries, parseBoundaryFile } from './modules/areas/import-boundaries.ts';
import { loadProvinceAreas } from './modules/areas/load-areas.ts';
import { verifyAgainstLatestCheckpoint, writeCheckpoint } from './modules/audit/checkpoint.ts';
import { SYSTEM_CONTEXT } from './modules/audit/record-audit.ts';
import { CheckpointFileError, parseCheckpointFile } from './modules/audit/signature.ts';
import { verifyAuditChain } from './modules/audit/verify-chain.ts';
import {
  GENERATION_SCALES,
  GeneratedDataPresentError,
  type GenerateOptions,
  type GenerationProgress,
  type GenerationScale,
} from './modules/demo/ntb-scale.ts';
import { ensureBaseData, importBoundaryFiles, loadDemoData } from './modules/demo/seed.ts';
import { rebuildProgramFacts } from './modules/programs/facts.ts';

const HELP = `Simpul — command line

Usage: npm run simpul -- <command> [options]

  serve                         start the web server (the default; npm start builds the web app first)
  migrate                       apply database migrations
  seed [--scale demo|ntb|ntb4] [--seed N] [--replace]
                                reload the demo dataset (areas and boundaries are kept) with
                                synthetic programs: the demo slice, or with --scale ntb the full
                                NTB-scale set (600 organisations, 12,000 programs, 400
                                partnerships), or with --scale ntb4 a 4× set for measuring
                                (1,200 organisations, 48,000 programs, 1,600 partnerships);
                                same seed, same data. Generated data already loaded is kept
                                (a smaller scale is upgraded to a larger one); --replace swaps
                                it for another scale or seed
  areas:load <province>         load or update the Kemendagri areas of a province (e.g. 52, 53)
  boundaries:import <path>      import a GeoJSON/TopoJSON file, or every such file in a folder
  users:create-admin --email <email> --name <name> [--organisation <key>] [--password-stdin]
                                create a platform administrator (prints a one-time password
                                unless one is piped in)
  figures:rebuild               recompute the map/dashboard fact rows and pre-summed figures from the programs
  audit:verify [--checkpoint <file>]
                                recompute the audit log's hash chain and compare it with the latest
                                stored checkpoint (or the given checkpoint file); exit 1 at the first
                                broken link or a chain shorter than / diverging from the checkpoint
  audit:checkpoint [file]       verify the chain, then sign its head with AUDIT_CHECKPOINT_KEY, store
                                it and write it to a file (default backups/audit-checkpoint-<time>.json)
  backup [file]                 save the database (embedded: .tar.gz of the data folder; server: pg_dump);
                                without a file, into backups/ named by the time
  restore <file> [--force]      restore a backup (embedded: replaces the data folder, keeping a copy)
  help                          show this text

Configuration comes from environment variables; see README.md.`;

const log = (message: string) => console.log(`[simpul] ${message}`);

function engineLabel(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL at ${describeUrl(config.databaseUrl)}`
    : `embedded PGlite in ${config.pgliteDir}`;
}

async function serve(config: Config): Promise<void> {
  log(`starting with ${engineLabel(config)}`);
  const database = await openConfiguredDatabase(config);
  await ensureBaseData(database.db, {
    demoData: config.demoData,
    boundariesPath: config.boundariesPath,
    log,
  });
  const app = await buildApp({ config, database, serveWeb: true });
  const jobs = await startJobs(database, {
    onError: (error) => app.log.error({ err: error }, 'job runner error'),
  });
  app.jobs = jobs;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Stop accepting requests, let in-flight ones finish, then jobs, then the database
    // (which CHECKPOINTs the embedded engine and releases its folder lock).
    const force = setTimeout(() => {
      console.error('[simpul] shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close();
      await jobs.stop();
      await database.close();
      process.exit(0);
    } catch (error) {
      console.error(`[simpul] error during shutdown: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  log(
    `Simpul is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (API docs at /api/docs)`,
  );
}

async function withDatabase<T>(
  config: Config,
  work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const database = await openConfiguredDatabase(config, { migrate: false });
      try {
        const result = await migrateToLatest(database.db);
        const applied =
          result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        log(applied.length ? `applied ${applied.join(', ')}` : 'database already up to date');
      } finally {
        await database.close();
      }
      return;
    }
    case 'seed': {
      const generated = seedOptions(rest);
      return withDatabase(config, async (database) => {
        await ensureBaseData(database.db, { demoData: false, boundariesPath: config.boundariesPath, log });
        const started = performance.now();
        await loadDemoData(database.db, log, { generated });
        log(
          `demo dataset reloaded in ${((performance.now() - started) / 1000).toFixed(1)} s (${database.engine})`,
        );
      });
    }
    case 'areas:load': {
      const province = rest[0];
      if (!province) throw new UsageError('areas:load needs a province code, e.g. `areas:load 52`');
      return withDatabase(config, async (database) => {
        const result = await loadProvinceAreas(database.db, province);
        log(`province ${province}: ${JSON.stringify(result.byLevel)}; retired ${result.retired}`);
      });
    }
    case 'boundaries:import': {
      const target = rest[0];
      if (!target) throw new UsageError('boundaries:import needs a file or folder path');
      const resolved = path.resolve(target);
      return withDatabase(config, async (database) => {
        if (resolved.endsWith('.json') || resolved.endsWith('.geojson') || resolved.endsWith('.topojson')) {
          const outcome = await importBoundaries(
            database.db,
            parseBoundaryFile(readFileSync(resolved, 'utf8')),
            path.basename(resolved),
            SYSTEM_CONTEXT,
          );
          log(`imported ${outcome.imported} polygons ${JSON.stringify(outcome.byLevel)}`);
        } else {
          const total = await importBoundaryFiles(database.db, resolved, log);
          log(`imported ${total} polygons`);
        }
      });
    }
    case 'users:create-admin': {
      const flag = (name: string) => {
        const i = rest.indexOf(`--${name}`);
        return i >= 0 ? rest[i + 1] : undefined;
      };
      const email = flag('email');
      const name = flag('name');
      if (!email || !name) throw new UsageError('users:create-admin needs --email and --name');
      const password = rest.includes('--password-stdin') ? (await readStdin()).trim() : undefined;
      return withDatabase(config, async (database) => {
        const result = await createFirstAdmin(database.db, {
          email,
          name,
          organisationKey: flag('organisation'),
          password,
        });
        log(`administrator ${email} created`);
        if (result.temporaryPassword) {
          log(`one-time password (must be changed at first sign-in): ${result.temporaryPassword}`);
        }
      });
    }
    case 'figures:rebuild':
      return withDatabase(config, async (database) => {
        const started = performance.now();
        const result = await rebuildProgramFacts(database.db);
        log(
          `facts and figures rebuilt from ${result.programs} programs (${result.rows} fact rows) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      });
    case 'audit:verify': {
      const file = flagValue(rest, 'checkpoint');
      const checkpoint = file === undefined ? undefined : readCheckpointFile(file);
      if (checkpoint && !config.auditCheckpointKey) {
        throw new UsageError('AUDIT_CHECKPOINT_KEY must be set to check a checkpoint file’s signature');
      }
      return withDatabase(config, async (database) => {
        const result = checkpoint
          ? await verifyAuditChain(database.db, { checkpoint, key: config.auditCheckpointKey })
          : await verifyAgainstLatestCheckpoint(database.db, config.auditCheckpointKey);
        if (!result.ok) {
          console.error(
            result.firstBrokenId === null
              ? `[simpul] audit chain FAILS its checkpoint: ${result.reason}`
              : `[simpul] audit chain BROKEN at entry ${result.firstBrokenId} (${result.reason}); ${result.checked} entries before it are intact`,
          );
          process.exitCode = 1;
          return;
        }
        const against = result.checkpoint
          ? `; agrees with the checkpoint of ${result.checkpoint.createdAt} (${result.checkpoint.sequence} entries)`
          : '';
        log(`audit chain intact: ${result.checked} entries checked${against}`);
      });
    }
    case 'audit:checkpoint': {
      const key = config.auditCheckpointKey;
      if (!key) throw new UsageError('audit:checkpoint needs AUDIT_CHECKPOINT_KEY (at least 32 characters)');
      const file =
        rest.find((a) => !a.startsWith('--')) ??
        `backups/audit-checkpoint-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
      return withDatabase(config, async (database) => {
        const { verification, checkpoint } = await writeCheckpoint(database.db, key);
        if (!checkpoint) {
          console.error(
            `[simpul] audit chain BROKEN at entry ${verification.firstBrokenId} (${verification.reason}); no checkpoint written`,
          );
          process.exitCode = 1;
          return;
        }
        const target = path.resolve(file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, `${JSON.stringify(checkpoint, null, 2)}\n`);
        log(
          `audit checkpoint of ${checkpoint.sequence} entries (head entry ${checkpoint.entryId}) stored and written to ${file}`,
        );
      });
    }
    case 'backup': {
      const file =
        rest[0] ??
        `backups/simpul-${new Date().toISOString().replace(/[:.]/g, '-')}.${config.databaseUrl ? 'dump' : 'tar.gz'}`;
      log(await backup(config, file));
      return;
    }
    case 'restore': {
      const file = rest.find((a) => !a.startsWith('--'));
      if (!file) throw new UsageError('restore needs a backup file');
      log(await restore(config, file, rest.includes('--force')));
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"; run \`npm run simpul -- help\``);
  }
}

class UsageError extends Error {}

/** `--name value` or `--name=value` (seed and audit:verify flags); undefined when absent. */
function flagValue(args: string[], name: string): string | undefined {
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return value;
}

function readCheckpointFile(file: string) {
  let text: string;
  try {
    text = readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the checkpoint file ${file}: ${(error as Error).message}`);
  }
  try {
    return parseCheckpointFile(text);
  } catch (error) {
    if (error instanceof CheckpointFileError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/** `seed` flags: `--scale demo|ntb|ntb4`, `--seed N`, `--replace` (also written `--scale=ntb`). */
function seedOptions(args: string[]): GenerateOptions {
  const flag = (name: string) => flagValue(args, name);
  const scaleText = flag('scale');
  if (scaleText !== undefined && !GENERATION_SCALES.includes(scaleText as GenerationScale)) {
    throw new UsageError(`--scale must be one of ${GENERATION_SCALES.join(', ')} (got "${scaleText}")`);
  }
  const seedText = flag('seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new UsageError(`--seed must be a whole number from 0 to 4294967295 (got "${seedText}")`);
  }
  const replace = args.includes('--replace');
  const explicit = scaleText !== undefined || seed !== undefined || replace;
  return {
    scale: (scaleText as GenerationScale | undefined) ?? 'demo',
    seed,
    // A plain `seed` keeps whatever synthetic data is loaded; asking for a scale or seed
    // loads it (a smaller scale is upgraded to a larger one), refusing to overwrite another
    // dataset unless --replace says so.
    existing: replace ? 'replace' : explicit ? 'upgrade' : 'keep',
    onProgress: progressPrinter(),
  };
}

/**
 * Progress on stderr: each step once, then at most every two seconds, and its end. Times
 * count from the generation's first report (planning), not from the start of the command.
 */
function progressPrinter(): (progress: GenerationProgress) => void {
  let started: number | null = null;
  let lastStep = '';
  let lastAt = 0;
  return ({ step, done, total }) => {
    const now = performance.now();
    started ??= now;
    if (step === lastStep && done < total && now - lastAt < 2_000) return;
    lastStep = step;
    lastAt = now;
    const elapsed = ((now - started) / 1000).toFixed(1);
    process.stderr.write(`[simpul] generate: ${step} ${done}/${total} (${elapsed} s)\n`);
  };
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (data += chunk));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DatabaseUnreachableError ||
    error instanceof GeneratedDataPresentError ||
    error instanceof UsageError
  ) {
    console.error(`[simpul] ${error.message}`);
  } else if (error instanceof AppError) {
    console.error(`[simpul] ${error.code}: ${error.message}`);
    for (const d of error.details?.slice(0, 50) ?? []) console.error(`  ${d.path}: ${d.message}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`[simpul] PORT is already in use: ${(error as Error).message}`);
  } else {
    console.error('[simpul] failed:', error);
  }
  process.exit(1);
});
