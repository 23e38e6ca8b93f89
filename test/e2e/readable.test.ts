// A graph a person can read: labels at 12 px or more on each mode's default
// view (desk and projector), a phone layout where no text leaves the screen or
// is squeezed, and no serious or critical axe-core finding at either width.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const VIEWS: { mode: string; path: string; graph: RegExp }[] = [
  { mode: 'explorer', path: '/explorer', graph: /Graphe des dispositions/ },
  {
    mode: 'evaluer',
    path: '/evaluer?profession=tms&destinataire=saj&faits=child_maltreatment_situation:oui,professional_context:oui',
    graph: /Voies de la situation/,
  },
  { mode: 'parler', path: '/a-qui-parler?profession=tms', graph: /Destinataires et voies/ },
  { mode: 'formation', path: '/formation?exemple=sit-05-cpas-propos-terrorisme&reponse=oui&etape=3', graph: /Le chemin sur le graphe/ },
];

/** Waits until the graph has nodes and its layout has ended and been fitted. */
async function graphDrawn(page: Page, name: RegExp): Promise<void> {
  const graph = page.getByRole('img', { name });
  await expect.poll(async () => Number(/(\d+) nœuds/.exec((await graph.getAttribute('aria-label')) ?? '')?.[1] ?? 0)).toBeGreaterThan(0);
  await expect.poll(() => graph.getAttribute('aria-busy')).toBe('false');
}

/** The smallest label on the graph as Cytoscape draws it: font size times zoom, in CSS pixels. */
async function smallestLabel(page: Page, name: RegExp): Promise<{ px: number; labels: number }> {
  return page.getByRole('img', { name }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const labelled = cy.nodes(':visible').filter((n) => String(n.style('label')).length > 0);
    const sizes = labelled.map((n) => n.numericStyle('font-size') * cy.zoom());
    return { px: Math.min(...sizes), labels: sizes.length };
  });
}

/** Texts outside the viewport, or wrapped into a column too narrow to read. */
async function misplacedTexts(page: Page): Promise<string[]> {
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

async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(await AXE_SOURCE);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describeInBrowser('A graph a person can read', () => {
  const app = useBrowserApp();

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    for (const view of VIEWS) {
      it(`draws every label of the ${view.mode} default view at 12 px or more at ${size.width}×${size.height}`, async () => {
        const page = await app.newPage();
        await page.setViewportSize(size);
        await page.goto(app.url + view.path);
        await graphDrawn(page, view.graph);
        const { px, labels } = await smallestLabel(page, view.graph);
        expect(labels).toBeGreaterThan(0);
        expect(px).toBeGreaterThanOrEqual(12);
      });
    }
  }

  for (const view of VIEWS) {
    it(`lays the ${view.mode} mode out in one column at 390×844, no text outside the screen or squeezed, the graph on demand full width`, async () => {
      const page = await app.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(app.url + view.path);
      const show = page.getByRole('button', { name: /Afficher le graphe/ });
      await show.waitFor();
      await page.waitForLoadState('networkidle');
      expect(await misplacedTexts(page)).toEqual([]);

      await show.click();
      await graphDrawn(page, view.graph);
      const box = (await page.getByRole('img', { name: view.graph }).boundingBox())!;
      expect(box.width).toBeGreaterThan(390 * 0.9);
      expect(await misplacedTexts(page)).toEqual([]);
    });
  }

  for (const width of [1440, 390]) {
    it(`has no serious or critical axe-core finding in any mode at ${width} px`, async () => {
      const page = await app.newPage();
      await page.setViewportSize({ width, height: width > 720 ? 900 : 844 });
      const findings: Record<string, string[]> = {};
      for (const view of VIEWS) {
        await page.goto(app.url + view.path);
        if (width > 720) await graphDrawn(page, view.graph);
        else await page.getByRole('button', { name: /Afficher le graphe/ }).waitFor();
        findings[view.mode] = await axeFindings(page);
      }
      expect(findings).toEqual({ explorer: [], evaluer: [], parler: [], formation: [] });
      // Four modes and four axe runs: minutes on a busy 2-core machine, and the outcome must not depend on it.
    }, 240_000);
  }
});
