// Framing a route whole (review 2026-12-07 late, N1, N2, N8): Formation full
// screen frames the current relation's two ends at the presenter's 20 px, and
// as much of the walked route as fits; the current label, grown as it becomes
// « current », is drawn at its new size; the explorer's path finder and « À
// qui »'s « Voir » frame their route at 12 px on a 1280×720 projector.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { graphDrawn, nodesOutside, smallestLabel } from './support/readability.ts';

const FORMATION = /Le chemin sur le graphe/;
/** The presenter's readable size (QuizView's PRESENTER_LABEL_PX). */
const PRESENTER_LABEL_PX = 20;

type Cy = import('cytoscape').Core;

/** Waits until the graph's viewport has stopped moving (framing is animated). */
async function settled(page: Page, name: RegExp): Promise<void> {
  await graphDrawn(page, name);
  await page.getByRole('img', { name }).evaluate(
    (element) =>
      new Promise<void>((done) => {
        const cy = (element as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
        let last = '';
        const check = () => {
          const now = JSON.stringify([cy.zoom(), cy.pan()]);
          if (now === last && !cy.animated()) return done();
          last = now;
          setTimeout(check, 150);
        };
        check();
      }),
  );
}

/** The current step's relation, its two ends, and every node walked so far. */
function walk(page: Page): Promise<{ ends: string[]; walked: string[] }> {
  return page.getByRole('img', { name: FORMATION }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
    const edges = cy.edges('.current');
    const ends = edges.connectedNodes().union(cy.nodes('.current'));
    return { ends: ends.map((n) => n.id()), walked: cy.nodes('.current, .visited, .traced').map((n) => n.id()) };
  });
}

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByText(/^Étape \d+ sur \d+$/).textContent();
  return Number(/sur (\d+)/.exec(text!)![1]);
}

async function enterFullScreen(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Plein écran' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
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
});
