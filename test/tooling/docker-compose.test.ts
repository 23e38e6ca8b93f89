import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** `docker compose` (plugin) or `docker-compose` (Debian's package); both validate without a Docker engine. */
function composeCommand(): string[] | undefined {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version']).status === 0) return ['docker-compose'];
  return undefined;
}

const compose = composeCommand();
if (!compose) {
  if (process.env.CI === 'true') throw new Error('CI=true: docker compose (or docker-compose) is needed to validate docker-compose.yml');
  console.warn('\n*** SKIPPING docker-compose.yml validation: neither `docker compose` nor `docker-compose` is installed ***\n');
}

describe.skipIf(!compose)('docker-compose.yml', () => {
  it('is accepted by docker compose config, with Neo4j healthy before the app starts', () => {
    const [command, ...args] = compose!;
    const run = spawnSync(command, [...args, '-f', 'docker-compose.yml', 'config'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('neo4j:5-community');
    expect(run.stdout).toMatch(/condition: service_healthy/);
    expect(run.stdout).toMatch(/GRAPH_ENGINE: neo4j/);
  });
});
