import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

describeInBrowser('Graph export', () => {
  const app = useBrowserApp();

  async function openExplorer(): Promise<Page> {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cp-458bis&voisins=cp-458bis`);
    const graph = page.getByRole('img', { name: /Graphe des dispositions/ });
    await expect.poll(async () => Number(/(\d+) nœuds/.exec((await graph.getAttribute('aria-label')) ?? '')?.[1])).toBeGreaterThan(2);
    return page;
  }

  it('exports the graph as a real PNG image', async () => {
    const page = await openExplorer();
    const png = await download(page, 'Exporter PNG');
    expect(png.name).toBe('secretum-cp-458bis.png');
    expect(png.bytes.length).toBeGreaterThan(1024);
    expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // Drawn in the frame, and written in the file's text chunks for tools that read them.
    const text = png.bytes.toString('utf8');
    expect(text).toContain('iTXtTitle');
    expect(text).toContain('Graphe des dispositions');
    expect(text).toMatch(/Exporté de Secretum le \d{1,2} \p{L}+ \d{4}/u);
  });

  it('exports the graph as an SVG document of shapes and text, not an embedded bitmap', async () => {
    const page = await openExplorer();
    const svg = await download(page, 'Exporter SVG');
    const text = svg.bytes.toString('utf8');
    expect(svg.name).toBe('secretum-cp-458bis.svg');
    expect(text).toMatch(/^<\?xml[^>]*>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toContain('<path d="M');
    expect(text).toMatch(/<(polygon|rect|ellipse) /);
    expect(text).toContain('458bis');
    expect(text).not.toContain('<image');
    expect(text).toContain('<title>Graphe des dispositions</title>');
    expect(text).toMatch(/Exporté de Secretum le \d{1,2} \p{L}+ \d{4}/u);
    expect(text).toContain('Source : Brochure');
  });

  it('names a path found in its exports: file named by the two ends, title « Chemin : … → … », the path in the legend, the footer inside the SVG', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cp-458&voisins=cp-458&de=tms&vers=saj`);
    await page.getByRole('heading', { name: /chemins? de .* à / }).waitFor();
    const title = /^Graphe des dispositions — Chemin : .*TMS.* → .*SAJ/;

    const png = await download(page, 'Exporter PNG');
    expect(png.name).toBe('secretum-chemin-tms-saj.png');
    expect(png.bytes.toString('utf8')).toMatch(/iTXtTitle\0\0\0\0\0Graphe des dispositions — Chemin : /);

    const svg = await download(page, 'Exporter SVG');
    expect(svg.name).toBe('secretum-chemin-tms-saj.svg');
    const text = svg.bytes.toString('utf8');
    expect(/<title>([^<]*)<\/title>/.exec(text)?.[1]).toMatch(title);
    expect(text).toContain('>Chemin ouvert');
    // Every line of the frame is drawn inside the document: read where the browser lays its text out.
    await page.setContent(text.replace(/^<\?xml[^>]*>/, ''));
    const cut = await page.evaluate(() => {
      const root = document.querySelector('svg')!;
      const view = root.viewBox.baseVal;
      return [...root.querySelectorAll('text')]
        .filter((t) => {
          const box = t.getBBox();
          return box.x < view.x - 0.5 || box.x + box.width > view.x + view.width + 0.5;
        })
        .map((t) => t.textContent);
    });
    expect(cut).toEqual([]);
  });

  it('prints the memo of Évaluer framed: title, date, disclaimer, the articles with their status and the brochure as source', async () => {
    const page = await app.newPage();
    // Example 4: the psychiatrist may inform the procureur du Roi under art. 458bis.
    const facts = 'professional_context:oui,offence_listed_458bis:oui,victim_minor_or_vulnerable:oui,grave_imminent_danger:oui,cannot_protect_alone:oui';
    await page.goto(`${app.url}/evaluer?profession=psychiatre&destinataire=procureur-du-roi&faits=${facts}`);
    await page.getByRole('button', { name: 'Imprimer la note de situation' }).waitFor();
    const memo = page.getByRole('article', { name: 'Note de situation — secret professionnel' });
    expect(await memo.isVisible()).toBe(false);

    await page.emulateMedia({ media: 'print' });
    await memo.waitFor();
    const text = (await memo.innerText()).replace(/\s+/g, ' ');
    const today = await page.evaluate(() => new Date().toLocaleDateString('fr-BE', { dateStyle: 'long' }));
    expect(text).toContain(`Établie le ${today}`);
    expect(text).toContain('aide à la réflexion, pas un avis juridique');
    expect(text).toMatch(/Source : Brochure « Le secret professionnel », Commission de coordination/);
    expect(text).toMatch(/Art\. 458bis Code pénal — REMPLACÉ PAR/);
    expect(text).toMatch(/Articles cités : \d+ en vigueur, \d+ remplacés? ou abrogés? depuis la brochure/);

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
