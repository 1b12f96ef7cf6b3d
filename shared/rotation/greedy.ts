/**
 * Steepest-descent greedy on the flow model: again and again, of every (sending school, teacher
 * type, receiving school) that keeps every rule, the one move that lowers Σ CV most (or raises it
 * least), until each stage has its number of moves. It looks one step ahead so the rules can still
 * be met: once the moves left are only enough for the senders still short of their quota, only
 * those send; once they are only enough for the 骨干 still missing, only 骨干 go. This is the
 * benchmark's baseline (issue 21) and the planner's start.
 */
import type { FlowPlan } from './flowPlan';

const EPS = 1e-12;

/** Whether one more teacher of rank `rank` may leave school i (nominees first). */
export function rankAddOk(p: FlowPlan, i: number, rank: number): boolean {
  const size = p.m.rankSize[i] as readonly number[];
  for (let c = 0; c < 4; c++) {
    const o = p.outRank[i * 4 + c] as number;
    if (c < rank && o < (size[c] as number)) return false;
    if (c > rank && o > 0) return false;
  }
  return true;
}

/** Fills the plan up to `count[stage]` moves per stage (0 primary, 1 junior); stops when nothing lawful is left. */
export function greedyFill(p: FlowPlan, count: readonly number[]): void {
  const m = p.m;
  const n = m.schools.length;
  for (;;) {
    const remaining = [
      (count[0] as number) - (p.moves[0] as number),
      (count[1] as number) - (p.moves[1] as number),
    ];
    if ((remaining[0] as number) <= 0 && (remaining[1] as number) <= 0) return;
    const unmet = [0, 0];
    for (let i = 0; i < n; i++) {
      const short = (p.floor[i] as number) - (p.out[i] as number);
      if (short > 0) unmet[p.stageIndex(i)] = (unmet[p.stageIndex(i)] as number) + short;
    }
    const onlyBackbone =
      Math.max(0, remaining[0] as number) + Math.max(0, remaining[1] as number) <=
      m.backboneNeed - p.backbone;
    let best = Infinity;
    let bg = -1;
    let bj = -1;
    m.groups.forEach((gr, g) => {
      const st = p.stageIndex(gr.sender);
      const left = remaining[st] as number;
      if (left <= 0 || !p.hasTeacher(g)) return;
      if (left <= (unmet[st] as number) && (p.out[gr.sender] as number) >= (p.floor[gr.sender] as number))
        return;
      if (onlyBackbone && !gr.backbone) return;
      if (!rankAddOk(p, gr.sender, gr.rank)) return;
      for (const j of m.receivers[gr.sender] as readonly number[]) {
        if (!p.hasRoom(j)) continue;
        const d = p.deltaOf(g, -1, j);
        if (d < best - EPS) [best, bg, bj] = [d, g, j];
      }
    });
    if (bg < 0) return;
    p.shift(bg, -1, bj);
  }
}
