/**
 * Checks the weapp build carries the mini-program's aria-* attributes (issue 22): Taro's base
 * template must render them on views, texts, buttons and inputs, and the app must load the
 * runtime half (config/aria/), or 读屏 would read nothing the pages set. Taro numbers attributes
 * by their sorted names, so the template's number for `aria-label` must be the runtime's too.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(__dirname, '..', 'dist');
const wxml = readFileSync(join(dist, 'base.wxml'), 'utf8');
const appJs = readFileSync(join(dist, 'app.js'), 'utf8');
const problems: string[] = [];

for (const tag of ['view', 'text', 'button', 'input', 'image', 'textarea']) {
  const el = wxml.match(new RegExp(`<${tag} [^>]*>`))?.[0] ?? '';
  for (const attr of ['aria-role', 'aria-label', 'aria-checked'])
    if (!el.includes(`${attr}="{{i.`)) problems.push(`<${tag}> in base.wxml has no ${attr}`);
}
if (!appJs.includes('aria-role')) problems.push('app.js does not load config/aria/runtime.js');

if (problems.length > 0) {
  console.error(`weapp aria attributes missing:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('weapp aria attributes: in the templates and loaded at runtime');
