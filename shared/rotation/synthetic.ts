/**
 * Seeded synthetic counties for the rotation benchmark and tests: town schools larger and richer
 * in qualified, backbone and PE/arts teachers than village schools (the gap rotation narrows).
 * Options add what real counties have and the 差异系数 must handle: 教学点 under 50 pupils and a
 * special school (neither counts), and teachers on 借调 (counted where they teach).
 */
import { rngFromSeed, rngInt, type Rng } from '../random';
import type { RotationInput, RotationSchool, RotationTeacher } from './types';

const unit = (rng: Rng) => rng.nextUint32() / 4294967296;
const subjects = ['语文', '数学', '英语', '科学', '体育', '音乐', '美术', '道德与法治'];

export interface SyntheticRotationOptions {
  /** Village primary schools that are 教学点 of 15–49 pupils. */
  readonly teachingPoints?: number;
  /** Make the last town primary school a special school (特殊教育学校). */
  readonly specialSchool?: boolean;
  /** Share of teachers on 借调 at another school of the same stage. */
  readonly lent?: number;
}

export function syntheticRotationCounty(
  seed: string,
  teachers: number,
  schools: number,
  year = 2027,
  options: SyntheticRotationOptions = {},
): RotationInput {
  const rng = rngFromSeed(`rotation|${seed}`);
  let points = options.teachingPoints ?? 0;
  const list: RotationSchool[] = Array.from({ length: schools }, (_, i) => {
    const town = i % 5 < 2;
    const stage = i % 3 === 2 ? 'junior' : 'primary';
    const point = !town && stage === 'primary' && points > 0 && i % 2 === 1;
    if (point) points--;
    return {
      id: `S${String(i + 1).padStart(3, '0')}`,
      name: `${town ? '城关' : '乡村'}${stage === 'primary' ? '小学' : '中学'}${i + 1}${point ? '教学点' : ''}`,
      stage,
      locality: town ? 'town' : 'village',
      enrolment: point ? rngInt(rng, 15, 49) : town ? rngInt(rng, 900, 2400) : rngInt(rng, 120, 700),
      location: { x: (unit(rng) - 0.5) * 60, y: (unit(rng) - 0.5) * 60 },
    } as RotationSchool;
  });
  if (options.specialSchool) {
    const i = list.map((x) => x.stage === 'primary' && x.locality === 'town').lastIndexOf(true);
    const sc = list[i];
    if (sc) list[i] = { ...sc, name: `县特殊教育学校${i + 1}`, enrolment: rngInt(rng, 60, 200) };
  }
  const totalPupils = list.reduce((a, s) => a + s.enrolment, 0);
  const out: RotationTeacher[] = [];
  let n = 0;
  for (const s of list) {
    const count = Math.max(4, Math.round((s.enrolment / totalPupils) * teachers));
    const town = s.locality === 'town';
    for (let i = 0; i < count && n < teachers; i++, n++) {
      const gender = unit(rng) < 0.65 ? 'F' : 'M';
      out.push({
        id: `T${String(n + 1).padStart(5, '0')}`,
        name: `教师${n + 1}`,
        schoolId: s.id,
        gender,
        birthYear: year - rngInt(rng, 24, 58),
        yearsAtSchool: rngInt(rng, 0, 18),
        isPrincipal: i === 0,
        backbone: unit(rng) < (town ? 0.18 : 0.05) ? (unit(rng) < 0.8 ? 'county' : 'city') : 'none',
        education: unit(rng) < (town ? 0.85 : 0.5) ? '本科' : unit(rng) < 0.7 ? '专科' : '中专',
        subject:
          unit(rng) < (town ? 0.14 : 0.05)
            ? (subjects[4 + rngInt(rng, 0, 2)] as string)
            : (subjects[rngInt(rng, 0, 3)] as string),
        ...(unit(rng) < 0.03 ? { status: { breastfeeding: true } } : {}),
      });
    }
  }
  if (options.lent) {
    const same = (x: RotationSchool) => list.filter((y) => y.stage === x.stage && y.id !== x.id);
    const byId = new Map(list.map((x) => [x.id, x]));
    for (let i = 0; i < out.length; i++) {
      if (unit(rng) >= options.lent) continue;
      const others = same(byId.get((out[i] as RotationTeacher).schoolId) as RotationSchool);
      const at = others[rngInt(rng, 0, others.length - 1)];
      if (at) out[i] = { ...(out[i] as RotationTeacher), teachingAt: at.id };
    }
  }
  return { year, schools: list, teachers: out, seed };
}
