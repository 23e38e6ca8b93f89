// Formation in front of a room (issue 26): on a 1280×720 projector, windowed
// and full screen, each step of the route is framed with labels a room can
// read, the brochure's answer and the verdict show without an inner scroll
// box, a clicker steps through, and a failed answer can be tried again.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { EMPHASIS_COLOURS } from '../../client/src/lib/graph/nodeStyles.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { enterFullScreen, settled, stepCount } from './support/room.ts';
import { graphDrawn, nodesOutside, smallestLabel } from './support/readability.ts';

const GRAPH = /Le chemin sur le graphe/;
const PROJECTOR = { width: 1280, height: 720 };

/** The nodes of the current step: its node and what it folds in (an IS_A chain). */
function currentStepIds(page: Page): Promise<string[]> {
  return page.getByRole('img', { name: GRAPH }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.nodes('.current').map((n) => n.id());
  });
}

describeInBrowser('Formation in front of a room', () => {
  const app = useBrowserApp();

  for (const fullScreen of [false, true]) {
    for (const example of ['sit-05-cpas-propos-terrorisme', 'sit-08-tms-saj']) {
      it(`frames every step of ${example} at 1280×720 ${fullScreen ? 'full screen' : 'windowed'}: the step inside the graph, labels at 20 px or more`, async () => {
        const page = await app.newPage();
        await page.setViewportSize(PROJECTOR);
        await page.goto(`${app.url}/formation?exemple=${example}&reponse=oui`);
        await page.getByText(/^Étape 1 sur \d+$/).waitFor();
        if (fullScreen) await enterFullScreen(page);
        const total = await stepCount(page);
        const problems: string[] = [];
        for (let step = 1; step <= total; step++) {
          await page.getByText(`Étape ${step} sur ${total}`).waitFor();
          await settled(page, GRAPH);
          const ids = await currentStepIds(page);
          const outside = await nodesOutside(page, GRAPH, ids);
          const { px } = await smallestLabel(page, GRAPH);
          if (outside.length) problems.push(`step ${step}: ${outside.join(', ')} outside the graph`);
          if (px < 20) problems.push(`step ${step}: labels at ${px.toFixed(1)} px`);
          if (step < total) await page.keyboard.press('PageDown');
        }
        expect(problems).toEqual([]);
        const canvas = (await page.getByRole('img', { name: GRAPH }).boundingBox())!;
        expect(canvas.height, 'the graph is more than a strip').toBeGreaterThanOrEqual(fullScreen ? 500 : 380);
      });
    }
  }

  for (const fullScreen of [false, true]) {
    it(`shows the brochure’s answer and the verdict at 1280×720 ${fullScreen ? 'full screen' : 'windowed'} without an inner scroll box`, async () => {
      const page = await app.newPage();
      await page.setViewportSize(PROJECTOR);
      await page.goto(`${app.url}/formation?exemple=sit-08-tms-saj&reponse=oui`);
      await page.getByText(/^Étape 1 sur \d+$/).waitFor();
      if (fullScreen) await enterFullScreen(page);
      for (const region of ['La réponse de la brochure', 'Le verdict de Secretum']) {
        const hidden = await page.getByRole('region', { name: region }).evaluate((element) => {
          const box = element.getBoundingClientRect();
          if (box.top < 0 || box.bottom > innerHeight) return `at ${Math.round(box.top)}–${Math.round(box.bottom)} px`;
          // Full screen, the element shown is the screen: it scrolls as a page does.
          for (let node = element.parentElement; node && node !== document.fullscreenElement; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (/(auto|scroll|hidden)/.test(style.overflowY) && node.scrollHeight > node.clientHeight + 1)
              return `inside a ${node.clientHeight} px box that scrolls`;
          }
          return '';
        });
        expect(hidden, region).toBe('');
      }
    });
  }

  it('steps with a clicker (PageDown / PageUp) and says when it is full screen', async () => {
    const page = await app.newPage();
    await page.setViewportSize(PROJECTOR);
    await page.goto(`${app.url}/formation?exemple=sit-08-tms-saj&reponse=oui`);
    await page.getByText(/^Étape 1 sur \d+$/).waitFor();
    const total = await stepCount(page);
    await page.keyboard.press('PageDown');
    await page.getByText(`Étape 2 sur ${total}`).waitFor();
    await page.keyboard.press('PageDown');
    await page.getByText(`Étape 3 sur ${total}`).waitFor();
    await page.keyboard.press('PageUp');
    await page.getByText(`Étape 2 sur ${total}`).waitFor();
    await enterFullScreen(page);
    await page.getByRole('button', { name: 'Quitter le plein écran' }).click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await page.getByRole('button', { name: 'Plein écran' }).waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('draws a closed route’s walked relations in another colour than « Chemin ouvert »', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/formation?exemple=sit-05-cpas-propos-terrorisme&reponse=oui&etape=6`);
    await page.getByText(/^Voie fermée parce que/).waitFor();
    await graphDrawn(page, GRAPH);
    const colours = await page.getByRole('img', { name: GRAPH }).evaluate((element) => {
      const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
      return cy.edges('.visited, .traced').map((e) => e.style('line-color') as string);
    });
    expect(colours.length).toBeGreaterThan(0);
    const open = EMPHASIS_COLOURS.open
      .replace('#', '')
      .match(/../g)!
      .map((h) => parseInt(h, 16));
    for (const colour of colours) expect(colour).not.toBe(`rgb(${open.join(',')})`);
    await expect.poll(() => page.getByRole('list', { name: 'Légende du graphe' }).textContent()).not.toContain('Chemin ouvert');
  });

  it('clears « Évaluation en cours… » when the API fails, says so in French beside the answer, and recovers on « Réessayer »', async () => {
    const page = await app.newPage();
    let failing = true;
    await page.route('**/api/assess', (route) => (failing ? route.abort() : route.continue()));
    await page.goto(`${app.url}/formation?exemple=sit-08-tms-saj&reponse=oui`);
    const card = page.getByRole('article');
    const retry = card.getByRole('button', { name: 'Réessayer' });
    await retry.waitFor();
    expect(await card.getByRole('alert').textContent()).toMatch(/serveur|connexion/i);
    expect(await card.getByText('Évaluation en cours…').count()).toBe(0);
    failing = false;
    await retry.click();
    await page.getByRole('region', { name: 'Le verdict de Secretum' }).getByText('Permis', { exact: true }).waitFor();
    await page.getByText(/^Étape 1 sur \d+$/).waitFor();
    expect(await card.getByRole('alert').count()).toBe(0);
  });
});

describeInBrowser('The explorer in front of a room', () => {
  const app = useBrowserApp();
  const EXPLORER = /Graphe des dispositions/;

  it('has a presentation mode at 1280×720: the graph takes the search column’s width, its labels read at 20 px, the selection framed', async () => {
    const page = await app.newPage();
    await page.setViewportSize(PROJECTOR);
    await page.goto(`${app.url}/explorer?noeud=cp-458bis&voisins=cp-458bis`);
    await graphDrawn(page, EXPLORER);
    const before = await page.getByRole('img', { name: EXPLORER }).boundingBox();
    const toggle = page.getByRole('button', { name: 'Mode présentation' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await page.getByRole('img', { name: EXPLORER }).boundingBox())!.width).toBeGreaterThan(before!.width + 200);
    await expect.poll(async () => (await smallestLabel(page, EXPLORER)).px).toBeGreaterThanOrEqual(20);
    expect(await nodesOutside(page, EXPLORER, ['cp-458bis'])).toEqual([]);
    expect(
      await page
        .getByRole('searchbox')
        .or(page.getByPlaceholder(/458bis/))
        .first()
        .isVisible(),
    ).toBe(false);
    // Out again: the search is back and labels return to the desk's size.
    await toggle.click();
    await page.getByPlaceholder(/458bis/).waitFor();
  });
});
