// Formation read out to a room, at the projector's 1280×720: the last step
// says the example is over, and « Et sans cet article ? » answers in a sentence
// a trainer can read out, in large type, with the lost route marked on the graph.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { ReformResult } from '../../server/schema/impact.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { enterFullScreen, settled } from './support/room.ts';

const PROJECTOR = { width: 1280, height: 720 };
const GRAPH = /Le chemin sur le graphe/;
const LAST_STEP = '/formation?exemple=sit-08-tms-saj&reponse=oui&etape=10';

/** The ids of the drawn elements that carry a class, read from Cytoscape itself. */
async function classed(page: Page, cls: string): Promise<string[]> {
  return page.getByRole('img', { name: GRAPH }).evaluate((element, c) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.elements(`.${c}`).map((e) => e.id());
  }, cls);
}

describeInBrowser('Formation in front of a room', () => {
  const app = useBrowserApp();

  it('shows « Suivant → » disabled at the last step, and says the example is over with the next one offered', async () => {
    const page = await app.newPage();
    await page.setViewportSize(PROJECTOR);
    await page.goto(`${app.url}/formation?exemple=sit-08-tms-saj&reponse=oui&etape=0`);
    const stepper = page.getByRole('region', { name: /Le chemin/ });
    const next = stepper.getByRole('button', { name: /Suivant/ });
    await stepper.getByText(/^Étape 1 sur \d+$/).waitFor();
    const look = () =>
      next.evaluate((b) => ({ opacity: getComputedStyle(b).opacity, background: getComputedStyle(b).backgroundColor, color: getComputedStyle(b).color }));
    const enabled = await look();
    expect(await stepper.getByText('Fin de l’exemple', { exact: false }).count()).toBe(0);

    await page.goto(`${app.url}${LAST_STEP}`);
    await stepper.getByText(/^Étape (\d+) sur \1$/).waitFor();
    expect(await next.isDisabled()).toBe(true);
    expect(await look()).not.toEqual(enabled);
    await stepper.getByText('Fin de l’exemple', { exact: false }).waitFor();
    await stepper.getByRole('button', { name: /^Continuer avec l’exemple \d+/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('exemple')).not.toBe('sit-08-tms-saj');
    expect(app.pageErrors).toEqual([]);
  });

  it('replays example 8 without its article in a sentence, each lost route named once, in room-sized type, and the lost route marked on the graph', async () => {
    const page = await app.newPage();
    await page.setViewportSize(PROJECTOR);
    await page.goto(`${app.url}${LAST_STEP}`);
    await settled(page, GRAPH);
    await enterFullScreen(page);
    const section = page.getByRole('region', { name: 'Et sans cet article ?' });
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/reform'));
    await section.getByRole('button', { name: 'Rejouer' }).click();
    const result = (await (await asked).json()) as ReformResult;
    const replayed = section.getByRole('status').filter({ hasText: /^Sans / });
    await replayed.waitFor({ timeout: 30_000 });

    // On screen, not below the fold of the side column (the re-check's NP3).
    await expect
      .poll(() =>
        replayed.locator('.verdict-change').evaluate((e) => {
          const box = e.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= innerHeight;
        }),
      )
      .toBe(true);
    const verdict = (await replayed.locator('.verdict-change').innerText()).replace(/\s+/g, ' ');
    expect(verdict).toMatch(/^Sans .+ : .+, au lieu de .+\.$/);
    expect(verdict).not.toMatch(/[()]/);
    expect(verdict).not.toContain('→');

    const lost = result.routes.filter((r) => r.change === 'lost' && r.profession === 'tms');
    const exceptions = [...new Set(lost.map((r) => r.exception))];
    expect(exceptions.length).toBeGreaterThan(0);
    const items = await section.getByRole('list', { name: 'Voies perdues' }).getByRole('listitem').allInnerTexts();
    expect(items).toHaveLength(exceptions.length);
    for (const id of exceptions) {
      const { label } = await app.api<{ label: string }>(`/api/nodes/${id}`);
      expect(items.filter((item) => item.includes(label))).toHaveLength(1);
    }

    for (const text of [replayed.locator('.verdict-change'), section.getByRole('list', { name: 'Voies perdues' }).getByRole('listitem').first()])
      expect(await text.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(20);

    await expect.poll(() => classed(page, 'lost')).toEqual(expect.arrayContaining(['exc-decret-2004-art-3']));
    const marked = await classed(page, 'lost');
    expect(marked.some((id) => id.startsWith('exc-decret-2004-art-3-[PERMITS_DISCLOSURE_TO]->'))).toBe(true);
    await page.getByText('Perdu avec la réforme', { exact: false }).first().waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
