// Hostile requests for every endpoint of the table, a raw HTTP client that
// sends them byte for byte, and the oracle every answer must satisfy. Shared
// by the in-memory fuzz and the Neo4j injection run.
import { request, Agent } from 'node:http';
import fc from 'fast-check';
import { z } from 'zod';
import { endpoints } from '../../server/api/endpoints.ts';
import { ApiError } from '../../server/schema/api.ts';
import { NODE_TYPES, RELATION_TYPES, type GraphData } from '../../server/schema/graph.ts';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends exactly the bytes given: no URL normalisation, no JSON encoding. A
 * kept-alive socket the server closed as idle just as it was reused (its
 * keep-alive timeout, which a busy machine reaches between two requests)
 * resets before any answer: the request never reached the application, and
 * is sent again on a fresh socket, as Node's documentation advises.
 */
export async function send(base: string, req: RawRequest): Promise<RawResponse> {
  try {
    return await sendOnce(base, req);
  } catch (err) {
    if ((err as { reusedSocket?: boolean }).reusedSocket && (err as { code?: string }).code === 'ECONNRESET') return sendOnce(base, req);
    throw err;
  }
}

function sendOnce(base: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(base);
  // A body always says its length: without it a DELETE's body would be read as the next request.
  const headers = req.body === undefined ? req.headers : { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    outgoing.on('error', (err) => reject(Object.assign(err, { reusedSocket: outgoing.reusedSocket })));
    outgoing.end(req.body);
  });
}

export function closeFuzzAgent(): void {
  agent.destroy();
}

// ---------- hostile text ----------

export const LUCENE = [
  '+',
  '-',
  '&&',
  '||',
  '!',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '^',
  '"',
  '~',
  '*',
  '?',
  ':',
  '\\',
  '/',
  'AND',
  'OR',
  'NOT',
  '*:*',
  'searchText:*',
  'medecin~0.5',
  'secret^100',
  '[a TO z]',
  '/.*/',
  'a*b?c',
  '"unclosed',
  '\\',
];
export const CYPHER = [
  "' OR 1=1 //",
  '"}) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n RETURN 1 //",
  '`id`',
  '$id',
  '{id: 1}',
  "medecin' RETURN n UNION MATCH (n) RETURN n //",
  "x') CALL dbms.components() YIELD name RETURN name //",
  '/* */ CREATE (:Pwned) //',
  '; MATCH (n) SET n.pwned = true',
  'medecin\u0000',
  "\\' OR '1'='1",
];
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const WORLD = [
  '秘密保持',
  'سر مهني',
  'Ωμέγα κρυφό',
  'тайна',
  'गोपनीयता',
  '🔒👩‍⚕️',
  'e\u0301te\u0301',
  'zero\u200bwidth',
  '\u202eRTL',
  '\ud800lone',
  'Ａｒｔ．４５８',
  'œuvre Æ',
  '458 bis',
];

/** Text people paste: random Unicode, metacharacters, prototype names, very long runs, real words mixed in. */
export const nastyText = (words: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom(...LUCENE, ...CYPHER, ...PROTOTYPE_KEYS, ...WORLD),
    fc.array(fc.constantFrom(...LUCENE, ...CYPHER, ...WORLD, ...words), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' ')),
    fc.tuple(fc.constantFrom('a', 'é', '秘', '🔒', '%', ' '), fc.integer({ min: 150, max: 3_000 })).map(([c, n]) => c.repeat(n)),
    fc.constantFrom(...words),
  );

/** Percent-encodes the UTF-8 bytes of any JS string (lone surrogates included, which encodeURIComponent refuses). */
export function pct(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** Characters a path may carry raw, so that broken escapes ("%zz", "%E0%A4") reach the server as typed. */
const rawPathPiece = fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@-]{1,60}$/);

// ---------- requests per endpoint ----------

export interface Vocabulary {
  ids: string[];
  professions: string[];
  recipients: string[];
  situations: string[];
  facts: string[];
  words: string[];
}

export function vocabularyOf(graph: GraphData): Vocabulary {
  const ofType = (t: string) => graph.nodes.filter((n) => n.type === t).map((n) => n.id);
  return {
    ids: graph.nodes.map((n) => n.id),
    professions: ofType('Profession'),
    recipients: [...ofType('Recipient'), ...ofType('Profession')],
    situations: ofType('SituationKind'),
    facts: graph.facts.map((f) => f.id),
    words: ['secret', 'médecin', 'necessite', '458 bis', 'Procureur', 'danger grave', 'art. 458', 'mineur'],
  };
}

