import { expect, it } from 'vitest';
import type { GraphNode } from '../../server/schema/graph.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

describeInBrowser('Explorer', () => {
  const app = useBrowserApp();

  it('opens a node chosen from the search suggestions with the keyboard, and details its label, status and a citation', async () => {
    const target = await app.api<GraphNode>('/api/nodes/cp-458bis');
    const around = await app.api<{ nodes: GraphNode[]; edges: { type: string; source: string; target: string }[] }>('/api/nodes/cp-458bis/neighbourhood');
    const replacement = around.edges.find((e) => e.type === 'REPLACED_BY' && e.source === 'cp-458bis');
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer`);

    const search = page.getByRole('combobox', { name: 'Rechercher dans le graphe' });
    await search.fill('458 bis');
    const suggestions = page.getByRole('listbox', { name: /Suggestions/ });
    await suggestions.getByRole('option', { name: new RegExp(target.label) }).waitFor();
    const labels = await suggestions.getByRole('option').allTextContents();
    const index = labels.findIndex((text) => text.startsWith(target.label));
    for (let i = 0; i < index; i++) await search.press('ArrowDown');
    await search.press('Enter');

    const detail = page.getByRole('complementary', { name: 'Détail du nœud sélectionné' });
    await detail.getByRole('heading', { level: 2, name: target.label }).waitFor();
    const citation = await detail.getByRole('list', { name: 'Citations' }).getByRole('listitem').first().textContent();
    expect(citation).toContain(`« ${target.citations[0].quote} »`);
    // A replaced article says so at once, with its replacement when the graph knows it.
    const status = detail.getByText('Remplacé', { exact: true }).first();
    expect(await status.isVisible()).toBe(true);
    if (replacement) {
      const label = around.nodes.find((n) => n.id === replacement.target)!.label;
      expect(await status.locator('xpath=..').getByRole('button', { name: label }).isVisible()).toBe(true);
    }
    expect(new URL(page.url()).searchParams.get('noeud')).toBe('cp-458bis');
    expect(app.pageErrors).toEqual([]);
  });

  it('expands, hides and undoes from the buttons, the text version of the graph following along', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=saj&voisins=saj`);
    const graph = page.getByRole('img', { name: /Graphe des dispositions/ });
    await page.getByRole('complementary', { name: 'Détail du nœud sélectionné' }).getByRole('heading', { level: 2 }).waitFor();
    const count = async () => Number(/(\d+) nœuds/.exec((await graph.getAttribute('aria-label')) ?? '')?.[1]);
    await expect.poll(count).toBeGreaterThan(1);
    const before = await count();

    await page.getByRole('button', { name: 'Masquer' }).click();
    await expect.poll(count).toBe(before - 1);
    expect(new URL(page.url()).searchParams.get('masques')).toBe('saj');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(count).toBe(before);
    expect(new URL(page.url()).searchParams.get('noeud')).toBe('saj');

    await page.getByRole('button', { name: 'Replier' }).click();
    await expect.poll(count).toBe(1);
    await page.getByRole('button', { name: 'Afficher les voisins' }).click();
    await expect.poll(count).toBe(before);
  });
});
