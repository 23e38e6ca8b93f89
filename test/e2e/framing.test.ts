// Framing (issue 26): the graph is never drawn with labels too small to read,
// neither at first nor after « Ajuster »; when the whole cannot be shown at a
// readable size, what matters (the selection, the route) is framed, and the
// view says that the rest is outside and offers the overview. Évaluer's
// routes, 25 nodes in layers, do not fit its 500 px column at 12 px: the route
// the verdict rests on is framed, from the profession to the recipient.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Assessment } from '../../client/src/lib/types.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { DEFAULT_VIEWS, graphDrawn, nodesOutside, smallestLabel } from './support/readability.ts';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/** Ids of the nodes drawn with a class among `classes`. */
function nodesWith(page: Page, graph: RegExp, selector: string): Promise<string[]> {
  return page.getByRole('img', { name: graph }).evaluate((element, s) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.nodes(s).map((n) => n.id());
  }, selector);
}

async function ajuster(page: Page, graph: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Ajuster' }).click();
  await page.getByRole('img', { name: graph }).evaluate(
    (element) =>
      new Promise<void>((done) => {
        const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
        const wait = () => (cy.animated() ? setTimeout(wait, 50) : done());
        setTimeout(wait, 50);
      }),
  );
}

/** The route the verdict rests on, as a reader of the answer finds it: the first open route of the verdict's effect. */
function decidingSpine(answer: Assessment, profession: string): string[] {
  const effect = answer.verdict === 'required' ? 'requires' : 'permits';
  const route = answer.routes.find((r) => r.status === 'open' && r.effect === effect) ?? answer.routes.find((r) => r.status === 'open');
  if (!route) throw new Error('the situation has no open route');
  const articles = route.elements.edges.filter((e) => e.type === 'ESTABLISHES' && e.target === route.exception.id).map((e) => e.source);
  return [profession, ...articles, route.exception.id, route.recipient.id];
}

describeInBrowser('Framing the graph', () => {
  const app = useBrowserApp();
  const explorer = DEFAULT_VIEWS.find((v) => v.mode === 'explorer')!;
  const evaluer = DEFAULT_VIEWS.find((v) => v.mode === 'evaluer')!;

  for (const size of SIZES) {
    it(`keeps labels at 12 px or more after « Ajuster » in the explorer and in Évaluer at ${size.width}×${size.height}`, async () => {
      const page = await app.newPage();
      await page.setViewportSize(size);
      for (const view of [explorer, evaluer]) {
        await page.goto(app.url + view.path);
        await graphDrawn(page, view.graph);
        await ajuster(page, view.graph);
        const { px, labels } = await smallestLabel(page, view.graph);
        expect(labels, view.mode).toBeGreaterThan(0);
        expect(px, view.mode).toBeGreaterThanOrEqual(12);
      }
    });

    it(`frames the route the verdict rests on in Évaluer at ${size.width}×${size.height}, its exception in the column and the whole route from the profession to the recipient on « Agrandir le graphe », before and after « Ajuster »`, async () => {
      const page = await app.newPage();
      await page.setViewportSize(size);
      await page.goto(app.url + evaluer.path);
      await graphDrawn(page, evaluer.graph);
      const answer = await app.api<Assessment>('/api/assess', {
        profession: 'tms',
        recipient: 'saj',
        facts: { child_maltreatment_situation: true, professional_context: true },
      });
      const spine = decidingSpine(answer, 'tms');
      const drawn = await nodesWith(page, evaluer.graph, spine.map((id) => `[id = "${id}"]`).join(', '));
      expect(drawn.length).toBeGreaterThanOrEqual(3);
      // In its column, what must show: the exception and its articles; the note offers the rest.
      expect(await nodesOutside(page, evaluer.graph, spine.slice(1, -1))).toEqual([]);
      const outside = await nodesOutside(page, evaluer.graph, spine);
      if (outside.length) await page.getByRole('button', { name: 'Voir toute la voie, graphe agrandi' }).click();
      else await page.getByRole('button', { name: 'Agrandir le graphe' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Agrandir le graphe' }).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => nodesOutside(page, evaluer.graph, spine)).toEqual([]);
      await ajuster(page, evaluer.graph);
      expect(await nodesOutside(page, evaluer.graph, spine)).toEqual([]);
      expect((await smallestLabel(page, evaluer.graph)).px).toBeGreaterThanOrEqual(12);
      // Back to the column: the verdict is there again.
      await page.getByRole('button', { name: 'Agrandir le graphe' }).click();
      await page.getByText('VERDICT', { exact: false }).first().waitFor();
    });

    it(`frames the selection in the explorer at ${size.width}×${size.height}, and says what is left outside with the overview at hand`, async () => {
      const page = await app.newPage();
      await page.setViewportSize(size);
      await page.goto(app.url + explorer.path);
      await graphDrawn(page, explorer.graph);
      const selected = await nodesWith(page, explorer.graph, ':selected');
      expect(selected).toHaveLength(1);
      expect(await nodesOutside(page, explorer.graph, selected)).toEqual([]);
      const outside = await nodesOutside(page, explorer.graph);
      if (outside.length) {
        await page.getByText(`${outside.length} nœuds sont hors du cadre`, { exact: false }).waitFor();
        await page.getByRole('button', { name: 'Vue d’ensemble du droit' }).click();
        await graphDrawn(page, /Vue d’ensemble du droit/);
      }
    });
  }
});
