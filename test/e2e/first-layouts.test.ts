// Each mode's default view is drawn at once on a layout fcose produced for it
// when it was recorded (client/src/lib/graph/firstLayouts.ts), not laid out
// again. When the graph or a label changes, the record no longer fits, the
// view is laid out by fcose as any other, and this test says to record again:
// `npm run layouts:record` (UPDATE_FIRST_LAYOUTS=1) lays each view out
// RECORD_RUNS times with fcose in Chromium and keeps the layout whose nodes
// (shape and label) overlap least, then the smallest.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import recorded from '../../client/src/lib/graph/firstLayouts.json';
import type { RecordedLayout } from '../../client/src/lib/graph/firstLayouts.ts';
import { GRAPH_FONT } from '../../client/src/lib/graph/stylesheet.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { DEFAULT_VIEWS, graphDrawn, type DefaultView } from './support/readability.ts';

const RECORD = process.env.UPDATE_FIRST_LAYOUTS === '1';
const RECORD_RUNS = 8;
const RECORD_FILE = resolve(import.meta.dirname, '../../client/src/lib/graph/firstLayouts.json');

/** The default views drawn with the force layout (Évaluer, Formation and the overview are layered, and fast without a record). */
const VIEWS = DEFAULT_VIEWS.filter((view) => view.layout === 'force');

type Entry = RecordedLayout & { fromRecord: boolean };

/** The width this browser gives a label in the graph's font: the record fits only where labels measure as they did when it was made. */
function fontProbe(page: Page): Promise<number> {
  return page.evaluate((font) => {
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `12px ${font}`;
    return Math.round(context.measureText('Dépositaire, par état ou par profession, des secrets qu’on lui confie').width * 100) / 100;
  }, GRAPH_FONT);
}

/** How crowded a drawn layout is: node boxes (label included) that overlap, and the area of the whole. */
function crowding(page: Page, graph: RegExp): Promise<{ overlaps: number; area: number }> {
  return page.getByRole('img', { name: graph }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const boxes = cy.nodes().map((node) => node.boundingBox());
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++;
      }
    }
    const all = cy.nodes().boundingBox();
    return { overlaps, area: all.w * all.h };
  });
}

/** Opens a view and answers the fresh layouts it ran until drawn, and how crowded the drawing is. */
async function drawView(page: Page, url: string, view: DefaultView, bypass: boolean): Promise<{ entries: Entry[]; overlaps: number; area: number }> {
  await page.addInitScript((bypassRecord) => {
    (globalThis as { __secretumLayouts?: unknown }).__secretumLayouts = Object.assign([], { bypass: bypassRecord });
  }, bypass);
  await page.goto(url + view.path);
  await graphDrawn(page, view.graph);
  const entries = await page.evaluate(() => [...(globalThis as unknown as { __secretumLayouts: Entry[] }).__secretumLayouts]);
  // A lone node drawn while its neighbours load (it happens, or not, by timing) has nothing to lay out.
  return { entries: entries.filter((entry) => Object.keys(entry.positions).length > 1), ...(await crowding(page, view.graph)) };
}

describeInBrowser('First layouts of the default views', () => {
  const browserApp = useBrowserApp();

  it.runIf(!RECORD)('draws each default view on its recorded layout, without running fcose (else: npm run layouts:record)', async () => {
    const fromRecord: Record<string, boolean[]> = {};
    let probe = 0;
    for (const view of VIEWS) {
      const page = await browserApp.newPage();
      const { entries } = await drawView(page, browserApp.url, view, false);
      fromRecord[view.mode] = entries.map((entry) => entry.fromRecord);
      probe = await fontProbe(page);
      await page.context().close();
    }
    const recordedProbe = (recorded as { fontProbe?: number }).fontProbe;
    // Where labels measure otherwise (other fonts), no record fits: each view is laid out by fcose, as any other.
    const sameFonts = probe === recordedProbe;
    if (!sameFonts)
      console.warn(
        `\n*** first layouts recorded with other fonts (label probe ${recordedProbe} px, here ${probe} px): checking that fcose lays the views out instead\n`,
      );
    // One fresh layout of several nodes per view, and it is the record's.
    expect(fromRecord).toEqual(Object.fromEntries(VIEWS.map((view) => [view.mode, [sameFonts]])));
  });

  it.runIf(RECORD)(`records for each default view the least crowded of ${RECORD_RUNS} fcose layouts`, async () => {
    const layouts: RecordedLayout[] = [];
    let probe = 0;
    for (const view of VIEWS) {
      let best: { entry: Entry; overlaps: number; area: number } | undefined;
      for (let run = 0; run < RECORD_RUNS; run++) {
        const page = await browserApp.newPage();
        const { entries, overlaps, area } = await drawView(page, browserApp.url, view, true);
        probe = await fontProbe(page);
        await page.context().close();
        expect(
          entries.map((e) => e.key),
          `${view.mode}: one fresh force layout`,
        ).toHaveLength(1);
        if (!best || overlaps < best.overlaps || (overlaps === best.overlaps && area < best.area)) best = { entry: entries[0]!, overlaps, area };
      }
      console.log(`${view.mode}: kept a layout with ${best!.overlaps} overlapping node boxes, ${Math.round(best!.area / 1000)}k px²`);
      layouts.push({ key: best!.entry.key, positions: best!.entry.positions });
    }
    layouts.sort((a, b) => a.key.localeCompare(b.key));
    writeFileSync(RECORD_FILE, `{ "fontProbe": ${probe}, "layouts": [\n${layouts.map((layout) => '  ' + JSON.stringify(layout)).join(',\n')}\n] }\n`);
  });
});
