// How a person reads a page, measured in the browser: the graph drawn and
// fitted, its smallest label in CSS pixels, texts that leave the screen or are
// squeezed, and axe-core's serious and critical findings.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface DefaultView {
  mode: string;
  path: string;
  /** the accessible name of the mode's graph */
  graph: RegExp;
  /** how the view is first laid out: force views are drawn on a recorded layout (test/e2e/first-layouts.test.ts) */
  layout: 'force' | 'layered';
}

/** Each mode's default view: what a person sees first there. */
export const DEFAULT_VIEWS: DefaultView[] = [
  { mode: 'explorer', path: '/explorer', graph: /Graphe des dispositions/, layout: 'force' },
  {
    mode: 'evaluer',
    path: '/evaluer?profession=tms&destinataire=saj&faits=child_maltreatment_situation:oui,professional_context:oui',
    graph: /Voies de la situation/,
    layout: 'layered',
  },
  { mode: 'parler', path: '/a-qui-parler?profession=tms', graph: /Destinataires et voies/, layout: 'force' },
  { mode: 'formation', path: '/formation?exemple=sit-05-cpas-propos-terrorisme&reponse=oui&etape=3', graph: /Le chemin sur le graphe/, layout: 'layered' },
  { mode: 'vue d’ensemble', path: '/explorer?vue=ensemble', graph: /Vue d’ensemble du droit/, layout: 'layered' },
];

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Waits until the graph has nodes and its layout has ended and been fitted. */
export async function graphDrawn(page: Page, name: RegExp): Promise<void> {
  const graph = page.getByRole('img', { name });
  // A busy 2-core machine draws a first view in seconds, not in expect.poll's default second.
  const patience = { timeout: 30_000 };
  await expect.poll(async () => Number(/(\d+) nœuds/.exec((await graph.getAttribute('aria-label')) ?? '')?.[1] ?? 0), patience).toBeGreaterThan(0);
  await expect.poll(() => graph.getAttribute('aria-busy'), patience).toBe('false');
}

/** The smallest label on the graph as Cytoscape draws it: font size times zoom, in CSS pixels. */
export async function smallestLabel(page: Page, name: RegExp): Promise<{ px: number; labels: number }> {
  return page.getByRole('img', { name }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const labelled = cy.nodes(':visible').filter((n) => String(n.style('label')).length > 0);
    const sizes = labelled.map((n) => n.numericStyle('font-size') * cy.zoom());
    return { px: Math.min(...sizes), labels: sizes.length };
  });
}

/** Texts outside the viewport, or wrapped into a column too narrow to read. */
export async function misplacedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const content = (text.textContent ?? '').trim();
      if (!content) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      const rect = range.getBoundingClientRect();
      // Not rendered (closed <details>, display: none); for screen readers only (a 1 px clipped box);
      // the skip link, off screen until it takes focus.
      if (rect.width === 0) continue;
      const parent = text.parentElement!;
      const box = parent.getBoundingClientRect();
      if ((box.width <= 1 && box.height <= 1) || parent.closest('a[href="#main"]')) continue;
      const where = `« ${content.slice(0, 40)} » (${Math.round(rect.left)}–${Math.round(rect.right)} px, ${Math.round(rect.width)} px wide)`;
      if (rect.left < -0.5 || rect.right > innerWidth + 0.5) problems.push(`outside: ${where}`);
      else if (content.length > 12 && rect.width < 64) problems.push(`squeezed: ${where}`);
    }
    if (document.documentElement.scrollWidth > innerWidth) problems.push(`page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    return problems;
  });
}

export async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(await AXE_SOURCE);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the drawing (nodes, labels, edges) passes the canvas's edges at the current zoom, in CSS pixels (0: it all shows). */
export async function drawingOverflow(page: Page, name: RegExp): Promise<number> {
  return page.getByRole('img', { name }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const box = cy.elements(':visible').renderedBoundingBox();
    return Math.max(0, -box.x1, -box.y1, box.x2 - cy.width(), box.y2 - cy.height());
  });
}

/** The nodes (of `ids`, or all) whose shape or label is drawn past the canvas's edges at the current zoom. */
export async function nodesOutside(page: Page, name: RegExp, ids?: string[]): Promise<string[]> {
  return page.getByRole('img', { name }).evaluate((element, wanted) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const nodes = cy.nodes(':visible').filter((n) => !wanted || wanted.includes(n.id()));
    return nodes
      .filter((n) => {
        const box = n.renderedBoundingBox();
        return box.x1 < -0.5 || box.y1 < -0.5 || box.x2 > cy.width() + 0.5 || box.y2 > cy.height() + 0.5;
      })
      .map((n) => n.id());
  }, ids);
}

/** Whether the nodes `ids` could all be drawn inside the canvas with labels at `px` (their box at that zoom, 12 px of margin). */
export function couldFit(page: Page, name: RegExp, ids: string[], px: number): Promise<boolean> {
  return page.getByRole('img', { name }).evaluate(
    (element, [wanted, size]) => {
      const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
      const box = cy
        .nodes()
        .filter((n) => wanted.includes(n.id()))
        .boundingBox();
      const zoom = size / 12;
      return box.w * zoom <= cy.width() - 24 && box.h * zoom <= cy.height() - 24;
    },
    [ids, px] as const,
  );
}
