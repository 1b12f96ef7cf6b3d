/**
 * Developer text a user must never see (issue 19, item 9): field keys (字段「seed」, student.id,
 * dryRun, not_registered), rule and error codes (REG_PROPERTY_REUSED), `§` references, and record
 * ids in place of names (p01, p01-t004). Used by every browser suite on the visible text of every
 * page it visits, and unit-tested on its own.
 */
import { fieldLabels } from '../../server/runtime/fieldLabels';

/** Every payload field key (each part of each path), as a word a page might leak. */
const keyWords = [
  ...new Set(
    Object.keys(fieldLabels)
      .flatMap((k) => k.split('.'))
      .filter((w) => w.length >= 3),
  ),
].sort();

const fileExtensions = /\.(json|xlsx|xls|csv|jpg|jpeg|png|pdf)$/i;

export const devTextPatterns: readonly { readonly what: string; readonly re: RegExp }[] = [
  { what: '§ reference', re: /§\s*\d*/g },
  { what: 'rule or error code', re: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g },
  { what: 'dotted field path', re: /\b[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*)+\b/g },
  { what: 'camelCase key', re: /\b[a-z]+[A-Z][a-zA-Z0-9]*\b/g },
  { what: 'snake_case key', re: /\b[a-z]+_[a-z0-9_]+\b/g },
  { what: 'record id instead of a name', re: /\b[a-z]\d{2}(?:-[a-z]\d{2,})?\b/g },
  // A key as a word of its own (not part of a file name such as frozen-primary.json).
  { what: 'field key', re: new RegExp(`(?<![\\w./-])(?:${keyWords.join('|')})(?![\\w./-])`, 'g') },
];

/**
 * What a page quotes back from the user's own entries (“p99” in 学校代码“p99”不存在) is their data,
 * not developer text: quoted passages are left out of the scan.
 */
const quoted = /“[^”]{0,60}”/g;

/** Each piece of developer text in `text`, with what kind it is. */
export function devTextFind(text: string): string[] {
  const found: string[] = [];
  for (const { what, re } of devTextPatterns)
    for (const m of text.replace(quoted, '“”').matchAll(re)) {
      if (what === 'dotted field path' && fileExtensions.test(m[0])) continue;
      found.push(`${what}: ${m[0]}`);
    }
  return found;
}

/**
 * The script each browser page runs: the visible text of the page (not inputs, not commands shown
 * to be typed — `.cmd`), every time the page changes, sent to `report` when it holds developer text.
 */
export function devTextWatcher(patterns: readonly { what: string; source: string; flags: string }[]): void {
  const w = window as unknown as { __devTextSeen?: Set<string>; __devTextReport?: (s: string) => void };
  w.__devTextSeen = new Set();
  const check = () => {
    if (!document.body) return;
    let text = document.body.innerText;
    for (const el of Array.from(document.querySelectorAll('.cmd')))
      text = text.split((el as HTMLElement).innerText).join(' ');
    // Quotes of the user's own entries are their data (see `quoted`).
    text = text.replace(/“[^”]{0,60}”/g, '“”');
    for (const p of patterns)
      for (const m of text.matchAll(new RegExp(p.source, p.flags))) {
        if (p.what === 'dotted field path' && /\.(json|xlsx|xls|csv|jpg|jpeg|png|pdf)$/i.test(m[0])) continue;
        const line =
          text
            .split('\n')
            .find((l) => l.includes(m[0]))
            ?.trim()
            .slice(0, 120) ?? '';
        const key = `${p.what}: ${m[0]} — 「${line}」 at ${location.hash}`;
        if (!w.__devTextSeen?.has(key)) {
          w.__devTextSeen?.add(key);
          w.__devTextReport?.(key);
        }
      }
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const soon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      check();
    }, 150);
  };
  new MutationObserver(soon).observe(document, { subtree: true, childList: true, characterData: true });
  window.addEventListener('hashchange', soon);
}

/** The patterns in a form the page script can rebuild. */
export const devTextPatternSources = devTextPatterns.map((p) => ({
  what: p.what,
  source: p.re.source,
  flags: p.re.flags,
}));