const queryValue = (v: Vocabulary) =>
  fc.oneof(
    nastyText(v.words),
    fc.constantFrom(...v.ids),
    fc.integer({ min: -10, max: 10_000 }).map(String),
    fc.constantFrom('1e0', '0x2', 'NaN', 'Infinity', '-0', '2.5', '', ' 3 ', '٣', '1,2'),
    fc.subarray([...NODE_TYPES, ...RELATION_TYPES, 'Nope', '__proto__'], { minLength: 1 }).map((a) => a.join(',')),
  );

/** A query string: the endpoint's own keys, unknown and prototype keys, repeated keys, sometimes raw garbage. */
function queryString(v: Vocabulary, keys: string[]): fc.Arbitrary<string> {
  const pair = fc.tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, fc.constantFrom(...PROTOTYPE_KEYS, 'q[]', 'a[b]', ''), fc.string({ maxLength: 8 })),
    queryValue(v),
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.map(([k, val]) => `${pct(k)}=${pct(val)}`).join('&')) },
    { weight: 1, arbitrary: rawPathPiece },
  );
}

const pathId = (v: Vocabulary) =>
  fc.oneof({ weight: 3, arbitrary: fc.oneof(nastyText(v.words), fc.constantFrom(...v.ids)).map(pct) }, { weight: 1, arbitrary: rawPathPiece });

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

/** Any JSON value, a body of the right shape with wrong parts, or bytes that are not JSON at all. */
function assessBody(v: Vocabulary): fc.Arbitrary<string> {
  const id = fc.oneof(fc.constantFrom(...v.professions), fc.constantFrom(...v.recipients), nastyText(v.words), fc.anything());
  const kind = fc.oneof(fc.constantFrom(...v.situations, 'kind-nope'), nastyText(v.words), fc.anything());
  const factKey = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...v.facts) }, fc.constantFrom(...PROTOTYPE_KEYS), nastyText(v.words));
  const factValue = fc.oneof({ weight: 3, arbitrary: fc.boolean() }, fc.constantFrom('true', 'oui', 1, 0, null, [], {}), fc.anything());
  const shaped = fc.record(
    {
      profession: id,
      recipient: id,
      situation: kind,
      facts: fc.oneof({ weight: 4, arbitrary: fc.dictionary(factKey, factValue, { maxKeys: 6 }) }, fc.anything()),
      closedWorld: fc.oneof(fc.boolean(), fc.anything()),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 6, arbitrary: shaped.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.jsonValue().map((j) => JSON.stringify(j)) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'profession', 'facts'), fc.jsonValue(), { minKeys: 1, maxKeys: 3 })
        .map((b) => JSON.stringify(b)),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"profession": ',
        '{"profession":"medecin","facts":{"professional_context":true}}}',
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
        '['.repeat(8_000) + ']'.repeat(8_000),
        '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000),
        '{"profession":"medecin","profession":"avocat"}',
        '\ufeff{"profession":"medecin"}',
        '{"profession":"medecin","facts":{"x":tru}}',
        JSON.stringify({ profession: 'medecin', padding: 'x'.repeat(20_000) }),
        '',
      ),
    },
  );
}

