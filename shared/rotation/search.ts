/**
 * Local search on a plan of the flow model; every step keeps every rule (places, each sender's
 * floor, the stage's number of moves, the 骨干 minimum, nominees first):
 *  - replace: one moved teacher comes back and one teacher of any group of the same stage goes to
 *    any allowed school instead (a new destination, a colleague of another type, or another
 *    sending school while the first keeps its quota);
 *  - exchange: two moves trade receiving schools;
 *  - pair: two moves change together — each may take another type from its own school, and they
 *    may trade receiving schools (e.g. one teacher counting for all three indicators and one for
 *    none become two counting for two each), which neither change alone would accept.
 * Each move of the plan in turn takes its best improving change; passes repeat until one finds
 * nothing (or the pass budget ends). Deterministic: fixed orders, ties to the first found.
 */
import type { FlowPlan } from './flowPlan';
import { rankAddOk } from './greedy';

const EPS = 1e-12;

/** allowed[i * n + j]: school i may send to j. */
function allowedTable(p: FlowPlan): Uint8Array {
  const n = p.m.schools.length;
  const t = new Uint8Array(n * n);
  p.m.receivers.forEach((rs, i) => rs.forEach((j) => (t[i * n + j] = 1)));
  return t;
}

/** Whether nominees still go first after one teacher of rank `ra` at school a comes back and one of rank `rb` at b goes. */
function ranksOk(p: FlowPlan, a: number, ra: number, b: number, rb: number): boolean {
  if (a === b && ra === rb) return true;
  const k = a * 4 + ra;
  p.outRank[k] = (p.outRank[k] as number) - 1;
  const ok = p.prefixOk(a) && rankAddOk(p, b, rb);
  p.outRank[k] = (p.outRank[k] as number) + 1;
  return ok;
}

function replacePass(p: FlowPlan): number {
  const m = p.m;
  const n = m.schools.length;
  let applied = 0;
  for (const [g, j] of p.pairList()) {
    if (!p.pairs.has(g * n + j)) continue;
    const gr = m.groups[g];
    if (!gr) continue;
    const st = p.stageIndex(gr.sender);
    const senderSpare = (p.out[gr.sender] as number) > (p.floor[gr.sender] as number);
    const bbFloor = Math.min(m.backboneNeed, p.backbone);
    let best = -EPS;
    let bg = -1;
    let bj = -1;
    for (let g2 = 0; g2 < m.groups.length; g2++) {
      const h = m.groups[g2];
      if (!h || p.stageIndex(h.sender) !== st) continue;
      if (g2 !== g && !p.hasTeacher(g2)) continue;
      if (h.sender !== gr.sender && !senderSpare) continue;
      if (p.backbone - Number(gr.backbone) + Number(h.backbone) < bbFloor) continue;
      if (!ranksOk(p, gr.sender, gr.rank, h.sender, h.rank)) continue;
      for (const j2 of m.receivers[h.sender] as readonly number[]) {
        if (g2 === g && j2 === j) continue;
        if (j2 !== j && !p.hasRoom(j2)) continue;
        p.cv.begin();
        p.stage(g, j, -1);
        p.stage(g2, -1, j2);
        const d = p.cv.delta();
        if (d < best) [best, bg, bj] = [d, g2, j2];
      }
    }
    if (bg < 0) continue;
    p.shift(g, j, -1);
    p.shift(bg, -1, bj);
    applied++;
  }
  return applied;
}

function exchangePass(p: FlowPlan, allowed: Uint8Array): number {
  const m = p.m;
  const n = m.schools.length;
  let applied = 0;
  const list = p.pairList();
  for (const [g1, j1] of list) {
    if (!p.pairs.has(g1 * n + j1)) continue;
    const s1 = m.groups[g1]?.sender as number;
    let best = -EPS;
    let pick = -1;
    for (let b = 0; b < list.length; b++) {
      const [g2, j2] = list[b] as [number, number];
      if (j1 === j2 || g1 === g2 || !p.pairs.has(g2 * n + j2)) continue;
      const s2 = m.groups[g2]?.sender as number;
      if (allowed[s1 * n + j2] === 0 || allowed[s2 * n + j1] === 0) continue;
      p.cv.begin();
      p.stage(g1, j1, j2);
      p.stage(g2, j2, j1);
      const d = p.cv.delta();
      if (d < best) [best, pick] = [d, b];
    }
    if (pick < 0) continue;
    const [g2, j2] = list[pick] as [number, number];
    p.shift(g1, j1, j2);
    p.shift(g2, j2, j1);
    applied++;
  }
  return applied;
}

