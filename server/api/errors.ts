// One place maps every failure to `{ error: { code, message } }` and a status.
// Bad input is always a 4xx; a 500 means a bug of ours, never the caller's.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { EngineUnavailableError, InvalidInputError, InvalidReformError, NotFoundError } from '../schema/errors.ts';
import type { ApiError } from '../schema/api.ts';
import { requestId } from './requestLog.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

/** Zod issues as `field: message` pairs, the field as a dotted path prefixed by where it came from. */
export function invalidInput(where: 'body' | 'query' | 'params', error: z.ZodError): HttpError {
  const fields = error.issues
    .map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      return keys.map((key) => ({
        field: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join('.') || where,
        message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
      }));
    })
    .flat();
  return new HttpError(400, 'invalid_request', `invalid ${where}: ${fields.map((f) => `${f.field} (${f.message})`).join(', ')}`, fields);
}

function toHttpError(err: unknown, inBody: boolean): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof NotFoundError) {
    const field = err.field.replace(/[^a-z0-9]+/gi, '_');
    return new HttpError(inBody ? 400 : 404, `unknown_${field}`, err.message, [{ field: err.field, message: err.message }]);
  }
  if (err instanceof InvalidInputError) {
    return new HttpError(400, 'invalid_request', err.message, [{ field: err.field, message: err.message }]);
  }
  if (err instanceof InvalidReformError) {
    return new HttpError(
      422,
      'invalid_reform',
      err.message,
      err.problems.map((p) => ({ field: p.record ?? 'changes', message: p.message })),
    );
  }
  if (err instanceof EngineUnavailableError) return new HttpError(503, 'engine_unavailable', err.message);
  const status = (err as { status?: number; statusCode?: number })?.status ?? (err as { statusCode?: number })?.statusCode;
  const type = (err as { type?: string })?.type;
  if (type === 'entity.parse.failed') return new HttpError(400, 'malformed_json', 'the request body is not valid JSON');
  if (type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'the request body is too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new HttpError(415, 'unsupported_encoding', String((err as Error).message));
  if (typeof status === 'number' && status >= 400 && status < 500) return new HttpError(status, 'bad_request', String((err as Error).message));
  return new HttpError(500, 'internal', 'internal error');
}

export const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const inBody = req.method === 'POST';
    const http = toHttpError(err, inBody);
    if (http.status >= 500) logger.error({ err, reqId: requestId(res) }, 'request failed');
    if (http.status === 503) res.setHeader('Retry-After', '5');
    const payload: ApiError = { error: { code: http.code, message: http.message, ...(http.fields ? { fields: http.fields } : {}) } };
    if (res.headersSent) return;
    res.status(http.status).json(payload);
  };

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no route ${req.method} ${req.originalUrl.split('?')[0].slice(0, 200)}`));
};