/** A reform: changes of every kind on real and nasty ids, and whatever else a client might send. */
function reformBody(v: Vocabulary): fc.Arbitrary<string> {
  const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...v.ids) }, nastyText(v.words), fc.anything());
  const change = fc.oneof(
    fc.record({ kind: fc.constant('repeal'), id }),
    fc.record({ kind: fc.constant('setEffect'), exception: id, effect: fc.oneof(fc.constantFrom('permits', 'requires'), fc.anything()) }),
    fc.record({ kind: fc.constantFrom('addRecipient', 'removeRecipient'), exception: id, recipient: id }),
    fc.record(
      { kind: fc.constant('addCondition'), exception: id, fact: fc.oneof(fc.constantFrom(...v.facts), nastyText(v.words)), expected: fc.anything() },
      { requiredKeys: ['kind', 'exception', 'fact'] },
    ),
    fc.record({ kind: fc.constant('removeCondition'), exception: id, condition: id }),
    fc.anything(),
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ changes: fc.array(change, { maxLength: 4 }), label: fc.anything() }, { requiredKeys: ['changes'] }).map((b) => JSON.stringify(b)),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((j) => JSON.stringify(j)) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'changes'), fc.jsonValue(), { minKeys: 1, maxKeys: 3 }).map((b) => JSON.stringify(b)),
    },
  );
}

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/*+json',
    '',
    'application/json; charset=ébc',
  ),
);

/** One hostile request for `endpoint` (index in the endpoint table), or for a path no endpoint serves. */
export function requestFor(v: Vocabulary, path: string, method: string): fc.Arbitrary<RawRequest> {
  const get = (p: fc.Arbitrary<string>) => p.map((built): RawRequest => ({ method: 'GET', path: built, headers: {} }));
  switch (`${method.toUpperCase()} ${path}`) {
    case 'GET /api/health':
    case 'GET /api/facts':
    case 'GET /api/situations':
    case 'GET /api/summary':
    case 'GET /api/professions':
    case 'GET /api/recipients':
    case 'GET /api/reforms':
      return get(queryString(v, ['x']).map((q) => withQuery(path, q)));
    case 'GET /api/nodes':
      return get(queryString(v, ['type']).map((q) => withQuery(path, q)));
    case 'GET /api/nodes/:id':
      return get(pathId(v).map((id) => `/api/nodes/${id}`));
    case 'GET /api/nodes/:id/neighbourhood':
      return get(
        fc.tuple(pathId(v), queryString(v, ['depth', 'types', 'relations', 'maxNodes'])).map(([id, q]) => withQuery(`/api/nodes/${id}/neighbourhood`, q)),
      );
    case 'GET /api/search':
      return get(
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc
              .tuple(nastyText(v.words), fc.option(queryValue(v)))
              .map(([q, types]) => `/api/search?q=${pct(q)}${types ? `&types=${pct(types)}` : ''}`),
          },
          queryString(v, ['q', 'limit', 'types']).map((q) => withQuery(path, q)),
        ),
      );
    case 'GET /api/disclosure':
      return get(queryString(v, ['profession', 'recipient', 'profession']).map((q) => withQuery(path, q)));
    case 'GET /api/paths':
      return get(queryString(v, ['from', 'to', 'maxLength', 'limit', 'from', 'to']).map((q) => withQuery(path, q)));
    case 'POST /api/assess':
      return fc.tuple(assessBody(v), contentType, fc.constantFrom(undefined, 'gzip', 'deflate', 'identity', 'x-unknown')).map(([body, type, encoding]) => {
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (encoding) headers['content-encoding'] = encoding;
        return { method: 'POST', path, headers, body };
      });
    case 'GET /api/nodes/:id/dependants':
      return get(pathId(v).map((id) => `/api/nodes/${id}/dependants`));
    case 'POST /api/reform':
      return fc
        .tuple(reformBody(v), contentType)
        .map(([body, type]): RawRequest => ({ method: 'POST', path, headers: type ? { 'content-type': type } : {}, body }));
    default:
      throw new Error(`no request generator for ${method} ${path}: add one`);
  }
}

/** Every endpoint of the table, and wrong verbs and unknown paths besides. */
export function anyRequest(v: Vocabulary): fc.Arbitrary<RawRequest> {
  const wrongVerb = fc
    .tuple(
      fc.constantFrom('PUT', 'PATCH', 'DELETE', 'POST', 'GET'),
      fc.constantFrom(...endpoints.map((e) => e.path.replace(':id', 'medecin')), '/api/nodes/medecin/x', '/api/', '/api/../etc/passwd', '/api/%2e%2e/'),
    )
    .map(([method, path]): RawRequest => ({ method, path, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' }));
  return fc.oneof({ weight: 12, arbitrary: fc.oneof(...endpoints.map((e) => requestFor(v, e.path, e.method))) }, wrongVerb);
}

// ---------- the oracle ----------

const schemas = new Map(endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.response]));

function routeOf(method: string, path: string): string | undefined {
  const bare = path.split('?')[0].replace(/(.)\/$/, '$1'); // Express routes ignore one trailing slash
  for (const e of endpoints) {
    const pattern = new RegExp(`^${e.path.replace(':id', '[^/]+')}$`);
    if (e.method.toUpperCase() === method && pattern.test(bare)) return `${method} ${e.path}`;
  }
  return undefined;
}

/**
 * The answer is a 2xx in the endpoint's documented shape or a 4xx
 * `{ error: { code, message, fields? } }`, JSON either way, with the security
 * headers; returns what is wrong, or undefined.
 */
export function violation(req: RawRequest, res: RawResponse): string | undefined {
  const what = `${req.method} ${req.path.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
  if (!(res.status >= 200 && res.status < 300) && !(res.status >= 400 && res.status < 500)) return `status: ${what}`;
  if (!String(res.headers['content-type']).startsWith('application/json')) return `content-type ${res.headers['content-type']}: ${what}`;
  if (res.headers['x-content-type-options'] !== 'nosniff') return `no helmet headers: ${what}`;
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    return `not JSON: ${what}`;
  }
  const route = routeOf(req.method, req.path);
  const schema: z.ZodType = res.status < 300 ? (route && schemas.get(route)) || z.never() : ApiError.strict();
  const parsed = schema.safeParse(json);
  if (!parsed.success) return `shape (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}): ${what}`;
  // POST /api/assess and POST /api/reform ask questions in a body; they store nothing.
  if (res.status < 300 && req.method !== 'GET' && route !== 'POST /api/assess' && route !== 'POST /api/reform') return `a write verb succeeded: ${what}`;
  return undefined;
}
