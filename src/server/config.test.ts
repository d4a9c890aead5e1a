import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT, SHIPPED_BOUNDARIES_PATH } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      demoData: true,
      adminToken: null,
    });
    expect(config.pgliteDir).toMatch(/data[/\\]pglite$/);
  });

  it('loads the boundaries shipped in the repository unless BOUNDARIES_PATH points elsewhere', () => {
    const shipped = loadConfig({}).boundariesPath;
    expect(shipped).toBe(SHIPPED_BOUNDARIES_PATH);
    // The shipped folder is part of the repository, not of ../shared.
    expect(path.relative(PROJECT_ROOT, shipped ?? '')).not.toMatch(/^\.\./);
    expect(
      readdirSync(shipped ?? '')
        .filter((f) => f.endsWith('.topo.json'))
        .sort(),
    ).toEqual(['ntb-districts.topo.json', 'ntb-regencies.topo.json', 'ntb-villages.topo.json']);
    expect(loadConfig({ BOUNDARIES_PATH: 'src' }).boundariesPath).toBe(path.join(PROJECT_ROOT, 'src'));
  });

  it('names the variable and the value in a one-line message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^Invalid configuration: PORT .*"abc"/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between 1 and 65535/);
    expect(() => loadConfig({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA must be true or false/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ EXPORT_CONCURRENCY: '0' })).toThrow(
      /EXPORT_CONCURRENCY must be between 1 and 16/,
    );
    expect(() => loadConfig({ EXPORT_RATE_LIMIT: 'many' })).toThrow(/EXPORT_RATE_LIMIT must be a number/);
    expect(loadConfig({ EXPORT_RATE_LIMIT: '500' })).toMatchObject({
      exportRateLimit: 500,
      exportConcurrency: 2,
    });
    expect(() => loadConfig({ BOUNDARIES_PATH: '/no/such/folder' })).toThrow(
      /BOUNDARIES_PATH does not exist/,
    );
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL without echoing it (it may hold a password)', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL must start with postgres/);
    expect(message).not.toContain('secret');
  });

  it('requires a long admin token when one is set', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN must be at least 24 characters/);
  });

  it('reads the audit checkpoint key, refusing a short one without echoing it', () => {
    expect(loadConfig({}).auditCheckpointKey).toBeNull();
    const key = 'k'.repeat(32);
    expect(loadConfig({ AUDIT_CHECKPOINT_KEY: key }).auditCheckpointKey).toBe(key);
    expect(() => loadConfig({ AUDIT_CHECKPOINT_KEY: 'short-key' })).toThrow(
      /^Invalid configuration: AUDIT_CHECKPOINT_KEY must be at least 32 characters$/,
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: null });
  });
});
