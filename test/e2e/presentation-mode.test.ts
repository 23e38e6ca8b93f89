// The explorer's « Mode présentation » (review 2026-12-08, P2): the graph takes
// most of the screen, the path found is framed at the presenter's 20 px, the
// disclaimer stays, and Escape leaves the mode.
import { expect, it } from 'vitest';
import type { PathsResult } from '../../client/src/lib/types.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { settled } from './support/room.ts';
import { couldFit, nodesOutside, smallestLabel } from './support/readability.ts';

const GRAPH = /Graphe des dispositions/;

describeInBrowser('« Mode présentation » in the explorer', () => {
  const app = useBrowserApp();

  it('at 1280×720, frames the path at 20 px on a canvas of most of the screen, keeps the disclaimer, and leaves with Escape', async () => {
    const found = await app.api<PathsResult>('/api/paths?from=tms&to=saj');
    const onPath = found.paths[0]!.nodes.map((n) => n.id);
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${app.url}/explorer?noeud=cp-458&voisins=cp-458&de=tms&vers=saj`);
    await settled(page, GRAPH);
    const toggle = page.getByRole('button', { name: 'Mode présentation' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(300);
    await settled(page, GRAPH);
    expect((await smallestLabel(page, GRAPH)).px).toBeGreaterThanOrEqual(20 - 0.01);
    // The path whole whenever the force layout put it within one canvas at 20 px; else the note counts what is out.
    const outside = await nodesOutside(page, GRAPH, onPath);
    if (outside.length) {
      expect(await couldFit(page, GRAPH, onPath, 20), `${outside.join(', ')} outside though the path fits at 20 px`).toBe(false);
      await page.getByText('hors du cadre', { exact: false }).first().waitFor();
    }
    const share = await page.getByRole('img', { name: GRAPH }).evaluate((el) => {
      const box = el.getBoundingClientRect();
      return (box.width * box.height) / (innerWidth * innerHeight);
    });
    expect(share).toBeGreaterThanOrEqual(0.7);
    await page.getByRole('note').filter({ hasText: 'pas un avis juridique' }).first().waitFor();
    expect(await page.getByRole('note').filter({ hasText: 'pas un avis juridique' }).first().isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('complementary', { name: 'Recherche et filtres' }).waitFor();
  });
});
