// GET /api/nodes/{id}/dependants and POST /api/reform over HTTP, on the real graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, startWebServer, type RunningServer } from '../../server/api/app.ts';
import { DEFAULT_GRAPH_DIR, loadGraphData } from '../../server/graph/load.ts';
import { readReforms } from '../../server/graph/reforms.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startWebServer(createApp({ store: new MemoryGraphStore(loadGraphData()), logger: pino({ level: 'silent' }), clientDir: '/nonexistent' }));
});
afterAll(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

describe('GET /api/nodes/{id}/dependants', () => {
  it('answers what rests on a provision, grouped and counted', async () => {
    const res = await fetch(`${server.url}/api/nodes/cp-458ter/dependants`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { counts: { answers: number; routes: number }; professions: { profession: { id: string } }[] };
    expect(body.counts.routes).toBe(1);
    expect(body.professions.map((p) => p.profession.id)).toContain('avocat');
  });

  it('accepts a fact id and answers 404 for an unknown id', async () => {
    expect((await fetch(`${server.url}/api/nodes/same_mission/dependants`)).status).toBe(200);
    const res = await fetch(`${server.url}/api/nodes/nothing/dependants`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('unknown_id');
  });
});

describe('POST /api/reform', () => {
  it('answers the routes and verdicts before and after, with counts', async () => {
    const res = await post('/api/reform', { changes: [{ kind: 'repeal', id: 'cp-458bis' }], label: 'Sans l’art. 458bis' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      counts: Record<string, number>;
      routes: { change: string; exception: string }[];
      situations: { id: string; changed: boolean }[];
    };
    expect(body.counts.routesLost).toBeGreaterThan(0);
    expect(body.routes.every((r) => r.change === 'lost' && r.exception === 'exc-458bis')).toBe(true);
    expect(body.situations.find((s) => s.id === 'sit-04-psychiatre-madame-l')!.changed).toBe(true);
  });

  it('gives both tables as CSV for ?format=csv or Accept: text/csv, the reform named first', async () => {
    const changes = [{ kind: 'setEffect', exception: 'exc-458bis', effect: 'requires' }];
    for (const res of [
      await post('/api/reform?format=csv', { changes, label: 'Et si 458bis obligeait' }),
      await post('/api/reform', { changes, label: 'Et si 458bis obligeait' }, { accept: 'text/csv' }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = await res.text();
      expect(text.split('\n')[0]).toBe('# Et si 458bis obligeait');
      expect(text).toMatch(/^profession,recipient,kind,exception,change/m);
      expect(text).toMatch(/^situation,source,profession/m);
    }
  });

  it('answers 400 naming every unknown id by its field', async () => {
    const res = await post('/api/reform', {
      changes: [
        { kind: 'repeal', id: 'cp-999' },
        { kind: 'addRecipient', exception: 'exc-458bis', recipient: 'nobody' },
      ],
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.code).toBe('unknown_changes_0_id');
    expect(error.message).toContain('changes.1.recipient');
  });

  it('answers 400 for a change of an unknown kind', async () => {
    const res = await post('/api/reform', { changes: [{ kind: 'abolish', id: 'cp-458' }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.fields![0].field).toBe('changes.0.kind');
  });

  it('answers 422 with validateGraph’s problems when the reform leaves the graph invalid', async () => {
    const res = await post('/api/reform', { changes: [{ kind: 'removeRecipient', exception: 'exc-458bis', recipient: 'procureur-du-roi' }] });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.code).toBe('invalid_reform');
    // The problem itself, not the relation it breaks (the blind review's R11): 458bis is left telling nobody.
    expect(error.fields).toEqual([{ field: 'exc-458bis', message: 'the exception has no recipient left: it would permit or require telling nobody' }]);
    expect(error.message).toMatch(/exc-458bis.*no recipient left/);
  });

  it('is described in the OpenAPI document with its CSV form', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    expect(Object.keys(doc.paths['/api/reform'].post.responses[200].content!)).toEqual(['application/json', 'text/csv']);
    expect(doc.paths['/api/reform'].post.responses).toHaveProperty('422');
    expect(doc.paths['/api/nodes/{id}/dependants'].get.responses).toHaveProperty('404');
  });
});

describe('GET /api/reforms', () => {
  it('lists the named reforms of graph-data/reforms.yaml, each a body POST /api/reform accepts', async () => {
    const res = await fetch(`${server.url}/api/reforms`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reforms: { id: string; label: string; changes: unknown[] }[] };
    const file = readReforms(DEFAULT_GRAPH_DIR).reforms;
    expect(body.reforms.map((r) => r.id)).toEqual(file.map((r) => r.id));
    expect(body.reforms.map((r) => r.label)).toEqual(file.map((r) => r.label));
    const first = body.reforms[0];
    const applied = await post('/api/reform', { changes: first.changes, label: first.label });
    expect(applied.status).toBe(200);
    expect(((await applied.json()) as { label: string }).label).toBe(first.label);
  });
});

describe('POST /api/assess with asOf', () => {
  it('answers under the law of the date and says which reforms it applied', async () => {
    const res = await post('/api/assess', { profession: 'avocat', recipient: 'concertation-de-cas', facts: {}, asOf: '2016-01-01' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { routes: unknown[]; asOf: { reforms: { id: string; applied: boolean; dateKind: string }[] } };
    expect(body.routes).toEqual([]);
    expect(body.asOf.reforms.every((r) => r.applied && r.dateKind !== 'entry_into_force')).toBe(true);
  });

  it('refuses a date that is not one', async () => {
    expect((await post('/api/assess', { profession: 'avocat', facts: {}, asOf: '2016-13-45' })).status).toBe(400);
  });
});
