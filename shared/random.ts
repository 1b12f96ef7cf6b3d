/**
 * Seeded pseudo-random generation for the domain. The domain never calls Math.random: a
 * generator is always passed in, built from a recorded seed, so any run can be replayed.
 *
 * Algorithm `sfc32-cyrb128-v1`: the seed string is hashed to 128 bits with cyrb128 and drives
 * Chris Doty-Humphrey's SFC32 (small fast counting) generator. Both are plain 32-bit integer
 * arithmetic, so every JavaScript engine produces the same stream. Changing either part means a
 * new algorithm name; the pinned outputs in tests/shared/random.test.ts guard this.
 */
export const RNG_ALGORITHM = 'sfc32-cyrb128-v1';

export interface Rng {
  readonly algorithm: string;
  /** Next value, uniform on [0, 2^32). */
  nextUint32(): number;
  /** The generator's full state, to save and later restore with rngFromState. */
  state(): readonly [number, number, number, number];
}

/** cyrb128 string hash: four 32-bit words from any string (used only to seed). */
export function seedHash128(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A generator restored from a saved state. */
export function rngFromState(s: readonly [number, number, number, number]): Rng {
  let [a, b, c, d] = s;
  return {
    algorithm: RNG_ALGORITHM,
    nextUint32() {
      a >>>= 0;
      b >>>= 0;
      c >>>= 0;
      d >>>= 0;
      let t = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      t = (t + d) | 0;
      c = (c + t) | 0;
      return t >>> 0;
    },
    state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0] as const,
  };
}

/** A generator from a seed string; the first 12 outputs are discarded to mix the state. */
export function rngFromSeed(seed: string): Rng {
  const rng = rngFromState(seedHash128(seed));
  for (let i = 0; i < 12; i++) rng.nextUint32();
  return rng;
}

/** Uniform integer in [min, max] (inclusive), unbiased by rejection sampling. */
export function rngInt(rng: Rng, min: number, max: number): number {
  const span = max - min + 1;
  if (!Number.isInteger(min) || !Number.isInteger(max) || span <= 0 || span > 2 ** 32) {
    throw new RangeError(`rngInt: bad range [${min}, ${max}]`);
  }
  const limit = 2 ** 32 - (2 ** 32 % span);
  let x = rng.nextUint32();
  while (x >= limit) x = rng.nextUint32();
  return min + (x % span);
}

/** One element chosen uniformly. */
export function rngPick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('rngPick: empty list');
  return items[rngInt(rng, 0, items.length - 1)] as T;
}

/** A shuffled copy (Fisher–Yates); the input is not mutated. */
export function rngShuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rngInt(rng, 0, i);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** True with probability p. */
export function rngChance(rng: Rng, p: number): boolean {
  return rng.nextUint32() / 2 ** 32 < p;
}
