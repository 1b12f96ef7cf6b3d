import { zoneRow, zoneTableParse } from '../../shared/county/zoneTable';
import { demoCounty } from '../../server/host/seed';

const { schools, zones } = demoCounty();

describe('zone table rows', () => {
  test('the demo county round-trips through rows', () => {
    const parsed = zoneTableParse(zones.map(zoneRow), schools);
    expect(parsed).toEqual({ status: 'valid', zones });
  });

  test.each([
    [
      'a school code that does not exist',
      ['z1', '甲学区', '小学', '城关镇', 'p99', '甲村'],
      '学校代码“p99”不存在。',
    ],
    [
      'a junior school in a primary zone',
      ['z1', '甲学区', '小学', '城关镇', 'j01', '甲村'],
      '学校“青山县实验中学”不是小学。',
    ],
    [
      'a stage that is neither',
      ['z1', '甲学区', '幼儿园', '城关镇', 'p01', '甲村'],
      '学段应填“小学”或“初中”。',
    ],
    ['no communities', ['z1', '甲学区', '小学', '城关镇', 'p01', ''], '请填写该学区覆盖的社区或村。'],
    [
      'a bad zone code',
      ['学区 1', '甲学区', '小学', '城关镇', 'p01', '甲村'],
      '学区代码应为1至40位字母、数字、下划线或短横线。',
    ],
  ])('%s is reported on its row', (_what, row, message) => {
    expect(zoneTableParse([row], schools)).toEqual({ status: 'invalid', problems: [{ row: 2, message }] });
  });

  test('a community in two zones of the same stage names both rows; another stage may share it', () => {
    const rows = [
      ['z1', '甲学区', '小学', '城关镇', 'p01', '和平村、幸福村'],
      ['z2', '乙学区', '小学', '城关镇', 'p02', '幸福村'],
      ['z3', '丙学区', '初中', '城关镇', 'j01', '幸福村'],
    ];
    expect(zoneTableParse(rows, schools)).toEqual({
      status: 'invalid',
      problems: [{ row: 3, message: '“幸福村”已在第2行的学区中：同一学段每个社区只能属于一个学区。' }],
    });
  });

  test('blank rows are skipped; lists accept 、 , ， and spaces', () => {
    const parsed = zoneTableParse(
      [
        ['', '', '', '', '', ''],
        ['z1', '甲学区', '小学', '城关镇', 'p01, p02', '和平村，幸福村 新村'],
      ],
      schools,
    );
    expect(parsed.status === 'valid' && parsed.zones[0]).toMatchObject({
      schoolIds: ['p01', 'p02'],
      communities: ['和平村', '幸福村', '新村'],
    });
  });
});
