// Readable by construction: « Vue d'ensemble », the summary of the law drawn one
// source at a time (every label at 12 px, the whole drawing on screen), from
// which a tap opens a node's neighbourhood; and IS_A chains drawn as one group
// node that a tap or the keyboard unfolds.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { drawingOverflow, graphDrawn, smallestLabel } from './support/readability.ts';

const SUMMARY = /Vue d’ensemble du droit/;
const NEIGHBOURHOODS = /Graphe des dispositions/;
const SUMMARY_TYPES = ['Instrument', 'Provision', 'CaseLaw', 'Exception', 'Recipient', 'Profession'];

interface DrawnNode {
  id: string;
  type: string;
  label: string;
  folded: boolean;
}

async function drawnNodes(page: Page, name: RegExp): Promise<DrawnNode[]> {
  return page.getByRole('img', { name }).evaluate((element) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.nodes(':visible').map((n) => ({ id: n.id(), type: n.data('type') as string, label: n.data('label') as string, folded: n.hasClass('folded') }));
  });
}

/** Taps a node where it is drawn, after centring it so that nothing else lies on it. */
async function tapNode(page: Page, name: RegExp, id: string): Promise<void> {
  const graph = page.getByRole('img', { name });
  const at = await graph.evaluate((element, nodeId) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const node = cy.getElementById(nodeId);
    cy.center(node);
    const { x, y } = node.renderedPosition();
    const box = element.getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, id);
  await page.mouse.click(at.x, at.y);
}

