// OpenAPI 3.1 generated from the endpoint table's zod schemas (JSON Schema
// 2020-12 is OpenAPI 3.1's dialect), never written by hand.
import { z } from 'zod';
import { ApiError } from '../schema/api.ts';
import type { Endpoint } from './endpoints.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    description: property.description,
    schema: property,
  }));
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input: the error names each invalid field',
  404: 'Unknown id or route: the error code names the field (e.g. unknown_profession)',
  413: 'Request body too large',
  422: 'The request is well-formed but its result would be invalid: the error lists the problems',
  429: 'Rate limit exceeded',
  503: 'Graph engine unavailable; retry after the Retry-After delay',
};

export function buildOpenApi(endpoints: readonly Endpoint[], version: string): JsonSchema {
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = e.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        content: {
          'application/json': { schema: jsonSchema(e.response, 'output') },
          ...(e.csv ? { 'text/csv': { schema: { type: 'string', description: 'the same answer as CSV' } } } : {}),
        },
      },
    };
    for (const status of [400, ...(e.errors ?? []), 429, 503].sort()) responses[status] = { description: STATUS_TEXT[status], ...error };
    paths[path] ??= {};
    paths[path][e.method] = {
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      operationId: `${e.method}${path.replace(/[^A-Za-z]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...parameters(e.params, 'path'), ...parameters(e.query, 'query')],
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(e.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Secretum API',
      version,
      description:
        'Graphe de connaissances du secret professionnel en droit belge (art. 458 Code pénal et ses exceptions). Aide à la réflexion, pas un avis juridique. Lecture seule.',
    },
    paths,
    components: { schemas: { ApiError: jsonSchema(ApiError, 'output') } },
  };
}
