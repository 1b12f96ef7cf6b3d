import { coordinationAssign } from '../../shared/placement/coordination';

const schools = [
  { id: 'home', x: 0, y: 0, spare: 0 },
  { id: 'near', x: 1, y: 0, spare: 1 },
  { id: 'also-near', x: 0, y: 1, spare: 1 },
  { id: 'far', x: 9, y: 9, spare: 5 },
];

test('in lottery order, each child goes to the nearest school with seats; equal distances by school id', () => {
  const out = coordinationAssign(
    [
      { id: 'b', lottery: 7, fromSchoolId: 'home' },
      { id: 'a', lottery: 3, fromSchoolId: 'home' },
      { id: 'c', lottery: 9, fromSchoolId: 'home' },
    ],
    schools,
  );
  expect(out.get('a')).toEqual({ schoolId: 'also-near', distanceKm: 1 }); // 'also-near' < 'near'
  expect(out.get('b')).toEqual({ schoolId: 'near', distanceKm: 1 });
  expect(out.get('c')).toEqual({ schoolId: 'far', distanceKm: 12.7 });
});

test('no seat anywhere, or an unknown home school: left for the bureau', () => {
  const out = coordinationAssign(
    [
      { id: 'x', lottery: 1, fromSchoolId: 'home' },
      { id: 'y', lottery: 2, fromSchoolId: 'nowhere' },
    ],
    [{ id: 'home', x: 0, y: 0, spare: 0 }],
  );
  expect(out.get('x')).toEqual({ schoolId: null, distanceKm: null });
  expect(out.get('y')).toEqual({ schoolId: null, distanceKm: null });
});
