/**
 * Sign-in throttling (OWASP Authentication Cheat Sheet, "Account lockout" and "Protect against
 * automated attacks"): failures are counted per (account, source) and per account, and a source
 * that keeps failing on an account must wait an exponentially growing delay before its next
 * password check. Nothing locks the account: the owner signing in from another source is never
 * refused, so an attacker cannot turn the throttle against them.
 *
 * Counters live in the database (several server instances share them). Each attempt reserves its
 * failure before the (slow) password check, under the rows' locks, so parallel guesses cannot all
 * pass a check made before any of them counted; a successful sign-in gives the reservation back.
 */
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';

/** Failures one source may make on one account before it has to wait. */
export const SOURCE_FREE_FAILURES = 5;
/**
 * Failures on one account from all sources together after which every source gets only one free
 * failure (a distributed guess is slowed down); a source with no failures still gets its try.
 */
export const ACCOUNT_CEILING = 50;
/** The first wait, doubled at each further failure, up to the maximum (seconds). */
export const BASE_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 15 * 60;
/** Counters forget a (account, source) or account after this long without a failure. */
export const FORGET_AFTER_HOURS = 24;

const ACCOUNT_WIDE = '*';

/** The account's key: a hash of the normalised email, the same for existing and unknown accounts. */
export function accountKey(email: string): string {
  return createHash('sha256').update(`simpul-sign-in:${email.trim().toLowerCase()}`).digest('hex');
}

/**
 * The source of an attempt: the client address; an IPv6 client by its /64 (one subscriber usually
 * holds a whole /64, so single addresses would give an attacker endless fresh sources).
 */
export function sourceKey(ip: string | null): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(ip)) return ip;
  // Expand '::' to its zero groups, then keep the first four (the /64 prefix).
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** Seconds to wait after the n-th failure past the free ones (n ≥ 0). */
export function delayAfter(extraFailures: number): number {
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.min(extraFailures, 20));
}

export type Reservation =
  | { allowed: false; retryAfterSeconds: number }
  | {
      allowed: true;
      /** The failure counts this attempt will have if it fails. */
      sourceFailures: number;
      accountFailures: number;
      /** The free failures the source had for this attempt (fewer while the account is over its ceiling). */
      sourceFree: number;
    };

interface Row {
  source: string;
  failures: number;
  blocked_until: Date | null;
  expired: boolean;
}

/**
 * Reserves one password check for (account, source): refuses with the seconds to wait while the
 * source must wait, otherwise counts the attempt as a failure (given back by `release` on success).
 */
export async function reserveAttempt(db: Kysely<DB>, account: string, source: string): Promise<Reservation> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sign_in_throttles')
      .values([
        { account_key: account, source: ACCOUNT_WIDE },
        { account_key: account, source },
      ])
      .onConflict((oc) => oc.columns(['account_key', 'source']).doNothing())
      .execute();
    // The rows' locks serialise attempts on one account, so each sees the others' reservations.
    const rows = (await trx
      .selectFrom('sign_in_throttles')
      .select([
        'source',
        'failures',
        'blocked_until',
        sql<boolean>`last_failure_at < now() - make_interval(hours => ${FORGET_AFTER_HOURS})`.as('expired'),
      ])
      .where('account_key', '=', account)
      .where('source', 'in', [ACCOUNT_WIDE, source])
      .orderBy('source')
      .forUpdate()
      .execute()) as Row[];
    const now = Date.now();
    const accountRow = rows.find((r) => r.source === ACCOUNT_WIDE) as Row;
    const sourceRow = rows.find((r) => r.source === source) as Row;
    const blockedUntil = sourceRow.expired ? null : sourceRow.blocked_until;
    if (blockedUntil && new Date(blockedUntil).getTime() > now) {
      return {
        allowed: false as const,
        retryAfterSeconds: Math.max(1, Math.ceil((new Date(blockedUntil).getTime() - now) / 1000)),
      };
    }
    const accountFailures = (accountRow.expired ? 0 : accountRow.failures) + 1;
    const sourceFailures = (sourceRow.expired ? 0 : sourceRow.failures) + 1;
    const sourceFree = accountFailures > ACCOUNT_CEILING ? 1 : SOURCE_FREE_FAILURES;
    const wait = sourceFailures >= sourceFree ? delayAfter(sourceFailures - sourceFree) : null;
    await trx
      .updateTable('sign_in_throttles')
      .set({ failures: accountFailures, last_failure_at: sql`now()` })
      .where('account_key', '=', account)
      .where('source', '=', ACCOUNT_WIDE)
      .execute();
    await trx
      .updateTable('sign_in_throttles')
      .set({
        failures: sourceFailures,
        last_failure_at: sql`now()`,
        blocked_until: wait === null ? null : sql<Date>`now() + make_interval(secs => ${wait})`,
      })
      .where('account_key', '=', account)
      .where('source', '=', source)
      .execute();
    return { allowed: true as const, sourceFailures, accountFailures, sourceFree };
  });
}

/**
 * Gives a successful attempt's reservation back: the source starts afresh on this account, and the
 * account-wide count loses the one failure it was charged (older failures from others stay).
 * Called in the sign-in's own transaction.
 */
export async function releaseAttempt(trx: Kysely<DB>, account: string, source: string): Promise<void> {
  await trx
    .deleteFrom('sign_in_throttles')
    .where('account_key', '=', account)
    .where('source', '=', source)
    .execute();
  await trx
    .updateTable('sign_in_throttles')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where('account_key', '=', account)
    .where('source', '=', ACCOUNT_WIDE)
    .execute();
}

/** Forgets every counter of an account (an administrator's password reset). */
export async function clearThrottles(trx: Kysely<DB>, account: string): Promise<void> {
  await trx.deleteFrom('sign_in_throttles').where('account_key', '=', account).execute();
}

/** The accounts (by key) some source of which must currently wait, of these. */
export async function throttledAccounts(db: Kysely<DB>, accounts: string[]): Promise<Set<string>> {
  if (accounts.length === 0) return new Set();
  const rows = await db
    .selectFrom('sign_in_throttles')
    .select('account_key')
    .distinct()
    .where('account_key', 'in', accounts)
    .where('blocked_until', '>', sql<Date>`now()`)
    .execute();
  return new Set(rows.map((r) => r.account_key));
}

/** Drops counters nobody has failed on for a day (they would be forgotten anyway). */
export async function pruneThrottles(db: Kysely<DB>): Promise<void> {
  await db
    .deleteFrom('sign_in_throttles')
    .where('last_failure_at', '<', sql<Date>`now() - make_interval(hours => ${FORGET_AFTER_HOURS})`)
    .execute();
}
