// DOMAIN §7 over HTTP and through the command line, on both engines.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, startWebServer, type RunningServer } from '../../server/api/app.ts';
import { runAsk } from '../../server/cli/ask.ts';
import { DEFAULT_GRAPH_DIR, loadGraphData } from '../../server/graph/load.ts';
import type { Assessment } from '../../server/schema/api.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { Neo4jGraphLoader } from '../../server/store/neo4j/Neo4jGraphLoader.ts';
import { DOMAIN_EXAMPLES, type AssessCase } from '../contract/acceptanceSuite.ts';
import { connectTestStore, neo4jSkipReason, startTestNeo4j, type TestNeo4j } from '../support/neo4j.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function cliArgs(c: AssessCase): string[] {
  return [
    '--profession',
    c.profession,
    ...(c.recipient ? ['--recipient', c.recipient] : []),
    ...Object.entries(c.facts).flatMap(([k, v]) => ['--fact', `${k}=${v ? 'oui' : 'non'}`]),
    ...(c.closedWorld ? ['--closed-world'] : []),
    '--json',
  ];
}

function acceptanceOverInterfaces(engine: string, open: () => Promise<GraphStore>): void {
  describe(`DOMAIN §7 over HTTP and the CLI on ${engine}`, () => {
    let store: GraphStore;
    let server: RunningServer;
    beforeAll(async () => {
      store = await open();
      server = await startWebServer(createApp({ store, logger: pino({ level: 'silent' }), rateLimitPerMinute: 0, clientDir: '/nonexistent' }));
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
    });

    for (const c of DOMAIN_EXAMPLES) {
      it(`HTTP: ${c.name}`, async () => {
        const res = await fetch(`${server.url}/api/assess`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ profession: c.profession, recipient: c.recipient, facts: c.facts, closedWorld: c.closedWorld }),
        });
        const body = await res.json();
        expect(res.status, JSON.stringify(body)).toBe(200);
        c.expect(body as Assessment);
      });

      it(`CLI: ${c.name}`, async () => {
        let out = '';
        const code = await runAsk(cliArgs(c), store, { out: (t) => (out += t), err: (t) => (out += t) });
        expect(code, out).toBe(0);
        c.expect(JSON.parse(out) as Assessment);
      });
    }

    it('CLI: takes FAIT=? as an unknown fact, and a kind of situation', async () => {
      let out = '';
      const args = [
        '--profession',
        'psychologue',
        '--recipient',
        'juge-instruction',
        '--situation',
        'kind-convocation-temoin',
        '--fact',
        'sworn_testimony=oui',
        '--fact',
        'mediation_proceeding=?',
        '--json',
      ];
      const code = await runAsk(args, store, { out: (t) => (out += t), err: (t) => (out += t) });
      expect(code, out).toBe(0);
      const answer = JSON.parse(out) as Assessment;
      expect(answer.facts).not.toHaveProperty('mediation_proceeding');
      expect(answer.situation?.id).toBe('kind-convocation-temoin');
      expect(answer.verdict).toBe('permitted');
    });

    it('CLI: names the closest valid ids for an unknown one', async () => {
      let err = '';
      const code = await runAsk(['--profession', 'psycologue'], store, { out: () => {}, err: (t) => (err += t) });
      expect(code).toBe(2);
      expect(err).toMatch(/Les plus proches : psychologue/);
    });
  });
}

const NEW_FACT = 'fact_added_by_a_reload';

/** graph-data as a folder, with one more fact in its questionnaire. */
function graphDataWithOneMoreFact(): string {
  const dir = mkdtempSync(join(tmpdir(), 'secretum-graph-'));
  cpSync(DEFAULT_GRAPH_DIR, dir, { recursive: true });
  appendFileSync(join(dir, 'facts.yaml'), `\n- id: ${NEW_FACT}\n  question: Un fait ajouté par un rechargement ?\n`);
  return dir;
}

/**
 * A graph replaced under a running app: the questionnaire and the facts the
 * assessment accepts follow it, without a restart (one cache, keyed by the graph's version).
 */
function swappedGraphSuite(engine: string, open: () => Promise<GraphStore>, replace: (store: GraphStore, dir: string) => Promise<void>): void {
  describe(`a graph replaced under the running app on ${engine}`, () => {
    let store: GraphStore;
    let server: RunningServer;
    let dir: string;
    beforeAll(async () => {
      dir = graphDataWithOneMoreFact();
      store = await open();
      server = await startWebServer(createApp({ store, logger: pino({ level: 'silent' }), rateLimitPerMinute: 0, clientDir: '/nonexistent' }));
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const facts = async () => ((await (await fetch(`${server.url}/api/facts`)).json()) as { facts: { id: string }[] }).facts.map((f) => f.id);
    const assess = () =>
      fetch(`${server.url}/api/assess`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ profession: 'tms', facts: { [NEW_FACT]: true } }),
      });

    it('lists the new fact in /api/facts and accepts it in /api/assess', async () => {
      expect(await facts()).not.toContain(NEW_FACT);
      expect((await assess()).status).toBe(400);
      await replace(store, dir);
      await expect.poll(facts, { timeout: 30_000, interval: 100 }).toContain(NEW_FACT);
      expect((await assess()).status).toBe(200);
    });
  });
}

acceptanceOverInterfaces('memory', async () => new MemoryGraphStore(loadGraphData()));
swappedGraphSuite(
  'memory',
  async () => new MemoryGraphStore(loadGraphData()),
  async (store, dir) => (store as MemoryGraphStore).replaceGraph(loadGraphData(dir)),
);

const skip = neo4jSkipReason();
describe.skipIf(skip)('on a real Neo4j', () => {
  let neo4j: TestNeo4j;
  beforeAll(async () => {
    neo4j = await startTestNeo4j();
    const store = await connectTestStore(neo4j.uri);
    await new Neo4jGraphLoader(store.neo4jDriver).replaceGraph(loadGraphData());
    await store.close();
  });
  afterAll(() => neo4j?.dispose());
  acceptanceOverInterfaces('neo4j', () => connectTestStore(neo4j.uri));
  // npm run db:load in another process, as beside a live server; the app trusts its version for 500 ms.
  swappedGraphSuite(
    'neo4j',
    () => connectTestStore(neo4j.uri, { versionTtlMs: 500 }),
    async (_store, dir) => {
      const run = spawnSync('npx', ['tsx', 'scripts/db-load.ts'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, GRAPH_DATA_DIR: dir, NEO4J_URI: neo4j.uri },
      });
      expect(run.status, run.stderr).toBe(0);
    },
  );
});

describe('npm run ask, as a user types it', () => {
  it('prints the verdict, the routes and the explanation in French', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/ask.ts', '--profession', 'tms', '--recipient', 'saj', '--fact', 'child_maltreatment_situation=oui'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, GRAPH_ENGINE: 'memory' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^PERMIS \(permitted\)/m);
    expect(run.stdout).toContain('Art. 3 décret');
    expect(run.stdout).toContain('pas un avis juridique');
  }, 60_000);
});
