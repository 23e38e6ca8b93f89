// One driver per process, verified at start; driver errors mapped to ours at
// the boundary, so nothing outside server/store/neo4j/ sees neo4j-driver.
import neo4j, { type Driver, type QueryResult } from 'neo4j-driver';
import { EngineUnavailableError } from '../../schema/errors.ts';

export interface Neo4jConnection {
  uri: string;
  user?: string;
  password?: string;
  /**
   * Timeout of each read transaction (default 30 s). It counts from the
   * transaction's start, after the wait in the queue: with at most
   * `maxInFlight` transactions sharing the server, it is sized for that share
   * of its CPU on a busy machine, not for one call alone.
   */
  queryTimeoutMs?: number;
  /** connections the driver may open (default 100, the driver's own default) */
  maxConnectionPoolSize?: number;
  /** questions run at once (default 16, at most the pool size); the others wait in the queue */
  maxInFlight?: number;
  /** questions waiting before new ones are answered 503 (default 2,000) */
  maxQueued?: number;
  /** how long a transaction waits for a pooled connection, or a routing table, before 503 (default 5 s: fail fast when the server is down) */
  acquisitionTimeoutMs?: number;
  /**
   * How long the graph version read from the database is trusted (default 1000 ms):
   * cached answers are served without a round trip meanwhile. A load by another
   * process shows within this time; a load through the same driver at once.
   */
  versionTtlMs?: number;
}

export const DEFAULT_POOL_SIZE = 100;

/** bolt:// and neo4j:// (routing: a cluster or Aura), with +s / +ssc for TLS: the driver reads it all from the URI. */
export function createDriver(connection: Neo4jConnection): Driver {
  // A server with authentication off accepts any credentials.
  const auth = neo4j.auth.basic(connection.user ?? 'neo4j', connection.password ?? '');
  return neo4j.driver(connection.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: connection.maxConnectionPoolSize ?? DEFAULT_POOL_SIZE,
    // Fail fast when the server is down: the API answers 503 and the client retries.
    maxTransactionRetryTime: 2_000,
    connectionAcquisitionTimeout: connection.acquisitionTimeoutMs ?? 5_000,
    connectionTimeout: 3_000,
    logging: { level: 'error', logger: () => {} },
  });
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * Every pooled connection busy past connectionAcquisitionTimeout: the server is
 * overloaded, not broken. The driver gives this error no code, only its message.
 */
const POOL_EXHAUSTED = /^Connection acquisition timed out/;

/** Driver failures that mean "not now" become EngineUnavailableError (503); the rest stay as they are. */
export function mapDriverError(err: unknown): unknown {
  const code = (err as { code?: string })?.code;
  if ((code && UNAVAILABLE_CODES.has(code)) || neo4j.isRetryableError(err as Error) || POOL_EXHAUSTED.test((err as Error)?.message ?? '')) {
    return new EngineUnavailableError(`Neo4j is unavailable: ${(err as Error).message}`, { cause: err });
  }
  return err;
}

export async function withDriverErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw mapDriverError(err);
  }
}

/** First column of every row, as plain JSON (integers are numbers: disableLosslessIntegers). */
export function column<T>(result: QueryResult, key: string): T[] {
  return result.records.map((record) => record.get(key) as T);
}
