/**
 * `npm run season`: the whole demo county's enrollment season rehearsed against a fresh local
 * host — a few thousand families registering, withdrawing, registering again, returned and
 * refused, registered by the wrong account and voided, uploading late; schools reviewing; the
 * bureau's draw for both stages; families accepting and asking for reviews — through the real
 * cloud functions over HTTP, with the invariant checks after every stage. Prints each check and
 * the figures; exits 1 on any failed check or unexpected answer.
 *
 *   npm run season [-- --seed S] [-- --zones zp-cg-east,zj-yl]
 */
import { seasonRehearsal } from '../server/season/rehearsal';
import { seasonStories } from '../shared/season/plan';

const arg = (name: string): string | null => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
};

async function main(): Promise<void> {
  const seed = arg('seed') ?? 'junheng-season-2027';
  const zones = arg('zones')?.split(',').filter(Boolean);
  console.log(
    `均衡 报名季演练 / season rehearsal — seed “${seed}”${zones ? `, zones ${zones.join(', ')}` : ''}`,
  );
  const { plan, report, ms } = await seasonRehearsal({
    seed,
    ...(zones ? { zoneIds: zones } : {}),
    log: (line) => console.log(line),
  });
  const stories = seasonStories
    .map((s) => [s, plan.families.filter((f) => f.story === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const checks = report.stages.flatMap((s) => s.checks);
  console.log('');
  console.log('figures');
  console.log(`  families          ${plan.families.length} (${stories})`);
  console.log(`  registrations     ${report.registrations} (accounts ${plan.accounts})`);
  for (const [school, d] of Object.entries(plan.demand))
    if (d.applicants > d.seats)
      console.log(`  oversubscribed    ${school}: ${d.applicants} applicants for ${d.seats} seats`);
  for (const [stage, p] of Object.entries(report.placement))
    console.log(
      `  draw ${stage.padEnd(13)}${p.admitted} admitted, ${p.coordinating} 统筹; output ${p.outputHash.slice(0, 16)}`,
    );
  for (const s of report.stages) console.log(`  ${s.name.padEnd(18)}${(s.ms / 1000).toFixed(1)} s`);
  console.log(`  requests          ${report.requests}`);
  console.log(
    `  checks            ${checks.filter((c) => c.ok).length} passed, ${checks.filter((c) => !c.ok).length} failed (${report.stages.length} stages)`,
  );
  console.log(`  total time        ${(ms / 1000).toFixed(1)} s`);
  if (report.surprises.length > 0) {
    console.log(`\n${report.surprises.length} unexpected answers:`);
    for (const s of report.surprises.slice(0, 30)) console.log(`  - ${s}`);
  }
  console.log(report.ok ? '\nSEASON OK' : '\nSEASON FAILED');
  process.exit(report.ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
