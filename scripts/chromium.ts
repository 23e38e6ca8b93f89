// The headless Chromium that the browser tests (test/e2e) and the bench (bench/ui-phase.ts)
// drive: Debian's, or CHROMIUM_PATH, started with the same flags by both. This module imports
// nothing but playwright-core (and node's own modules), so the bench can use it without pulling in vitest.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * The fonts of the browser: the machine's, or `other`, a set-up unlike it (fontconfig told to
 * prefer DejaVu Serif for every family: system-ui and sans-serif measure otherwise), as on a
 * user's machine whose fonts are not the recording machine's.
 */
export type FontSetup = 'machine' | 'other';

/** The environment that gives Chromium the `other` fonts: a fontconfig file of its own. */
function otherFontsEnv(): Record<string, string> {
  const dir = join(tmpdir(), 'secretum-other-fonts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
  <match target="pattern"><edit name="family" mode="prepend" binding="strong"><string>DejaVu Serif</string></edit></match>
</fontconfig>
`,
  );
  return { ...(process.env as Record<string, string>), FONTCONFIG_FILE: file };
}

export function launchChromium(fonts: FontSetup = 'machine'): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...(fonts === 'other' ? { env: otherFontsEnv() } : {}) });
}
