/** How every import lists its problems and how every import page words them (shared/importProblems.ts). */
import {
  IMPORT_PROBLEMS_LISTED,
  importProblemsListed,
  importProblemsSummary,
  importProblemText,
} from '../../shared/importProblems';

test('a row problem names its row, and its sheet in a workbook of several; a sentence stays as it is', () => {
  expect(importProblemText({ row: 3, message: '学校代码“p99”不存在。' })).toBe(
    '第3行：学校代码“p99”不存在。',
  );
  expect(importProblemText({ sheet: '教师', row: 7, message: '性别应填“男”或“女”。' })).toBe(
    '教师表第7行：性别应填“男”或“女”。',
  );
  expect(importProblemText('表中没有学生。')).toBe('表中没有学生。');
  expect(importProblemsSummary('学区表', 2)).toBe('学区表有 2 处需要修改，本次没有导入任何内容。');
});

test('up to the limit every problem is listed; past it, one more line says how many are left and from which row', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ row: i + 2, message: `问题${i}` }));
  expect(importProblemsListed(rows(IMPORT_PROBLEMS_LISTED))).toEqual(rows(IMPORT_PROBLEMS_LISTED));
  const listed = importProblemsListed(rows(250));
  expect(listed).toHaveLength(IMPORT_PROBLEMS_LISTED + 1);
  expect(listed.at(-1)).toEqual({
    row: IMPORT_PROBLEMS_LISTED + 2,
    message: '从这一行起还有50处问题未列出，请先改正以上问题后再导入。',
  });
  const lines = importProblemsListed(Array.from({ length: 203 }, (_, i) => `第${i + 2}行：问题。`));
  expect(lines.slice(0, 2)).toEqual(['第2行：问题。', '第3行：问题。']);
  expect(lines.at(-1)).toBe('还有3处问题未列出，请先改正以上问题后再导入。');
});
