// CI's dependency audit: fail on high or critical advisories in production
// dependencies. Where the registry's advisory endpoint cannot be reached (this
// workplace's registry answers 405), say so loudly instead of pretending.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report: { metadata?: { vulnerabilities?: Record<string, number> }; message?: string; statusCode?: number };
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  console.error(`audit: unreadable answer from npm audit:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  console.warn(`\n*** audit: NOT CHECKED — the advisory endpoint did not answer (${report.statusCode ?? '?'} ${report.message ?? run.stderr.trim()}) ***\n`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `audit: production dependencies — ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
process.exit(serious > 0 ? 1 : 0);
