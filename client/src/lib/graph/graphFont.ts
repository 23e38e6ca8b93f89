// The graph's labels are drawn in a font shipped with the client (Noto Sans,
// latin, regular and bold: 13 kB each, from @fontsource/noto-sans), not in
// whatever sans-serif the browser has: a label then measures the same in every
// browser, so the boxes fcose lays out, the recorded first layouts
// (firstLayouts.ts) and the wrapping of labels are those of the recording machine.
// The page preloads both files (client/vite.config.ts); the graph waits for them
// before it measures a label, or for FONT_WAIT_MS at most (then the fallback fonts of
// GRAPH_FONT measure, and the record's positions are used all the same).
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import { LABEL_PX } from './stylesheet.ts';

export const GRAPH_FONT_FAMILY = 'Noto Sans';

const FONT_WAIT_MS = 1000;

/** Resolves once the graph's font is loaded (regular and bold), or after FONT_WAIT_MS. */
export function graphFontReady(): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return Promise.resolve();
  const loads = [`${LABEL_PX}px "${GRAPH_FONT_FAMILY}"`, `bold ${LABEL_PX}px "${GRAPH_FONT_FAMILY}"`].map((font) => document.fonts.load(font));
  return Promise.race([Promise.all(loads).then(() => undefined), new Promise<void>((done) => setTimeout(done, FONT_WAIT_MS))]).catch(() => undefined);
}
