/**
 * The figures cache: map, dashboard and program-list answers kept in the server process
 * per (filters, reader scope or visibility), keyed by the facts version that every
 * program write bumps in its transaction, so a cached answer is never staler than the data
 * (also with several processes on one PostgreSQL). The figures are fast without it (the
 * pre-summed cells, docs/figures.md); it spares the embedded engine's single connection
 * the repeated reads. `SIMPUL_WWW_CACHE=off` (config.ts) turns it off.
 *
 * One cache per database handle, so two apps in one process (tests, the bench) each have
 * their own, switched on or off by their own configuration.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { factsVersion } from '../programs/facts.ts';

const CACHE_LIMIT = 200;

interface FiguresCache {
  enabled: boolean;
  entries: Map<string, { version: number; value: unknown }>;
}

const caches = new WeakMap<object, FiguresCache>();

function cacheOf(db: Kysely<DB>): FiguresCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { enabled: true, entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/** Switches the cache of this database handle on or off (buildApp, from the configuration). */
export function configureFiguresCache(db: Kysely<DB>, enabled: boolean): void {
  const cache = cacheOf(db);
  cache.enabled = enabled;
  cache.entries.clear();
}

export async function cached<T>(db: Kysely<DB>, key: string, compute: () => Promise<T>): Promise<T> {
  const cache = cacheOf(db);
  if (!cache.enabled) return compute();
  const version = await factsVersion(db);
  const hit = cache.entries.get(key);
  if (hit && hit.version === version) {
    // Re-insert to keep the map in least-recently-used order.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  cache.entries.set(key, { version, value });
  while (cache.entries.size > CACHE_LIMIT) {
    const oldest = cache.entries.keys().next().value;
    if (oldest === undefined) break;
    cache.entries.delete(oldest);
  }
  return value;
}

export function cacheKey(kind: string, f: object, scopes: string[] | null, extra: object = {}): string {
  const sorted = Object.fromEntries(
    Object.entries({ ...f, ...extra })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, unknown] => [k, Array.isArray(v) ? [...v].sort() : v])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return JSON.stringify([kind, sorted, scopes ? [...scopes].sort() : null]);
}
