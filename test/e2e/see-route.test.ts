// « Voir » in « À qui puis-je parler ? » (review 2026-12-08, P1): the route is
// framed whole, from the profession to the recipient, when it reads at 12 px;
// else from its start, saying how many of its nodes are out of frame.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { settled } from './support/room.ts';
import { smallestLabel } from './support/readability.ts';

const GRAPH = /Destinataires et voies/;

interface RouteInFrame {
  /** the highlighted route's nodes */
  route: string[];
  /** those whose box is not inside cy.extent() */
  outside: string[];
  /** the route's box fits the canvas at 12 px labels (12 px of margin) */
  fits: boolean;
}

function routeInFrame(page: Page): Promise<RouteInFrame> {
  return page.getByRole('img', { name: GRAPH }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const extent = cy.extent();
    const route = cy.nodes('.open');
    const outside = route.filter((n) => {
      const box = n.boundingBox();
      return box.x1 < extent.x1 - 0.5 || box.y1 < extent.y1 - 0.5 || box.x2 > extent.x2 + 0.5 || box.y2 > extent.y2 + 0.5;
    });
    const box = route.boundingBox();
    return { route: route.map((n) => n.id()), outside: outside.map((n) => n.id()), fits: box.w <= cy.width() - 24 && box.h <= cy.height() - 24 };
  });
}

describeInBrowser('« Voir » a route in « À qui puis-je parler ? »', () => {
  const app = useBrowserApp();

  for (const row of ['.* vers Commission d.enquête parlementaire', '.*']) {
    it(`frames the whole route at 1440×900, or its start and says how many of its nodes are out (row « ${row} »)`, async () => {
      const page = await app.newPage();
      await page.goto(`${app.url}/a-qui-parler?profession=medecin`);
      await settled(page, GRAPH);
      await page
        .getByRole('button', { name: new RegExp(`Voir sur le graphe : ${row}`) })
        .first()
        .click();
      await expect.poll(async () => (await routeInFrame(page)).route.length).toBeGreaterThan(2);
      await settled(page, GRAPH);
      expect((await smallestLabel(page, GRAPH)).px).toBeGreaterThanOrEqual(12);
      const { route, outside, fits } = await routeInFrame(page);
      expect(route).toContain('medecin');
      if (fits) expect(outside, 'route nodes out of frame though the route fits at 12 px').toEqual([]);
      else {
        expect(outside).not.toContain('medecin');
        await page.getByText(`${outside.length} de la voie`, { exact: false }).waitFor();
      }
    });
  }
});
