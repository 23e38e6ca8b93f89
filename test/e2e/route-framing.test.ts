// Framing a route whole (review 2026-12-07 late, N1, N2, N8): Formation full
// screen frames the current relation's two ends at the presenter's 20 px, and
// as much of the walked route as fits; the current label, grown as it becomes
// « current », is drawn at its new size; the explorer's path finder and « À
// qui »'s « Voir » frame their route at 12 px on a 1280×720 projector (« Voir »
// from the route's start when it does not fit whole: review 2026-12-08, P1).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { PathsResult } from '../../client/src/lib/types.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { enterFullScreen, settled, stepCount } from './support/room.ts';
import { couldFit, graphDrawn, nodesOutside, smallestLabel } from './support/readability.ts';

const FORMATION = /Le chemin sur le graphe/;
/** The presenter's readable size (QuizView's PRESENTER_LABEL_PX). */
const PRESENTER_LABEL_PX = 20;

type Cy = import('cytoscape').Core;

/** The current step's relation, its two ends, and every node walked so far. */
function walk(page: Page): Promise<{ ends: string[]; walked: string[] }> {
  return page.getByRole('img', { name: FORMATION }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
    const edges = cy.edges('.current');
    const ends = edges.connectedNodes().union(cy.nodes('.current'));
    return { ends: ends.map((n) => n.id()), walked: cy.nodes('.current, .visited, .traced').map((n) => n.id()) };
  });
}

/** Node ids drawn with `selector`. */
function nodesWith(page: Page, name: RegExp, selector: string): Promise<string[]> {
  return page.getByRole('img', { name }).evaluate((element, s) => {
    const cy = (element as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
    return cy.nodes(s).map((n) => n.id());
  }, selector);
}

/** The current node's label as drawn: its box in the graph, and the size of the texture Cytoscape paints it from. */
function currentLabel(page: Page): Promise<{ id: string; w: number; h: number; font: number }> {
  return page.getByRole('img', { name: FORMATION }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
    const node = cy.nodes('.current').first();
    const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true } as never);
    return { id: node.id(), w: Math.round(box.w), h: Math.round(box.h), font: node.numericStyle('font-size') };
  });
}

