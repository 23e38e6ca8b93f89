// Helpers of the tests in front of a room (presenter, route framing): Formation's
// step count, full screen, and a graph whose animated framing has come to rest.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { graphDrawn } from './readability.ts';

export async function stepCount(page: Page): Promise<number> {
  const text = await page.getByText(/^Étape \d+ sur \d+$/).textContent();
  return Number(/sur (\d+)/.exec(text!)![1]);
}

export async function enterFullScreen(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Plein écran' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null), { timeout: 10_000 }).toBe(true);
}

/**
 * Waits until the graph is drawn and has come to rest: no layout under way (aria-busy), no node
 * moving (an incremental layout animates them), the viewport still (framing is animated).
 */
export async function settled(page: Page, name: RegExp): Promise<void> {
  await graphDrawn(page, name);
  await page.getByRole('img', { name }).evaluate(
    (element) =>
      new Promise<void>((done) => {
        const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
        let last = '';
        const check = () => {
          const positions = cy.nodes().map((n) => [Math.round(n.position('x')), Math.round(n.position('y'))]);
          const now = JSON.stringify([cy.zoom(), cy.pan(), positions, element.getAttribute('aria-busy')]);
          if (now === last && !cy.animated() && element.getAttribute('aria-busy') !== 'true') return done();
          last = now;
          setTimeout(check, 150);
        };
        check();
      }),
  );
}
