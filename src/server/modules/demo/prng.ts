/**
 * A small seeded random source for the synthetic data generator. Written out rather
 * than taken from a package so the sequence for a seed can never change under us
 * with a dependency update: the same seed must give byte-identical data for years.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit) seeded through
 * splitmix32, so nearby seeds (1, 2, 3…) still start far apart.
 */
import { createHash } from 'node:crypto';

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A stream name turns into a 32-bit salt, so each phase draws from its own sequence. */
function saltOf(stream: string): number {
  return createHash('sha256').update(stream).digest().readUInt32BE(0);
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * One independent sequence per (seed, stream): changing how many numbers one phase
   * draws (say, programs) leaves every other phase (organisations, partnerships) as it was.
   */
  constructor(seed: number, stream = '') {
    const init = splitmix32((seed ^ saltOf(stream)) >>> 0);
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init() | 1;
    for (let i = 0; i < 12; i += 1) this.nextUint32(); // discard the warm-up outputs
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal (Box–Muller; one value per call keeps the sequence simple to reason about). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale spread. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Index drawn with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new Error('weighted pick needs a positive total weight');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i += 1) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    return (entries[this.weightedIndex(entries.map(([, w]) => w))] as readonly [T, number])[0];
  }

  /** Up to `count` distinct indices, each round drawn proportionally to the remaining weights. */
  weightedSample(weights: readonly number[], count: number): number[] {
    const remaining = [...weights];
    const chosen: number[] = [];
    let total = remaining.reduce((s, w) => s + w, 0);
    while (chosen.length < count && total > 0) {
      let r = this.next() * total;
      let index = remaining.length - 1;
      for (let i = 0; i < remaining.length; i += 1) {
        r -= remaining[i] as number;
        if (r < 0) {
          index = i;
          break;
        }
      }
      // Rounding can leave r ≥ 0 after the loop; fall back to the last index that still has weight.
      while ((remaining[index] as number) <= 0 && index > 0) index -= 1;
      if ((remaining[index] as number) <= 0) break;
      chosen.push(index);
      total -= remaining[index] as number;
      remaining[index] = 0;
    }
    return chosen;
  }
}

/** Namespace of Simpul's generated identifiers (a fixed random UUID). */
const GENERATOR_NAMESPACE = Buffer.from('6f3c1d2a8e7b4c5d9a0b1c2d3e4f5a6b', 'hex');

/**
 * A name-based UUID (RFC 4122 version 5: SHA-1 of namespace + name), so a generated
 * row's id follows from the seed and its key alone and reruns give the same ids.
 */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update(GENERATOR_NAMESPACE).update(name).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
