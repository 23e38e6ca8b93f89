// createApp builds the Express application without listening, so tests run it
// in-process; startWebServer listens and returns the address.
import { existsSync, readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import compression from 'compression';
import express, { type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { protoKeyPath } from '../schema/protoKey.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { ExplorerService } from '../service/ExplorerService.ts';
import { canonicalJson, type CachedAnswer } from '../service/answerCache.ts';
import { DEFAULT_ANSWER_CACHE_BYTES } from '../service/GraphCache.ts';
import { endpoints, type Endpoint } from './endpoints.ts';
import { errorHandler, HttpError, invalidInput, notFoundHandler } from './errors.ts';
import { requestLog } from './requestLog.ts';
import { buildOpenApi } from './openapi.ts';
import { apiDocsRouter } from './docs.ts';
import { IMMUTABLE, precompressedAssets } from './precompressed.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_CLIENT_DIR = resolve(ROOT, 'client/dist');

/** The largest JSON body the API reads (bytes); a larger one is refused with 413 before any field is read. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;

export interface AppOptions {
  store: GraphStore;
  logger?: Logger;
  /** requests per minute and client address; 0 turns the limit off (benchmarks) */
  rateLimitPerMinute?: number;
  /** origins allowed by CORS; none by default */
  corsOrigins?: string[];
  /** the client build to serve at /; skipped when absent */
  clientDir?: string;
  bodyLimit?: string | number;
  /** bytes of serialised answers kept per graph version (default 32 MiB); 0 computes every answer */
  answerCacheBytes?: number;
  /** route subgraphs kept per graph version (default 2,000); 0 asks the store every time (benchmarks of cold answers) */
  subgraphCacheEntries?: number;
}

export { DEFAULT_ANSWER_CACHE_BYTES };

function version(): string {
  return (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function sendAnswer(req: Request, res: Response, answer: CachedAnswer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', answer.etag);
  // Browsers may keep answers but ask again each time: an unchanged one costs a 304.
  res.setHeader('Cache-Control', 'no-cache');
  // A client that holds this very answer gets 304 and no body.
  if (req.method === 'GET' && req.fresh) return void res.status(304).end();
  res.setHeader('Content-Length', answer.body.length);
  res.end(answer.body);
}

function handlerFor(endpoint: Endpoint, service: ExplorerService) {
  return async (req: Request, res: Response) => {
    const parse = (where: 'params' | 'query' | 'body', schema: Endpoint[typeof where]) => {
      if (!schema) return undefined;
      const forbidden = where === 'body' ? protoKeyPath(req.body) : undefined;
      if (forbidden)
        throw new HttpError(400, 'invalid_request', `invalid body: ${forbidden} (forbidden key)`, [{ field: forbidden, message: 'forbidden key' }]);
      const raw = where === 'body' ? req.body : where === 'query' ? req.query : req.params;
      const parsed = schema.safeParse(raw ?? (where === 'body' ? undefined : {}));
      if (!parsed.success) throw invalidInput(where, parsed.error);
      return parsed.data;
    };
    const input = { params: parse('params', endpoint.params), query: parse('query', endpoint.query), body: parse('body', endpoint.body) };
    const { format, ...question } = (input.query ?? {}) as { format?: string };
    const csv = endpoint.csv && (format === 'csv' || (!format && req.accepts(['application/json', 'text/csv']) === 'text/csv'));
    if (endpoint.cacheable) {
      // The checked input, not the raw request: equal questions share an answer (in either format).
      const key = `${endpoint.method} ${endpoint.path} ${canonicalJson({ ...input, query: question })}`;
      const answer = await service.cachedAnswer(key, () => endpoint.handle(service, input));
      if (!csv) return sendAnswer(req, res, answer);
      return void res.type('text/csv; charset=utf-8').send(endpoint.csv!(service, JSON.parse(answer.body.toString('utf8')) as never));
    }
    const result = await endpoint.handle(service, input);
    const status = endpoint.status?.(result as never);
    if (status) {
      if (status.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(status.retryAfterSeconds));
      res.status(status.code);
    }
    res.json(result);
  };
}

function cors(origins: string[]): express.RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
      if (req.method === 'OPTIONS') return void res.status(204).end();
    }
    next();
  };
}

export function createApp(options: AppOptions): express.Express {
  const service = new ExplorerService(options.store, {
    answerBytes: options.answerCacheBytes ?? DEFAULT_ANSWER_CACHE_BYTES,
    subgraphEntries: options.subgraphCacheEntries,
  });
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(requestLog(logger));
  // Brotli or gzip as the browser accepts: the script and /api/nodes shrink to a fraction over a slow link.
  app.use(compression());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Cytoscape sets inline styles on its canvas container.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          // Served over plain HTTP on a laptop or an intranet: do not rewrite requests to https.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  if (options.corsOrigins?.length) app.use('/api', cors(options.corsOrigins));
  const perMinute = options.rateLimitPerMinute ?? 1200;
  if (perMinute > 0) {
    app.use(
      '/api',
      rateLimit({
        windowMs: 60_000,
        limit: perMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, _res, next) => next(new HttpError(429, 'rate_limited', 'too many requests; retry later')),
      }),
    );
  }
  app.use('/api', express.json({ limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT_BYTES, strict: true }));

  for (const endpoint of endpoints) app[endpoint.method](endpoint.path, handlerFor(endpoint, service));
  const openapi = buildOpenApi(endpoints, version());
  app.get('/api/openapi.json', (_req, res) => void res.json(openapi));
  app.use('/api/docs', apiDocsRouter());
  app.use('/api', notFoundHandler);

  const clientDir = options.clientDir ?? DEFAULT_CLIENT_DIR;
  if (existsSync(resolve(clientDir, 'index.html'))) {
    app.use(precompressedAssets(clientDir));
    app.use(
      express.static(clientDir, {
        index: 'index.html',
        maxAge: '1h',
        // Hashed names (a new build, new names): kept for a year; the page itself is asked for again after an hour.
        setHeaders: (res, path) => path.startsWith(resolve(clientDir, 'assets') + sep) && res.setHeader('Cache-Control', IMMUTABLE),
      }),
    );
    // The client keeps its state in the URL; any other GET is the single page.
    app.get('/{*path}', (_req, res) => void res.sendFile(resolve(clientDir, 'index.html')));
  }
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  server: import('node:http').Server;
}

/** Listen (port 0 picks a free one) and return the address and a graceful close. */
export async function startWebServer(app: express.Express, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const server = app.listen(port, host);
  await new Promise<void>((ok, fail) => {
    server.once('listening', ok);
    server.once('error', fail);
  });
  // Node answers a request it cannot parse (a URL or headers past 16 kB, broken
  // framing, a request too slow) itself, in plain text; answer in the API's shape.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, code] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request_too_large']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout']
          : [400, 'bad_request'];
    const body = JSON.stringify({ error: { code, message: `${STATUS_CODES[status]}: the request could not be read` } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((ok, fail) => {
        // Finish in-flight requests, refuse new ones, drop idle keep-alive sockets.
        server.close((err) => (err ? fail(err) : ok()));
        server.closeIdleConnections();
      }),
  };
}
