// Answers of the read endpoints depend only on their checked input and on the
// graph: kept serialised, under the graph's version, they are sent again as
// bytes — no route finding, no JSON.stringify, an ETag computed once. A new
// graph version empties the cache. Bounded in bytes, least recently used out.
import { createHash } from 'node:crypto';

export interface CachedAnswer {
  body: Buffer;
  /** strong validator: the same bytes, the same tag */
  etag: string;
}

export interface AnswerCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

/** JSON with object keys sorted at every level: equal inputs give equal keys whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function toCachedAnswer(value: unknown): CachedAnswer {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

export class AnswerCache {
  private entries = new Map<string, Promise<CachedAnswer>>();
  private sizes = new Map<string, number>();
  private bytes = 0;
  private version?: string;
  private hits = 0;
  private misses = 0;

  /** @param maxBytes 0 turns the cache off: every answer is computed */
  constructor(private readonly maxBytes: number) {}

  /**
   * The answer for `key` under graph `version`: the kept one, or `compute`'s,
   * kept if it fits. Concurrent requests for the same key share one computation;
   * a failure is never kept.
   */
  async get(version: string, key: string, compute: () => Promise<unknown>): Promise<CachedAnswer> {
    if (this.maxBytes <= 0) return toCachedAnswer(await compute());
    if (version !== this.version) this.clear(version);
    const kept = this.entries.get(key);
    if (kept) {
      this.hits++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    this.misses++;
    const computing = compute().then(toCachedAnswer);
    this.entries.set(key, computing);
    computing.then(
      (answer) => this.admit(version, key, computing, answer.body.length),
      () => this.entries.get(key) === computing && this.entries.delete(key),
    );
    return computing;
  }

  stats(): AnswerCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  private admit(version: string, key: string, computing: Promise<CachedAnswer>, size: number): void {
    // Emptied (new version) or replaced while computing: nothing to account for.
    if (version !== this.version || this.entries.get(key) !== computing) return;
    // One answer may take at most a quarter of the cache.
    if (size > this.maxBytes / 4) {
      this.entries.delete(key);
      return;
    }
    this.sizes.set(key, size);
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      const oldSize = this.sizes.get(oldest);
      if (oldSize === undefined) continue; // still computing
      this.entries.delete(oldest);
      this.sizes.delete(oldest);
      this.bytes -= oldSize;
    }
  }

  private clear(version: string): void {
    this.entries = new Map();
    this.sizes = new Map();
    this.bytes = 0;
    this.version = version;
  }
}
