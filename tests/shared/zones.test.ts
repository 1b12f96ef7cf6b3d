import { communitySearch, zoneSchoolIds, zoneSchools, zonesServing } from '../../shared/county/zones';

const zones = [
  { id: 'z1', name: '一学区', stage: 'primary', communities: ['和平社区', '白沙村'], schoolIds: ['p01'] },
  {
    id: 'z2',
    name: '二学区',
    stage: 'primary',
    communities: ['白沙村', '新河村'],
    schoolIds: ['p02', 'p01'],
  },
  { id: 'z3', name: '初中学区', stage: 'junior', communities: ['白沙村'], schoolIds: ['j01'] },
];

test('a community’s zone schools: every zone of the stage serving it, each school once', () => {
  expect(zoneSchoolIds(zones, '和平社区', 'primary')).toEqual(['p01']);
  expect(zoneSchoolIds(zones, '白沙村', 'primary')).toEqual(['p01', 'p02']);
  expect(zoneSchoolIds(zones, '白沙村', 'junior')).toEqual(['j01']);
  expect(zoneSchoolIds(zones, '不存在', 'primary')).toEqual([]);
  expect(zonesServing(zones, '白沙村', 'primary').map((z) => z.id)).toEqual(['z1', 'z2']);
});

test('the page lists the same schools the server accepts', () => {
  const withSchools = zones.map((z) => ({ ...z, schools: z.schoolIds.map((id) => ({ id, name: id })) }));
  for (const [community, stage] of [
    ['白沙村', 'primary'],
    ['新河村', 'primary'],
    ['白沙村', 'junior'],
  ] as const)
    expect(zoneSchools(zonesServing(withSchools, community, stage)).map((s) => s.id)).toEqual(
      zoneSchoolIds(zones, community, stage),
    );
});

test('community search: each community once with its zones, by stage, limited, nothing for a blank query', () => {
  expect(communitySearch(zones, 'primary', ' 白沙 ', 8)).toEqual([
    { community: '白沙村', zones: [zones[0], zones[1]] },
  ]);
  expect(communitySearch(zones, 'primary', '村', 1).map((m) => m.community)).toEqual(['白沙村']);
  expect(communitySearch(zones, 'primary', '  ', 8)).toEqual([]);
});
