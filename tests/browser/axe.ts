/**
 * axe-core (from npm) injected into the page under test: the WCAG 2.1 A and AA rules (the basis of
 * GB/T 37668-2019) run on what the page shows at that moment (issue 22). A serious or critical
 * violation fails the test; the minor and moderate ones are written next to the screenshots, one
 * report per role and page, for someone to read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The levels checked: WCAG 2.0 and 2.1, A and AA. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeFinding {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: readonly { readonly target: string; readonly html: string; readonly summary: string }[];
}

declare global {
  interface Window {
    axe?: {
      run(
        ctx: Document,
        opts: object,
      ): Promise<{
        violations: {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: unknown[]; html: string; failureSummary?: string }[];
        }[];
      }>;
    };
  }
}

/** Runs axe on the page as it is now; returns every violation found. */
export async function axeRun(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => typeof window.axe === 'object')))
    await page.addScriptTag({ content: axeSource });
  return page.evaluate(
    async (tags) => {
      const axe = window.axe;
      if (!axe) throw new Error('axe-core did not load');
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? 'minor',
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String).join(' '),
          html: n.html.slice(0, 300),
          summary: n.failureSummary ?? '',
        })),
      }));
    },
    axeTags as unknown as string[],
  );
}

export const axeBlocking = (f: AxeFinding): boolean => f.impact === 'serious' || f.impact === 'critical';

/** The page's route without its query: `pages/parent/register/index`. */
export async function routeOf(page: Page): Promise<string> {
  const hash = await page.evaluate(() => location.hash);
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path || 'pages/index/index';
}

/**
 * One pass per role and page in a test file: scans, writes the non-blocking findings to
 * `axe-<role>-<page>.json` in `dir`, and returns the blocking ones as readable lines.
 */
export function axeChecker(dir: string) {
  const seen = new Set<string>();
  return async function axeCheck(page: Page, role: string): Promise<string[]> {
    const route = await routeOf(page);
    const key = `${role}|${route}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const found = await axeRun(page);
    const minor = found.filter((f) => !axeBlocking(f));
    const name = `axe-${role}-${route
      .replace(/^pages\//, '')
      .replace(/\/index$/, '')
      .replace(/\//g, '-')}`;
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ role, route, tags: axeTags, minor }, null, 2));
    return found
      .filter(axeBlocking)
      .flatMap((f) =>
        f.nodes.map((n) => `${role} ${route}: ${f.impact} ${f.rule} (${f.help}) at ${n.target}`),
      );
  };
}
