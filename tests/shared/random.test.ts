import fc from 'fast-check';
import { RNG_ALGORITHM, rngFromSeed, rngFromState, rngInt, rngShuffle } from '../../shared/random';

describe(`seeded generator ${RNG_ALGORITHM}`, () => {
  // Pinned outputs: if these change, every recorded draw would replay differently. Do not update
  // them; give the changed generator a new algorithm name instead.
  test('pinned first outputs for fixed seeds (no-regression)', () => {
    const take = (seed: string) => {
      const r = rngFromSeed(seed);
      return Array.from({ length: 4 }, () => r.nextUint32());
    };
    expect({ a: take('junheng'), b: take('2027-lottery-31415926'), c: take('') }).toMatchSnapshot();
  });

  test('state can be saved and restored mid-stream', () => {
    const a = rngFromSeed('save-restore');
    a.nextUint32();
    const saved = a.state();
    const next = [a.nextUint32(), a.nextUint32()];
    const b = rngFromState(saved);
    expect([b.nextUint32(), b.nextUint32()]).toEqual(next);
  });

  test('property: rngInt stays in range', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 5000 }),
        (seed, min, span) => {
          const r = rngFromSeed(seed);
          for (let i = 0; i < 20; i++) {
            const x = rngInt(r, min, min + span);
            if (x < min || x > min + span || !Number.isInteger(x)) return false;
          }
          return true;
        },
      ),
    );
  });

  test('property: shuffle is a permutation and leaves its input alone', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer(), { maxLength: 50 }), (seed, xs) => {
        const copy = xs.slice();
        const out = rngShuffle(rngFromSeed(seed), xs);
        return (
          JSON.stringify(xs) === JSON.stringify(copy) &&
          JSON.stringify([...out].sort()) === JSON.stringify([...xs].sort())
        );
      }),
    );
  });

  test('rngInt is roughly uniform (chi-square, 6 buckets, 60 000 draws)', () => {
    const r = rngFromSeed('uniformity');
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rngInt(r, 0, 5)]! += 1;
    const chi = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi).toBeLessThan(20.5); // p ≈ 0.001 for 5 degrees of freedom
  });
});
