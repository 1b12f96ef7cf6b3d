/**
 * A plan on the flow model being built or improved: how many teachers of each group go to each
 * receiving school, with the counts every rule reads kept up to date (places used, each sender's
 * moves and moves per nomination rank, each stage's moves, 骨干 moved) and the running Σ CV.
 * The checks say whether one more, one fewer or an exchanged move keeps every rule.
 */
import { CvState } from './cvState';
import type { FlowModel } from './flow';

export class FlowPlan {
  readonly cv: CvState;
  /** Teachers of each group moved. */
  readonly used: Int32Array;
  /** Teachers received per school. */
  readonly load: Int32Array;
  /** Teachers sent per school. */
  readonly out: Int32Array;
  /** Teachers sent per school and nomination rank (4 ranks). */
  readonly outRank: Int32Array;
  /** pairs.get(g * n + j): teachers of group g sent to school j. */
  readonly pairs = new Map<number, number>();
  readonly moves = [0, 0];
  backbone = 0;
  /** Each sender's least number of moves (its quota, or what the room allowed). */
  readonly floor: Int32Array;

  constructor(readonly m: FlowModel) {
    const n = m.schools.length;
    this.cv = new CvState(m);
    this.used = new Int32Array(m.groups.length);
    this.load = new Int32Array(n);
    this.out = new Int32Array(n);
    this.outRank = new Int32Array(n * 4);
    this.floor = Int32Array.from(m.quota);
  }

  stageIndex(school: number): number {
    return this.m.stageOf[school] === 'primary' ? 0 : 1;
  }

  /** Puts the Σ CV change of moving one teacher of group g from `from` to `to` into the CV state's candidate (−1: not moved). */
  stage(g: number, from: number, to: number): void {
    const gr = this.m.groups[g];
    if (!gr) return;
    if (from < 0) this.cv.add(gr.origin, gr.minus, -1);
    else this.cv.add(from, gr.plus, -1);
    if (to < 0) this.cv.add(gr.origin, gr.minus, 1);
    else this.cv.add(to, gr.plus, 1);
  }

  /** Σ CV change of one teacher of g going from `from` to `to` (−1: not moved), the state untouched. */
  deltaOf(g: number, from: number, to: number): number {
    this.cv.begin();
    this.stage(g, from, to);
    return this.cv.delta();
  }

  /** Moves one teacher of group g from `from` to `to` (−1: not moved), updating every count. */
  shift(g: number, from: number, to: number): void {
    const gr = this.m.groups[g];
    if (!gr || from === to) return;
    const n = this.m.schools.length;
    this.cv.begin();
    this.stage(g, from, to);
    this.cv.commit();
    const st = this.stageIndex(gr.sender);
    if (from < 0) {
      this.used[g] = (this.used[g] as number) + 1;
      this.out[gr.sender] = (this.out[gr.sender] as number) + 1;
      this.outRank[gr.sender * 4 + gr.rank] = (this.outRank[gr.sender * 4 + gr.rank] as number) + 1;
      this.moves[st] = (this.moves[st] as number) + 1;
      if (gr.backbone) this.backbone++;
    } else {
      this.load[from] = (this.load[from] as number) - 1;
      const key = g * n + from;
      const c = (this.pairs.get(key) as number) - 1;
      if (c === 0) this.pairs.delete(key);
      else this.pairs.set(key, c);
    }
    if (to < 0) {
      this.used[g] = (this.used[g] as number) - 1;
      this.out[gr.sender] = (this.out[gr.sender] as number) - 1;
      this.outRank[gr.sender * 4 + gr.rank] = (this.outRank[gr.sender * 4 + gr.rank] as number) - 1;
      this.moves[st] = (this.moves[st] as number) - 1;
      if (gr.backbone) this.backbone--;
    } else {
      this.load[to] = (this.load[to] as number) + 1;
      const key = g * n + to;
      this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
    }
  }

  hasRoom(j: number): boolean {
    return (this.load[j] as number) < (this.m.capacity[j] as number);
  }

  hasTeacher(g: number): boolean {
    return (this.used[g] as number) < (this.m.groups[g]?.teachers.length ?? 0);
  }

  /**
   * Whether the school's movers are a prefix of its nomination order: a rank moves only when every
   * teacher of the ranks before it moves.
   */
  prefixOk(i: number): boolean {
    let open = false;
    const size = this.m.rankSize[i] as readonly number[];
    for (let c = 0; c < 4; c++) {
      const o = this.outRank[i * 4 + c] as number;
      if (o > 0 && open) return false;
      if (o < (size[c] as number)) open = true;
    }
    return true;
  }

  /** Pairs (g, j) moved, in a fixed order. */
  pairList(): [number, number][] {
    const n = this.m.schools.length;
    return [...this.pairs.keys()].sort((a, b) => a - b).map((key) => [Math.floor(key / n), key % n]);
  }
}
