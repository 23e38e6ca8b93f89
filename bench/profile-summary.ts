// Where a V8 CPU profile (node --cpu-prof, or npm run bench -- --only http --profile)
// spent its time: self time by package or project folder, and the top functions.
//
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "express", "pino-http", "server/domain", "(garbage collector)"… */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const project = /\/(server|bench|scripts)\/([^/]+)\//.exec(url);
  if (project) return `${project[1]}/${project[2]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.split('/').slice(-1)[0];
}

export function summariseProfile(profile: CpuProfile, top = 20): { totalMs: number; owners: [string, number][]; functions: [string, number][] } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    total += dt;
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + dt);
    const name = `${functionName || '(anonymous)'} ${owner}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + dt);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs: total, owners: sorted(owners), functions: sorted(functions) };
}

if (import.meta.filename === process.argv[1]) {
  const [file, top] = process.argv.slice(2);
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 20));
  const line = ([name, ms]: [string, number]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)} %  ${name}`;
  console.log(`busy ${summary.totalMs.toFixed(0)} ms (idle excluded)\n\nby package or folder:`);
  console.log(summary.owners.map(line).join('\n'));
  console.log('\ntop functions (self time):');
  console.log(summary.functions.map(line).join('\n'));
}