describeInBrowser('Vue d’ensemble: the summary of the law', () => {
  const app = useBrowserApp();

  it('opens from the explorer’s first screen with the keyboard: instruments, articles, exceptions and recipients, no condition', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer`);
    await graphDrawn(page, NEIGHBOURHOODS);
    const toggle = page.getByRole('button', { name: 'Vue d’ensemble', exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await graphDrawn(page, SUMMARY);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(new URL(page.url()).searchParams.get('vue')).toBe('ensemble');

    const first = await drawnNodes(page, SUMMARY);
    for (const type of ['Instrument', 'Provision', 'Exception', 'Recipient']) expect(first.map((n) => n.type)).toContain(type);

    // Every source the list offers draws only the layers of the summary.
    const sources = page.getByRole('radio');
    const count = await sources.count();
    expect(count).toBeGreaterThan(3);
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      const source = sources.nth(i);
      await source.check();
      const label = (await source.evaluate((input) => input.closest('label')!.textContent!)).replace(/\s*\(\d+ voies?.*$/s, '').trim();
      const name = new RegExp(`Vue d’ensemble du droit : ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
      await graphDrawn(page, name);
      const nodes = await drawnNodes(page, name);
      expect(nodes.filter((n) => !SUMMARY_TYPES.includes(n.type)).map((n) => n.id)).toEqual([]);
      expect(nodes.some((n) => n.type === 'Exception')).toBe(true);
      nodes.forEach((n) => seen.add(n.id));
    }
    // Together the sources draw every route of the summary.
    const summary = await app.api<{ nodes: { id: string; type: string }[] }>('/api/summary');
    expect(summary.nodes.filter((n) => n.type === 'Exception').every((n) => seen.has(n.id))).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('opens a tapped node’s neighbourhood as an explorer step, and Back returns to the summary', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?vue=ensemble`);
    await graphDrawn(page, SUMMARY);
    const exception = (await drawnNodes(page, SUMMARY)).find((n) => n.type === 'Exception')!;
    await tapNode(page, SUMMARY, exception.id);

    const detail = page.getByRole('complementary', { name: 'Détail du nœud sélectionné' });
    await detail.getByRole('heading', { level: 2, name: exception.label }).waitFor();
    await graphDrawn(page, NEIGHBOURHOODS);
    const url = new URL(page.url());
    expect(url.searchParams.get('noeud')).toBe(exception.id);
    expect(url.searchParams.get('vue')).toBeNull();
    expect((await drawnNodes(page, NEIGHBOURHOODS)).some((n) => n.type === 'Condition')).toBe(true);

    await page.goBack();
    await graphDrawn(page, SUMMARY);
    expect(new URL(page.url()).searchParams.get('vue')).toBe('ensemble');
    expect(await page.getByRole('button', { name: 'Vue d’ensemble', exact: true }).getAttribute('aria-pressed')).toBe('true');
  });

  it('tells the source’s routes in sentences on a phone, where the drawing cannot hold them across the screen', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/explorer?vue=ensemble`);
    const { nodes, sources } = await app.api<{ nodes: { id: string; type: string; label: string }[]; sources: { nodes: string[] }[] }>('/api/summary');
    const routes = nodes.filter((n) => n.type === 'Exception' && sources[0].nodes.includes(n.id));
    const list = page.getByRole('list', { name: 'Les voies de cette source' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(routes.length);
    expect(await list.getByRole('listitem').first().textContent()).toMatch(/permet de révéler à|oblige à révéler à/);
    await list.getByRole('button', { name: routes[0].label }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('noeud')).toBe(routes[0].id);
  });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    it(`draws every source whole at ${size.width}×${size.height}, labels at 12 px or more: fewer nodes, not smaller ones`, async () => {
      const page = await app.newPage();
      await page.setViewportSize(size);
      const { sources } = await app.api<{ sources: { id: string; label: string }[] }>('/api/summary');
      const measures: Record<string, { px: number; overflow: number }> = {};
      for (const source of sources) {
        await page.goto(`${app.url}/explorer?vue=ensemble&source=${source.id}`);
        const name = new RegExp(`Vue d’ensemble du droit : ${source.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
        await graphDrawn(page, name);
        const { px } = await smallestLabel(page, name);
        measures[source.id] = { px: Math.floor(px), overflow: Math.ceil(await drawingOverflow(page, name)) };
      }
      for (const [id, { px, overflow }] of Object.entries(measures)) {
        expect(px, id).toBeGreaterThanOrEqual(12);
        expect(overflow, id).toBe(0);
      }
    }, 120_000);
  }
});

describeInBrowser('IS_A chains folded', () => {
  const app = useBrowserApp();
  // The travailleur social's neighbours and the assistant social's: assistant social de CPAS → assistant social →
  // travailleur social, the two with no other relation in this view.
  const VIEW = '/explorer?noeud=travailleur-social&voisins=travailleur-social,assistant-social';

  async function chainOf(page: Page): Promise<DrawnNode | undefined> {
    return (await drawnNodes(page, NEIGHBOURHOODS)).find((n) => n.folded && n.label.startsWith('chaîne'));
  }

  it('draws the chain as one group node naming its members, and a tap unfolds it', async () => {
    const page = await app.newPage();
    await page.goto(app.url + VIEW);
    await graphDrawn(page, NEIGHBOURHOODS);
    const chain = (await chainOf(page))!;
    expect(chain.label).toMatch(/^chaîne : Assistant\(e\) social\(e\) de CPAS → Assistant\(e\) social\(e\) \(déplier\)$/);
    const ids = (await drawnNodes(page, NEIGHBOURHOODS)).map((n) => n.id);
    expect(ids).toContain('travailleur-social');
    expect(ids).not.toContain('assistant-social-cpas');
    expect(ids).not.toContain('assistant-social');

    await tapNode(page, NEIGHBOURHOODS, chain.id);
    await expect.poll(async () => (await drawnNodes(page, NEIGHBOURHOODS)).map((n) => n.id)).toContain('assistant-social-cpas');
    expect(await chainOf(page)).toBeUndefined();
    expect(new URL(page.url()).searchParams.get('noeud')).toBe('travailleur-social');
  });

  it('lists the chain in the text version, where Enter unfolds it', async () => {
    const page = await app.newPage();
    await page.goto(app.url + VIEW);
    await graphDrawn(page, NEIGHBOURHOODS);
    await page.getByText(/^Le graphe en texte/).click();
    const unfold = page.getByRole('button', { name: /^Déplier « chaîne : Assistant/ });
    await unfold.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await drawnNodes(page, NEIGHBOURHOODS)).map((n) => n.id)).toContain('assistant-social');
    expect(await unfold.count()).toBe(0);
  });
});
