// Loads and stores of one process share a driver: a load through it tells the
// stores at once that their cached version is stale. A load by another process
// (npm run db:load beside a running server) shows within the version's TTL.
import type { Driver } from 'neo4j-driver';

const listeners = new WeakMap<Driver, Set<() => void>>();

export function onGraphReplaced(driver: Driver, listener: () => void): () => void {
  let set = listeners.get(driver);
  if (!set) listeners.set(driver, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

export function graphReplaced(driver: Driver): void {
  for (const listener of listeners.get(driver) ?? []) listener();
}
