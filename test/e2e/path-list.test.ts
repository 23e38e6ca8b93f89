// The explorer's path list (review 2026-12-08, P6, P8): each path reads from
// its start to its end, every relation worded in the direction it is read; on a
// phone, « Afficher le graphe » brings the canvas, framed on the path, on screen.
import { expect, it } from 'vitest';
import type { PathsResult } from '../../client/src/lib/types.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { settled } from './support/room.ts';
import { couldFit, nodesOutside } from './support/readability.ts';

const GRAPH = /Graphe des dispositions/;
const PATH_LINK = '/explorer?noeud=cp-458&voisins=cp-458&de=tms&vers=saj';

describeInBrowser('The explorer’s path list', () => {
  const app = useBrowserApp();

  it('reads the first path from « de » to « vers », node after node, whatever way its edges point', async () => {
    const found = await app.api<PathsResult>('/api/paths?from=tms&to=saj');
    const [first] = found.paths;
    expect(first!.nodes[0]!.id).toBe('tms');
    // The review's complaint: some of the path's edges point against it.
    expect(first!.edges.some((e, i) => e.source !== first!.nodes[i]!.id)).toBe(true);
    const page = await app.newPage();
    await page.goto(`${app.url}${PATH_LINK}`);
    const steps = page.getByRole('list', { name: /^Chemin 1,/ });
    await steps.waitFor();
    const text = (await steps.textContent())!;
    const positions = first!.nodes.map((n) => text.indexOf(n.label));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Each node named once: the text is a chain, not a list of pairs.
    for (const node of first!.nodes) expect(text.split(node.label).length - 1, node.label).toBe(1);
  });

  it('on a phone, brings the canvas framed on the path on screen with « Afficher le graphe » (44 px high) after an article was tapped in the list', async () => {
    const page = await app.newPage({ phone: true });
    await page.goto(`${app.url}${PATH_LINK}`);
    await page.getByRole('heading', { name: /chemins? de .* à /i }).waitFor();
    const article = page.getByRole('button', { name: /^Art\. 57 décret du 4 mars 1991/ }).first();
    await article.scrollIntoViewIfNeeded();
    await article.tap();
    await expect.poll(() => new URL(page.url()).searchParams.get('noeud')).not.toBe('cp-458');
    const show = page.getByRole('button', { name: /^Afficher le graphe/ });
    await show.scrollIntoViewIfNeeded();
    expect((await show.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await show.tap();
    const canvas = page.getByRole('img', { name: GRAPH });
    await settled(page, GRAPH);
    await expect
      .poll(
        () =>
          canvas.evaluate((el) => {
            const box = el.getBoundingClientRect();
            return box.top >= -0.5 && box.top + Math.min(box.height, 200) <= innerHeight;
          }),
        { message: 'the canvas on screen' },
      )
      .toBe(true);
    const found = await app.api<PathsResult>('/api/paths?from=tms&to=saj');
    const ends = [found.from, found.to];
    // Framed on the path: its two ends show, unless they cannot be read together on the phone's canvas.
    const outside = await nodesOutside(page, GRAPH, ends);
    if (outside.length) {
      expect(await couldFit(page, GRAPH, ends, 12), `${outside.join(', ')} outside though both ends fit`).toBe(false);
      // Too far apart for the phone: the path is read from its start (the re-check's P6 showed neither end).
      expect(await nodesOutside(page, GRAPH, [found.from])).toEqual([]);
    }
  });
});
