/**
 * Backup and restore. Embedded: a gzip'd tarball of the PGlite data folder (taken
 * with the folder lock held, so never while a server is writing). Server: pg_dump /
 * pg_restore in custom format, which must be on the PATH.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config.ts';
import { describeUrl, openPglite, PGLITE_EXTENSIONS } from './engine.ts';
import { lockDataDir } from './lock.ts';

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) =>
      reject(
        new Error(
          `${command} is not available (${(error as NodeJS.ErrnoException).code}); install the PostgreSQL client tools`,
        ),
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with code ${code}`)),
    );
  });
}

export async function backup(config: Config, file: string): Promise<string> {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', `--file=${target}`, `--dbname=${config.databaseUrl}`]);
    return `PostgreSQL ${describeUrl(config.databaseUrl)} dumped to ${target}`;
  }
  const database = await openPglite({ dataDir: config.dataDir });
  try {
    await database.pglite?.exec('CHECKPOINT');
    const dump = await (database.pglite as PGlite).dumpDataDir('gzip');
    writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
  return `embedded database ${config.pgliteDir} saved to ${target}`;
}

export async function restore(config: Config, file: string, force: boolean): Promise<string> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new Error(`Backup file ${source} does not exist`);
  if (config.databaseUrl) {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      `--dbname=${config.databaseUrl}`,
      source,
    ]);
    return `${source} restored into PostgreSQL ${describeUrl(config.databaseUrl)}`;
  }
  const lock = lockDataDir(config.dataDir);
  try {
    const hasData = existsSync(config.pgliteDir) && readdirSync(config.pgliteDir).length > 0;
    let movedTo: string | null = null;
    if (hasData) {
      if (!force) {
        throw new Error(
          `${config.pgliteDir} already holds a database; pass --force to replace it (it is kept as a copy)`,
        );
      }
      movedTo = `${config.pgliteDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(config.pgliteDir, movedTo);
    }
    mkdirSync(config.pgliteDir, { recursive: true });
    const blob = new Blob([readFileSync(source)]);
    const pglite = await PGlite.create({
      dataDir: config.pgliteDir,
      loadDataDir: blob,
      extensions: PGLITE_EXTENSIONS,
    });
    await pglite.exec('CHECKPOINT');
    await pglite.close();
    return `${source} restored into ${config.pgliteDir}${movedTo ? `; the previous database is in ${movedTo}` : ''}`;
  } finally {
    lock.release();
  }
}
