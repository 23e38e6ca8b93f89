// A graph a person can read: labels at 12 px or more on each mode's default
// view (desk and projector), a phone layout where no text leaves the screen or
// is squeezed, and no serious or critical axe-core finding at either width.
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { axeFindings, DEFAULT_VIEWS as VIEWS, graphDrawn, misplacedTexts, smallestLabel } from './support/readability.ts';

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
      expect(findings).toEqual(Object.fromEntries(VIEWS.map((view) => [view.mode, []])));
      // Five views and five axe runs: minutes on a busy 2-core machine, and the outcome must not depend on it.
    }, 300_000);
  }
});
