/**
 * The browser suites' scanner for developer text (issue 19, item 9) finds what the issue names —
 * 字段「seed」, 字段「student.id」, `§`, rule codes in exports, record ids instead of names — and
 * lets ordinary Chinese prose, dates, hashes, seeds and file names pass.
 */
import { devTextFind } from '../helpers/devText';

test.each([
  ['字段「seed」格式不正确。', 'field key: seed'],
  ['字段「student.id」编号格式不正确', 'dotted field path: student.id'],
  ['依据：POLICY §2 / §5', '§ reference: §2'],
  ['REG_PROPERTY_REUSED 同一房产', 'rule or error code: REG_PROPERTY_REUSED'],
  ['异议：p01-t004', 'record id instead of a name: p01-t004'],
  ['学校 p01 学位 45', 'record id instead of a name: p01'],
  ['dryRun 为真', 'camelCase key: dryRun'],
  ['状态 not_registered', 'snake_case key: not_registered'],
])('finds %s', (text, found) => {
  expect(devTextFind(text)).toContain(found);
});

test('ordinary prose, dates, hashes, seeds and file names pass', () => {
  expect(
    devTextFind(
      '名单已冻结（53人），哈希 3fa9c2e61b0d4e5f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f，种子 20270601883712；' +
        '公示期 2027-06-07 至 2027-06-11；下载 frozen-primary.json 与 run-primary.json；依据：《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）' +
        '第3行：学校代码“p99”不存在。',
    ),
  ).toEqual([]);
});
