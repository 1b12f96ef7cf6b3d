/**
 * The planner's running Σ of the six teacher-indicator 差异系数 (three indicators × two stages)
 * while teachers are moved: per stage and indicator it keeps R = Σ r and Q = Σ r²/P over the
 * schools that count, so CV = √(Q/P − (R/P)²) / (R/P) — `differenceCoefficient` rearranged — and
 * the change a candidate move makes costs a handful of operations without touching the state.
 * An applied move recomputes its terms from the counts, so no rounding accumulates.
 */
import type { FlowModel } from './flow';

/** Terms: stage 0/1 × indicator 0..2. */
export const TERMS = 6;
const K = 3;

export class CvState {
  /** Resources where teachers are counted now, per indicator. */
  readonly r: Float64Array[];
  /** term index of (school, indicator 0) or −1 when the school does not count. */
  private readonly base: Int32Array;
  private readonly invP: Float64Array;
  private readonly P = new Float64Array(2);
  readonly R = new Float64Array(TERMS);
  readonly Q = new Float64Array(TERMS);
  readonly cv = new Float64Array(TERMS);
  private readonly members: number[][] = [[], []];
  // Scratch for one evaluation (a move touches at most 4 school-indicator pairs per indicator).
  private readonly cSchool = new Int32Array(32);
  private readonly cK = new Int32Array(32);
  private readonly cD = new Int32Array(32);
  private cN = 0;
  private readonly dR = new Float64Array(TERMS);
  private readonly dQ = new Float64Array(TERMS);
  private readonly touched = new Uint8Array(TERMS);

  constructor(readonly m: FlowModel) {
    const n = m.schools.length;
    this.r = m.res.map((x) => Float64Array.from(x));
    this.base = new Int32Array(n).fill(-1);
    this.invP = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!m.counted[i]) continue;
      const st = m.stageOf[i] === 'primary' ? 0 : 1;
      this.base[i] = st * K;
      this.invP[i] = 1 / (m.pupils[i] as number);
      this.P[st] = (this.P[st] as number) + (m.pupils[i] as number);
      this.members[st]?.push(i);
    }
    for (let t = 0; t < TERMS; t++) this.recompute(t);
  }

  /** CV from the sums (0 when the stage has none of the resource, as the formula says). */
  cvOf(t: number, R: number, Q: number): number {
    if (R <= 0) return 0;
    const P = this.P[(t / K) | 0] as number;
    const m = R / P;
    const v = Q / P - m * m;
    return v > 0 ? Math.sqrt(v) / m : 0;
  }

  private recompute(t: number): void {
    const st = (t / K) | 0;
    const k = t % K;
    const r = this.r[k] as Float64Array;
    let R = 0;
    let Q = 0;
    for (const i of this.members[st] as number[]) {
      const x = r[i] as number;
      R += x;
      Q += x * x * (this.invP[i] as number);
    }
    this.R[t] = R;
    this.Q[t] = Q;
    this.cv[t] = this.cvOf(t, R, Q);
  }

  /** Σ of the six CVs now. */
  get total(): number {
    let s = 0;
    for (let t = 0; t < TERMS; t++) s += this.cv[t] as number;
    return s;
  }

  /** Starts a candidate change. */
  begin(): void {
    this.cN = 0;
  }

  /** Adds `d` teachers counting for the indicators in `mask` at `school` to the candidate. */
  add(school: number, mask: number, d: number): void {
    for (let k = 0; k < K; k++) {
      if ((mask & (1 << k)) === 0) continue;
      let e = 0;
      while (e < this.cN && !(this.cSchool[e] === school && this.cK[e] === k)) e++;
      if (e === this.cN) {
        this.cSchool[e] = school;
        this.cK[e] = k;
        this.cD[e] = 0;
        this.cN++;
      }
      this.cD[e] = (this.cD[e] as number) + d;
    }
  }

  /** Change of the total the candidate would make. */
  delta(): number {
    this.dR.fill(0);
    this.dQ.fill(0);
    this.touched.fill(0);
    for (let e = 0; e < this.cN; e++) {
      const d = this.cD[e] as number;
      const i = this.cSchool[e] as number;
      const b = this.base[i] as number;
      if (d === 0 || b < 0) continue;
      const k = this.cK[e] as number;
      const t = b + k;
      const x = (this.r[k] as Float64Array)[i] as number;
      this.dR[t] = (this.dR[t] as number) + d;
      this.dQ[t] = (this.dQ[t] as number) + (2 * x + d) * d * (this.invP[i] as number);
      this.touched[t] = 1;
    }
    let out = 0;
    for (let t = 0; t < TERMS; t++) {
      if (this.touched[t] === 0) continue;
      out +=
        this.cvOf(
          t,
          (this.R[t] as number) + (this.dR[t] as number),
          (this.Q[t] as number) + (this.dQ[t] as number),
        ) - (this.cv[t] as number);
    }
    return out;
  }

  /** Applies the candidate. */
  commit(): void {
    this.touched.fill(0);
    for (let e = 0; e < this.cN; e++) {
      const i = this.cSchool[e] as number;
      const k = this.cK[e] as number;
      const r = this.r[k] as Float64Array;
      r[i] = (r[i] as number) + (this.cD[e] as number);
      const b = this.base[i] as number;
      if (b >= 0) this.touched[b + k] = 1;
    }
    for (let t = 0; t < TERMS; t++) if (this.touched[t] === 1) this.recompute(t);
    this.cN = 0;
  }
}
