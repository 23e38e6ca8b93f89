// Work that no first view waits for (the list of named reforms, asked for by
// « Et si… ? » in every node's detail) is started once the page is idle, not
// beside the requests and drawing of the first view (issue 26).

/** Runs `work` when the browser is idle (at the latest after `timeoutMs`); answers a function that cancels it. */
export function whenIdle(work: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 200);
  return () => clearTimeout(timer);
}
