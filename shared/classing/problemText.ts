/**
 * The engine's problems and refusals (written for developers and the command line) in Chinese for
 * the principal's page; anything not recognised becomes a general sentence, never the raw text.
 */
export function classingReason(reason: string): string {
  const m = /^(\d+) students need at least (\d+) classes of at most (\d+)$/.exec(reason);
  if (m) return `${m[1]}名学生在班额${m[3]}人以内至少需要${m[2]}个班`;
  const cap = /^class (\d+) has (\d+) students, above the cap of (\d+)$/.exec(reason);
  if (cap) return `第${Number(cap[1]) + 1}个班有${cap[2]}人，超过班额${cap[3]}人`;
  if (reason.includes('cannot all be met')) return '同班、分班和固定班级的要求无法同时满足';
  if (reason.startsWith('class sizes differ')) return '各班人数相差超过1人';
  if (reason.includes('above the cap')) return '有班级超过班额';
  if (reason.includes('share a class')) return '要求分开的学生在同一个班';
  if (reason.includes('in different classes')) return '要求同班的学生被分开';
  if (reason.startsWith('fixed:')) return '指定班级的学生不在所指定的班';
  if (
    reason.includes('in no class') ||
    reason.includes('more than one class') ||
    reason.includes('not in the cohort')
  )
    return '分班名单与学生名单不一致';
  return '分班不符合要求';
}