function pairPass(p: FlowPlan, allowed: Uint8Array): number {
  const m = p.m;
  const n = m.schools.length;
  let applied = 0;
  const list = p.pairList();
  const avail = (g: number) => m.groups[g]?.teachers.length ?? 0;
  for (let a = 0; a < list.length; a++) {
    const [g1, j1] = list[a] as [number, number];
    if (!p.pairs.has(g1 * n + j1)) continue;
    const A = m.groups[g1];
    if (!A) continue;
    let best = -EPS;
    let pick: readonly [number, number, number, number, number] | null = null;
    for (let b = a + 1; b < list.length; b++) {
      const [g2, j2] = list[b] as [number, number];
      if (!p.pairs.has(g2 * n + j2)) continue;
      const B = m.groups[g2];
      if (!B || p.stageIndex(A.sender) !== p.stageIndex(B.sender)) continue;
      const swapOk = j1 !== j2 && allowed[A.sender * n + j2] === 1 && allowed[B.sender * n + j1] === 1;
      for (const h1 of m.groupsOf[A.sender] as readonly number[]) {
        const H1 = m.groups[h1];
        if (!H1) continue;
        for (const h2 of m.groupsOf[B.sender] as readonly number[]) {
          if (h1 === g1 && h2 === g2) continue;
          const H2 = m.groups[h2];
          if (!H2) continue;
          // Teachers left in each group after the change.
          const net = (g: number) =>
            (p.used[g] as number) - Number(g === g1) - Number(g === g2) + Number(g === h1) + Number(g === h2);
          if (net(h1) > avail(h1) || net(h2) > avail(h2)) continue;
          const bb =
            p.backbone - Number(A.backbone) - Number(B.backbone) + Number(H1.backbone) + Number(H2.backbone);
          if (bb < Math.min(m.backboneNeed, p.backbone)) continue;
          for (let sw = 0; sw < (swapOk ? 2 : 1); sw++) {
            const d1 = sw === 1 ? j2 : j1;
            const d2 = sw === 1 ? j1 : j2;
            p.cv.begin();
            p.stage(g1, j1, -1);
            p.stage(g2, j2, -1);
            p.stage(h1, -1, d1);
            p.stage(h2, -1, d2);
            const d = p.cv.delta();
            if (d < best && pairRanksOk(p, A.sender, A.rank, H1.rank, B.sender, B.rank, H2.rank))
              [best, pick] = [d, [g2, j2, h1, h2, sw]];
          }
        }
      }
    }
    if (!pick) continue;
    const [g2, j2, h1, h2, sw] = pick;
    p.shift(g1, j1, -1);
    p.shift(g2, j2, -1);
    p.shift(h1, -1, sw === 1 ? j2 : j1);
    p.shift(h2, -1, sw === 1 ? j1 : j2);
    applied++;
  }
  return applied;
}

/** Nominees first at both schools after each replaces one teacher (rank ra → ha, rb → hb). */
function pairRanksOk(
  p: FlowPlan,
  a: number,
  ra: number,
  ha: number,
  b: number,
  rb: number,
  hb: number,
): boolean {
  if (ra === ha && rb === hb) return true;
  const change = (i: number, r: number, d: number) =>
    (p.outRank[i * 4 + r] = (p.outRank[i * 4 + r] as number) + d);
  change(a, ra, -1);
  change(a, ha, 1);
  change(b, rb, -1);
  change(b, hb, 1);
  const ok = p.prefixOk(a) && p.prefixOk(b);
  change(b, hb, -1);
  change(b, rb, 1);
  change(a, ha, -1);
  change(a, ra, 1);
  return ok;
}

/** Improves the plan in place; returns the passes made. Pair changes are tried once the others find nothing. */
export function localSearch(p: FlowPlan, passes: number, pairs = true): number {
  const allowed = allowedTable(p);
  let done = 0;
  for (; done < passes; done++) {
    const a = replacePass(p) + exchangePass(p, allowed);
    if (a > 0) continue;
    if (!pairs || pairPass(p, allowed) === 0) break;
  }
  return done;
}
