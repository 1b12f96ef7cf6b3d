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

/**
 * How many of the senders' missing quota places the receiving places left could still take
 * (a small max flow: senders short of their quota → schools they may send to, with room), so the
 * greedy never takes a place another school's quota needs.
 */
function quotaReach(p: FlowPlan): number {
  const m = p.m;
  const n = m.schools.length;
  const short: number[] = [];
  const need = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = (p.floor[i] as number) - (p.out[i] as number);
    if (x > 0) {
      short.push(i);
      need[i] = x;
    }
  }
  if (short.length === 0) return 0;
  const room = Int32Array.from(m.capacity, (c, j) => c - (p.load[j] as number));
  // Augmenting paths sender → receiver (← sender → receiver …), one unit at a time.
  const sentTo = new Map<number, number>(); // (sender * n + receiver) → units
  let total = 0;
  const seenS = new Uint8Array(n);
  const augment = (i: number): boolean => {
    seenS[i] = 1;
    for (const j of m.receivers[i] as readonly number[]) {
      if ((room[j] as number) > 0) {
        room[j] = (room[j] as number) - 1;
        sentTo.set(i * n + j, (sentTo.get(i * n + j) ?? 0) + 1);
        return true;
      }
    }
    for (const j of m.receivers[i] as readonly number[]) {
      // j is full: move one unit already sent there by another sender k elsewhere.
      for (const k of short) {
        if (seenS[k] === 1 || (sentTo.get(k * n + j) ?? 0) === 0) continue;
        if (augment(k)) {
          sentTo.set(k * n + j, (sentTo.get(k * n + j) as number) - 1);
          sentTo.set(i * n + j, (sentTo.get(i * n + j) ?? 0) + 1);
          return true;
        }
      }
    }
    return false;
  };
  for (const i of short)
    for (let u = 0; u < (need[i] as number); u++) {
      seenS.fill(0);
      if (!augment(i)) break;
      total++;
    }
  return total;
}

/** Fills the plan up to `count[stage]` moves per stage (0 primary, 1 junior); stops when nothing lawful is left. */
export function greedyFill(p: FlowPlan, count: readonly number[]): void {
  const m = p.m;
  const n = m.schools.length;
  let reach = quotaReach(p);
  const blocked = new Set<number>();
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
        if (!p.hasRoom(j) || blocked.has(gr.sender * n + j)) continue;
        const d = p.deltaOf(g, -1, j);
        if (d < best - EPS) [best, bg, bj] = [d, g, j];
      }
    });
    if (bg < 0) return;
    const sender = (m.groups[bg] as (typeof m.groups)[number]).sender;
    const fills = (p.out[sender] as number) < (p.floor[sender] as number) ? 1 : 0;
    p.shift(bg, -1, bj);
    const after = quotaReach(p);
    if (after + fills < reach) {
      // This place is needed for another school's quota: undo, and do not send there from here.
      p.shift(bg, bj, -1);
      blocked.add(sender * n + bj);
      continue;
    }
    reach = after;
    blocked.clear();
  }
}

/**
 * When the places left the plan short of 骨干 (the greedy's look-ahead cannot foresee every
 * shortage of room), swap moved non-骨干 for 骨干 — the change that costs Σ CV least, keeping
 * places, each sender's floor and nominees first — while that raises the count.
 */
export function backboneRepair(p: FlowPlan): void {
  const m = p.m;
  const n = m.schools.length;
  while (p.backbone < m.backboneNeed) {
    let best = Infinity;
    let pick: [number, number, number, number] | null = null;
    for (const key of [...p.pairs.keys()].sort((a, b) => a - b)) {
      const g = Math.floor(key / n);
      const j = key % n;
      const gr = m.groups[g];
      if (!gr || gr.backbone) continue;
      const spare = (p.out[gr.sender] as number) > (p.floor[gr.sender] as number);
      m.groups.forEach((h, g2) => {
        if (!h.backbone || !p.hasTeacher(g2) || p.stageIndex(h.sender) !== p.stageIndex(gr.sender)) return;
        if (h.sender !== gr.sender && !spare) return;
        const k = gr.sender * 4 + gr.rank;
        p.outRank[k] = (p.outRank[k] as number) - 1;
        const ok = p.prefixOk(gr.sender) && rankAddOk(p, h.sender, h.rank);
        p.outRank[k] = (p.outRank[k] as number) + 1;
        if (!ok) return;
        for (const j2 of m.receivers[h.sender] as readonly number[]) {
          if (j2 !== j && !p.hasRoom(j2)) continue;
          p.cv.begin();
          p.stage(g, j, -1);
          p.stage(g2, -1, j2);
          const d = p.cv.delta();
          if (d < best - EPS) [best, pick] = [d, [g, j, g2, j2]];
        }
      });
    }
    if (!pick) return;
    p.shift(pick[0], pick[1], -1);
    p.shift(pick[2], -1, pick[3]);
  }
}
