/**
 * The only module that reads process.env. Everything is parsed and validated once
 * at start-up; a bad value stops the program with a one-line message naming the
 * variable (STYLE.md habit 6).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The NTB boundaries in the repository (MIT data, provenance in its README). */
export const SHIPPED_BOUNDARIES_PATH = path.join(PROJECT_ROOT, 'src/server/modules/areas/boundaries-ntb');
/** Exports a minute per address, and exports streaming at once (docs/programs.md, "Streaming and limits"). */
export const EXPORT_DEFAULTS = { rateLimit: 12, concurrency: 2 } as const;

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), { message: 'must start with postgres:// or postgresql://' })
  .refine(
    (v) => {
      try {
        new URL(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid URL' },
  );

/** Each variable, its default and meaning; README's configuration table mirrors this. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int({ message: 'must be an integer' })
    .min(1, { message: 'must be between 1 and 65535' })
    .max(65535, { message: 'must be between 1 and 65535' })
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: booleanText.default(true),
  BOUNDARIES_PATH: z.string().optional(),
  ADMIN_TOKEN: z.string().min(24, { message: 'must be at least 24 characters' }).optional(),
  TRUST_PROXY: booleanText.default(false),
  COOKIE_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  COOKIE_SECURE: booleanText.optional(),
  EXPORT_RATE_LIMIT: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be an integer' })
    .min(1, { message: 'must be at least 1' })
    .default(EXPORT_DEFAULTS.rateLimit),
  EXPORT_CONCURRENCY: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be an integer' })
    .min(1, { message: 'must be between 1 and 16' })
    .max(16, { message: 'must be between 1 and 16' })
    .default(EXPORT_DEFAULTS.concurrency),
  AUDIT_CHECKPOINT_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  SIMPUL_WWW_CACHE: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** null = embedded PGlite in `pgliteDir`. */
  databaseUrl: string | null;
  databasePoolSize: number;
  dataDir: string;
  pgliteDir: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  demoData: boolean;
  /** Folder or file of boundaries loaded into an empty boundary table at start (default: the shipped NTB files). */
  boundariesPath: string | null;
  /** Bearer token for scripts calling the platform-administrator routes (README); null disables it. */
  adminToken: string | null;
  trustProxy: boolean;
  /** Signs the CSRF secret cookie; several instances behind one address must share it. */
  cookieSecret: string;
  /** Send cookies only over HTTPS (default: on in production). */
  cookieSecure: boolean;
  sessionTtlHours: number;
  /** Full exports (programs, organisations) one address may start per minute. */
  exportRateLimit: number;
  /** Exports running at once, server-wide; more wait their turn. */
  exportConcurrency: number;
  /** Signs and checks audit checkpoints (HMAC-SHA-256); null = `audit:checkpoint` refuses to run. */
  auditCheckpointKey: string | null;
  /** Cache map, dashboard and program-list answers in the process (docs/figures.md, "Cache"). */
  whoWhatWhereCache: boolean;
  version: string;
}

export class ConfigError extends Error {}

/** Parses an environment (default: process.env). Throws ConfigError with a one-line message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset so `PORT= npm start` uses the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const got = cleaned[name];
    const secret = ['DATABASE_URL', 'ADMIN_TOKEN', 'COOKIE_SECRET', 'AUDIT_CHECKPOINT_KEY'].includes(name);
    const shown = secret ? '' : ` (got "${got}")`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}${shown}`);
  }
  const v = parsed.data;
  const dataDir = path.resolve(PROJECT_ROOT, v.DATA_DIR);
  // The NTB boundaries ship with the project, so a fresh clone draws maps with nothing beside it.
  let boundariesPath: string | null = SHIPPED_BOUNDARIES_PATH;
  if (v.BOUNDARIES_PATH) {
    boundariesPath = path.resolve(PROJECT_ROOT, v.BOUNDARIES_PATH);
    if (!existsSync(boundariesPath)) {
      throw new ConfigError(
        `Invalid configuration: BOUNDARIES_PATH does not exist (got "${v.BOUNDARIES_PATH}")`,
      );
    }
  }
  return {
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL ?? null,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    logLevel: v.LOG_LEVEL,
    demoData: v.DEMO_DATA,
    boundariesPath,
    adminToken: v.ADMIN_TOKEN ?? null,
    trustProxy: v.TRUST_PROXY,
    // Without a configured secret each start makes its own: CSRF tokens then need a page reload after a restart.
    cookieSecret: v.COOKIE_SECRET ?? randomBytes(32).toString('hex'),
    cookieSecure: v.COOKIE_SECURE ?? v.NODE_ENV === 'production',
    sessionTtlHours: v.SESSION_TTL_HOURS,
    exportRateLimit: v.EXPORT_RATE_LIMIT,
    exportConcurrency: v.EXPORT_CONCURRENCY,
    auditCheckpointKey: v.AUDIT_CHECKPOINT_KEY ?? null,
    whoWhatWhereCache: v.SIMPUL_WWW_CACHE === 'on',
    version: process.env.npm_package_version ?? '0.1.0',
  };
}

/** Test-only: the PostgreSQL server the suite should also run against (CI sets it). */
export function testDatabaseUrl(): string | null {
  return process.env.TEST_DATABASE_URL || null;
}