describeInBrowser('Framing a route whole', () => {
  const app = useBrowserApp();

  const walks = [
    { example: 'sit-05-cpas-propos-terrorisme', answer: 'NON' },
    { example: 'sit-08-tms-saj', answer: 'OUI' },
  ];
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    for (const { example, answer } of walks) {
      it(`Formation full screen at ${size.width}×${size.height}, ${example} answered ${answer}: each step's relation has both ends inside, labels at 20 px, and the walked route as far as it fits`, async () => {
        const page = await app.newPage();
        await page.setViewportSize(size);
        await page.goto(`${app.url}/formation?exemple=${example}`);
        await page.getByRole('button', { name: 'Plein écran' }).waitFor();
        await enterFullScreen(page);
        await page.getByRole('button', { name: answer, exact: true }).click();
        await page.getByText(/^Étape 1 sur \d+$/).waitFor();
        const total = await stepCount(page);
        const problems: string[] = [];
        for (let step = 1; step <= total; step++) {
          await page.getByText(`Étape ${step} sur ${total}`).waitFor();
          await settled(page, FORMATION);
          const { ends, walked } = await walk(page);
          const outside = await nodesOutside(page, FORMATION, ends);
          if (outside.length) problems.push(`step ${step}: ${outside.join(', ')} of the current relation outside`);
          const { px } = await smallestLabel(page, FORMATION);
          if (px < PRESENTER_LABEL_PX - 0.01) problems.push(`step ${step}: labels at ${px.toFixed(1)} px`);
          // As much of the walk as fits: if some walked nodes are outside, the canvas could not hold more at 20 px.
          const walkedOutside = await nodesOutside(page, FORMATION, walked);
          if (walkedOutside.length) {
            const fits = await page.getByRole('img', { name: FORMATION }).evaluate((element, ids) => {
              const cy = (element as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
              const box = cy
                .nodes()
                .filter((n) => ids.includes(n.id()))
                .boundingBox();
              const zoom = 20 / 12;
              return box.w * zoom <= cy.width() - 24 && box.h * zoom <= cy.height() - 24;
            }, walked);
            if (fits) problems.push(`step ${step}: walked ${walkedOutside.join(', ')} outside though the walk fits at 20 px`);
          }
          if (step < total) await page.keyboard.press('PageDown');
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('draws the current label at its new size after PageDown in Formation, as when the step is loaded directly (1280×720, full screen)', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    const base = `${app.url}/formation?exemple=sit-08-tms-saj&reponse=oui`;
    await page.goto(`${base}&etape=10`);
    await page.getByRole('button', { name: 'Plein écran' }).waitFor();
    await enterFullScreen(page);
    await page.getByText(/^Étape 10 sur \d+$/).waitFor();
    await settled(page, FORMATION);
    const direct = await currentLabel(page);
    await page.goto(`${base}&etape=9`);
    await page.getByRole('button', { name: 'Plein écran' }).waitFor();
    await enterFullScreen(page);
    await page.getByText(/^Étape 9 sur \d+$/).waitFor();
    await settled(page, FORMATION);
    await page.keyboard.press('PageDown');
    await page.getByText(/^Étape 10 sur \d+$/).waitFor();
    await settled(page, FORMATION);
    expect(await currentLabel(page)).toEqual(direct);
  });

  const PROJECTOR = { width: 1280, height: 720 };

  it('frames the paths the explorer’s path finder found at 1280×720: every node of them inside with labels at 12 px, or as many as read and the rest counted', async () => {
    const GRAPH = /Graphe des dispositions/;
    const page = await app.newPage();
    await page.setViewportSize(PROJECTOR);
    const found = await app.api<PathsResult>('/api/paths?from=tms&to=saj');
    const onPaths = [...new Set(found.paths.flatMap((p) => p.nodes.map((n) => n.id)))];
    expect(onPaths.length).toBeGreaterThan(2);
    await page.goto(`${app.url}/explorer?noeud=cp-458&voisins=cp-458&de=tms&vers=saj`);
    await graphDrawn(page, GRAPH);
    await expect.poll(async () => (await nodesWith(page, GRAPH, '.open')).length).toBe(onPaths.length);
    await settled(page, GRAPH);
    expect((await smallestLabel(page, GRAPH)).px).toBeGreaterThanOrEqual(12);
    // The ends of the search show whenever the force layout has put them close enough to be read together.
    const ends = await nodesOutside(page, GRAPH, ['tms', 'saj']);
    if (ends.length) expect(await couldFit(page, GRAPH, ['tms', 'saj'], 12), `${ends.join(', ')} outside though both ends fit at 12 px`).toBe(false);
    const outside = await nodesOutside(page, GRAPH, onPaths);
    if (outside.length) {
      expect(await couldFit(page, GRAPH, onPaths, 12), `${outside.join(', ')} outside though the paths fit at 12 px`).toBe(false);
      const all = await nodesOutside(page, GRAPH);
      await page.getByText(`${all.length} nœud${all.length > 1 ? 's sont' : ' est'} hors du cadre`, { exact: false }).waitFor();
      // Of them, those of the paths (the re-check's NP1: « À qui » said it of its route, the explorer did not).
      await page.getByText(`dont ${outside.length} des chemins`, { exact: false }).waitFor();
    }
  });

  it('frames the route « Voir » shows in « À qui puis-je parler ? » at 1280×720: the route inside, or from its start (the profession), labels at 12 px', async () => {
    const GRAPH = /Destinataires et voies/;
    const page = await app.newPage();
    await page.setViewportSize(PROJECTOR);
    await page.goto(`${app.url}/a-qui-parler?profession=medecin`);
    await graphDrawn(page, GRAPH);
    await settled(page, GRAPH);
    await page
      .getByRole('button', { name: /Voir sur le graphe : .* vers Commission d.enquête parlementaire/ })
      .first()
      .click();
    await expect.poll(async () => (await nodesWith(page, GRAPH, '.open')).length).toBeGreaterThan(1);
    await settled(page, GRAPH);
    const route = await nodesWith(page, GRAPH, '.open');
    expect(await nodesWith(page, GRAPH, '.open[type = "Recipient"]')).toHaveLength(1);
    expect((await smallestLabel(page, GRAPH)).px).toBeGreaterThanOrEqual(12);
    expect(await nodesOutside(page, GRAPH, ['medecin'])).toEqual([]);
    const outside = await nodesOutside(page, GRAPH, route);
    if (outside.length) expect(await couldFit(page, GRAPH, route, 12), `${outside.join(', ')} outside though the route fits at 12 px`).toBe(false);
  });
});
