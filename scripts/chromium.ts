// The headless Chromium that the browser tests (test/e2e) and the bench (bench/ui-phase.ts)
// drive: Debian's, or CHROMIUM_PATH, started with the same flags by both. This module imports
// nothing but playwright-core, so the bench can use it without pulling in vitest.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (containers run as root), no GPU, and none of the background traffic of a desktop browser. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
