// Errors that carry their HTTP meaning, so one middleware can map them and
// no handler needs to know status codes.

/** An id that names nothing in the graph (404 for a path parameter, 400 for a body field). */
export class NotFoundError extends Error {
  constructor(
    readonly field: string,
    readonly id: string,
    readonly expected?: string,
  ) {
    super(`${field}: no ${expected ?? 'node'} with id "${id}"`);
    this.name = 'NotFoundError';
  }
}

/** Input that is well-formed but makes no sense for the question asked. */
export class InvalidInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidInputError';
  }
}

/** The engine behind the store cannot answer now (Neo4j down); worth retrying. */
export class EngineUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineUnavailableError';
  }
}

/** A reform that would leave the graph invalid: validateGraph's problems, each with the record it is about. */
export class InvalidReformError extends Error {
  constructor(readonly problems: { record?: string; message: string }[]) {
    super(`the reform leaves the graph invalid: ${problems.map((p) => `${p.record ? `[${p.record}] ` : ''}${p.message}`).join('; ')}`);
    this.name = 'InvalidReformError';
  }
}
