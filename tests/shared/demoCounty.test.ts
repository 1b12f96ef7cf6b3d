import { demoCountyGenerate } from '../../shared/county/demoCounty';
import { rngFromSeed } from '../../shared/random';
import { demoCounty } from '../../server/host/seed';

describe('demo county', () => {
  const c = demoCounty();

  test('has the size the foundation asks for', () => {
    expect(c.schools.filter((s) => s.stage === 'primary').length).toBeGreaterThanOrEqual(8);
    expect(c.schools.filter((s) => s.stage === 'junior').length).toBeGreaterThanOrEqual(3);
    expect(new Set(c.schools.map((s) => s.locality))).toEqual(new Set(['town', 'village']));
    expect(c.teachers.length).toBeGreaterThanOrEqual(200);
    expect(new Set(c.accounts.map((a) => a.role))).toEqual(
      new Set(['parent', 'teacher', 'reviewer', 'principal', 'bureau']),
    );
  });

  test('is internally consistent', () => {
    const ids = new Set(c.schools.map((s) => s.id));
    for (const t of c.teachers) expect(ids.has(t.schoolId)).toBe(true);
    for (const z of c.zones) for (const s of z.schoolIds) expect(ids.has(s)).toBe(true);
    for (const s of c.schools) {
      expect(c.zones.some((z) => z.schoolIds.includes(s.id) && z.stage === s.stage)).toBe(true);
      expect(c.teachers.filter((t) => t.schoolId === s.id && t.isPrincipal)).toHaveLength(1);
    }
    expect(new Set(c.teachers.map((t) => t.id)).size).toBe(c.teachers.length);
    for (const stage of ['primary', 'junior'] as const) {
      const all = c.zones.filter((z) => z.stage === stage).flatMap((z) => z.communities);
      expect(new Set(all).size).toBe(all.length); // each address resolves to one zone
    }
    expect(c.zones.find((z) => z.id === 'zp-sq-lx')?.communities).toContain('石桥乡岭下村');
    expect(c.teachers.some((t) => t.backbone !== 'none')).toBe(true);
  });

  test('the same seed gives the same county on any machine', () => {
    const again = demoCountyGenerate(rngFromSeed('junheng-demo-county-v1'), 2026);
    expect(again).toEqual(c);
    const digest = {
      schools: c.schools.map((s) => [s.id, s.enrolment, s.entryClasses]),
      teachers: c.teachers.length,
      firstTeachers: c.teachers.slice(0, 3).map((t) => [t.name, t.subject, t.yearsAtSchool]),
      accounts: c.accounts.map((a) => a.displayName),
    };
    expect(digest).toMatchSnapshot();
  });

  test('a different seed gives a different county', () => {
    expect(demoCountyGenerate(rngFromSeed('other'), 2026).teachers[0]).not.toEqual(c.teachers[0]);
  });
});
