/** Bounded parallelism for actions that make many independent calls (notices, transitions). */

/** Calls in flight at once from one function: enough to hide round trips, few enough to be polite. */
export const PARALLEL_CALLS = 20;

/** Runs `work` over `items` with at most `limit` in flight; results in the items' order. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T, i);
    }
  });
  await Promise.all(lanes);
  return out;
}
