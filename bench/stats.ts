// Latency summaries: percentiles over every call, and the spread of the
// per-round medians, so a reader sees both the figure and how much it moved.

export interface LatencySummary {
  calls: number;
  errors: number;
  /** ms */
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** lowest and highest per-round p50 and p99 (ms) */
  roundP50: [number, number];
  roundP99: [number, number];
  /** true when the time cap stopped the series before every planned call ran */
  capped: boolean;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function summarise(rounds: number[][], errors: number, capped: boolean): LatencySummary {
  const all = rounds.flat().sort((a, b) => a - b);
  const perRound = rounds.filter((r) => r.length).map((r) => [...r].sort((a, b) => a - b));
  const range = (p: number): [number, number] => {
    const values = perRound.map((r) => percentile(r, p));
    return [round3(Math.min(...values)), round3(Math.max(...values))];
  };
  return {
    calls: all.length,
    errors,
    p50: round3(percentile(all, 50)),
    p99: round3(percentile(all, 99)),
    mean: round3(all.reduce((a, b) => a + b, 0) / (all.length || 1)),
    max: round3(all[all.length - 1] ?? NaN),
    roundP50: range(50),
    roundP99: range(99),
    capped,
  };
}
