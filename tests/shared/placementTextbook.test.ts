/**
 * Textbook instances from the school-choice literature, run through the same entry point the
 * function and the CLI use, against the outcomes printed in the sources. Each instance names its
 * source; the tables were transcribed from the paper and re-derived by hand step by step (the
 * derivations are in the comments) so a transcription error would show as a failing case.
 */
import { placementRun } from '../../shared/placement/run';
import type { Mechanism, PlacementInput } from '../../shared/placement/types';
import { placementProblems } from '../../shared/placement/validate';

const run = (input: PlacementInput, mechanism: Mechanism) => {
  const seed = 'textbook';
  const r = placementRun(input, mechanism, seed);
  if (r.status !== 'ok') throw new Error(r.reason);
  // Strict priorities: the seed must not matter, and the validators must accept the outcome.
  const other = placementRun(input, mechanism, 'another-seed');
  if (other.status !== 'ok') throw new Error(other.reason);
  expect(other.result.assignment).toEqual(r.result.assignment);
  expect(placementProblems(input, r.result, seed, mechanism === 'da')).toEqual([]);
  return r.result;
};

describe('Haeringer & Klijn (2009), "Constrained school choice", J. Econ. Theory 144(5), §3.4 "An illustrative example"', () => {
  // I = {i1..i4}, S = {s1, s2, s3}, q = (1, 2, 1).
  // P: i1 s2 s1 s3 · i2 s1 s2 s3 · i3 s1 s2 s3 · i4 s2 s3 s1
  // f: s1 i1 i2 i3 i4 · s2 i3 i4 i1 i2 · s3 i4 i1 i2 i3
  // Published: β (Boston) = {s1:i2, s2:i1 i4, s3:i3}; γ (DA) = {s1:i1, s2:i3 i4, s3:i2};
  //            τ (TTC) = {s1:i3, s2:i1 i4, s3:i2}.
  const input: PlacementInput = {
    schools: [
      { id: 's1', capacity: 1, priority: ['i1', 'i2', 'i3', 'i4'] },
      { id: 's2', capacity: 2, priority: ['i3', 'i4', 'i1', 'i2'] },
      { id: 's3', capacity: 1, priority: ['i4', 'i1', 'i2', 'i3'] },
    ],
    students: [
      { id: 'i1', preferences: ['s2', 's1', 's3'] },
      { id: 'i2', preferences: ['s1', 's2', 's3'] },
      { id: 'i3', preferences: ['s1', 's2', 's3'] },
      { id: 'i4', preferences: ['s2', 's3', 's1'] },
    ],
  };

  test('Boston (β): s1 takes i2 in round 1, i3 falls to s3', () => {
    expect(run(input, 'boston').schools).toEqual({ s1: ['i2'], s2: ['i1', 'i4'], s3: ['i3'] });
  });

  test('deferred acceptance (γ): i3 displaces i1 at s2, i1 displaces i2 at s1, i2 ends at s3', () => {
    expect(run(input, 'da').schools).toEqual({ s1: ['i1'], s2: ['i3', 'i4'], s3: ['i2'] });
  });

  test('top trading cycles (τ): cycle i1→s2→i3→s1→i1, then i4↔s2, then i2↔s3', () => {
    expect(run(input, 'ttc').schools).toEqual({ s1: ['i3'], s2: ['i1', 'i4'], s3: ['i2'] });
  });
});

describe('Gale & Shapley (1962), "College admissions and the stability of marriage", Amer. Math. Monthly 69(1): the 3×3 cyclic example', () => {
  // Rank matrix (man's rank of woman, woman's rank of man):
  //        A     B     C
  //   α   1,3   2,2   3,1
  //   β   3,1   1,3   2,2
  //   γ   2,2   3,1   1,3
  // Three stable matchings exist; the proposing side gets its first choices: with the men
  // (here: children) proposing, α–A, β–B, γ–C, although every woman (school) ranks her partner last.
  const input: PlacementInput = {
    schools: [
      { id: 'A', capacity: 1, priority: ['beta', 'gamma', 'alpha'] },
      { id: 'B', capacity: 1, priority: ['gamma', 'alpha', 'beta'] },
      { id: 'C', capacity: 1, priority: ['alpha', 'beta', 'gamma'] },
    ],
    students: [
      { id: 'alpha', preferences: ['A', 'B', 'C'] },
      { id: 'beta', preferences: ['B', 'C', 'A'] },
      { id: 'gamma', preferences: ['C', 'A', 'B'] },
    ],
  };

  test('child-proposing DA gives every child the first choice (the child-optimal stable matching)', () => {
    expect(run(input, 'da').assignment).toEqual({ alpha: 'A', beta: 'B', gamma: 'C' });
  });

  test('TTC agrees here: every child already holds its first choice in a single cycle', () => {
    // s→top-priority child: A→β, B→γ, C→α; child→first choice: α→A, β→B, γ→C.
    // One cycle α→A→β→B→γ→C→α assigns everyone the first choice.
    expect(run(input, 'ttc').assignment).toEqual({ alpha: 'A', beta: 'B', gamma: 'C' });
  });
});
