/**
 * The rotation planner's solver: HiGHS (WebAssembly) behind the small `RelaxationSolver` port, so
 * `shared/` never loads it. Loaded once per process. Deterministic: one thread, no time limit
 * (HiGHS's answers depend only on the program and its version) — but an iteration limit on the
 * QP, which is deterministic too: HiGHS's active-set QP can cycle (a 494-teacher county found by
 * the property test ran for hours), and a QP that stops there is a failed step the planner
 * already survives (a weaker bound, the same rules).
 */
import type { default as HighsLoader, Highs } from 'highs';
import type { RelaxationProgram, RelaxationSolver } from '../../shared/rotation/relaxation';

let loading: Promise<Highs> | null = null;

// `require`, not `import`: bundled for a function, the CommonJS build finds highs.wasm beside the
// bundle (__dirname); the ES build would look beside import.meta.url, which a bundle lacks. Loaded
// on first use, so code paths that never plan never load it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const highsLoader = () => require('highs') as typeof HighsLoader;

/**
 * Far above what any county needs (the benchmark's 3,000-teacher counties take ≤ 4,100; HiGHS
 * runs ~40,000 a second here), so every plan that finished before is unchanged.
 */
export const QP_ITERATION_LIMIT = 50_000;

/** HiGHS's version as recorded in plans (the package pins it). */
export const HIGHS_NAME = 'highs-1.15.3';

export async function highsSolver(): Promise<RelaxationSolver> {
  const highs = await (loading ??= highsLoader()());
  const inf = (x: number) => (x === Infinity ? highs.infinity : x === -Infinity ? -highs.infinity : x);
  return {
    name: HIGHS_NAME,
    solve(p: RelaxationProgram) {
      const model = highs.createModel({
        numCols: p.numCols,
        numRows: p.numRows,
        colCost: p.colCost,
        colLower: p.colLower.map(inf),
        colUpper: p.colUpper.map(inf),
        rowLower: p.rowLower.map(inf),
        rowUpper: p.rowUpper.map(inf),
        matrix: {
          format: 'csr',
          numRows: p.numRows,
          numCols: p.numCols,
          starts: p.starts,
          indices: p.indices,
          values: p.values,
        },
        ...(p.hessianDiagonal
          ? {
              hessian: {
                format: 'triangular' as const,
                dimension: p.numCols,
                ...diagonal(p.hessianDiagonal),
              },
            }
          : {}),
      });
      try {
        model.options.set({ output_flag: false, qp_iteration_limit: QP_ITERATION_LIMIT });
        model.run();
        if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
        const s = model.getSolution();
        return { colValue: s.colValue, rowDual: s.rowDual };
      } catch {
        // A failed run (HiGHS status −1) means no relaxation this time: the plan keeps its search.
        return null;
      } finally {
        model.dispose();
      }
    },
  };
}

/** A diagonal Hessian in compressed columns (empty columns where the entry is 0). */
function diagonal(d: Float64Array): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
  const starts = new Int32Array(d.length + 1);
  const idx: number[] = [];
  const val: number[] = [];
  d.forEach((x, j) => {
    if (x !== 0) {
      idx.push(j);
      val.push(x);
    }
    starts[j + 1] = idx.length;
  });
  return { starts, indices: Int32Array.from(idx), values: Float64Array.from(val) };
}
