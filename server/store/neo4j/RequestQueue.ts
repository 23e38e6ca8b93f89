// Overload becomes latency: at most `maxInFlight` questions run against Neo4j
// at once, the rest wait their turn in arrival order, and identical questions
// asked while one is waiting or running share its answer. Only a full queue
// refuses, with EngineUnavailableError (503 and Retry-After at the API).
import { EngineUnavailableError } from '../../schema/errors.ts';

export interface QueueLimits {
  /** questions running at once; at most the driver's connection pool */
  maxInFlight: number;
  /** questions waiting for a free slot before new ones are refused */
  maxQueued: number;
}

export class RequestQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly shared = new Map<string, Promise<unknown>>();

  constructor(private readonly limits: QueueLimits) {
    if (!(limits.maxInFlight >= 1) || !(limits.maxQueued >= 0)) throw new Error(`bad queue limits ${JSON.stringify(limits)}`);
  }

  /** What runs and what waits now: tests wait for these states instead of for time. */
  get state(): { inFlight: number; queued: number; distinct: number } {
    return { inFlight: this.running, queued: this.waiting.length, distinct: this.shared.size };
  }

  /** Runs `work` when a slot is free; a call with the key of one not yet settled gets that one's promise. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const same = this.shared.get(key);
    if (same) return same as Promise<T>;
    if (this.running >= this.limits.maxInFlight && this.waiting.length >= this.limits.maxQueued) {
      return Promise.reject(
        new EngineUnavailableError(`Neo4j is overloaded: ${this.running} questions running and ${this.waiting.length} waiting; retry later`),
      );
    }
    const answer = this.inTurn(work).finally(() => this.shared.delete(key));
    this.shared.set(key, answer);
    return answer;
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    // A slot is taken here, or handed over by the question that frees it.
    if (this.running < this.limits.maxInFlight) this.running++;
    else await new Promise<void>((turn) => this.waiting.push(turn));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
