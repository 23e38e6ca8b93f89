import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Fact } from '../../server/schema/graph.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

describeInBrowser('Évaluer : l’entretien et la réponse', () => {
  const app = useBrowserApp();
  let questions: Map<string, string>;

  /** The fact ids of the questions the interview asks now, next first. */
  async function askedNow(page: Page): Promise<string[]> {
    const next = page.getByRole('region', { name: 'Question suivante' });
    await next.waitFor();
    const legends = await next.getByRole('group').evaluateAll((sets) => sets.map((s) => s.querySelector('legend')?.textContent?.trim() ?? ''));
    return legends.map((text) => questions.get(text) ?? `? ${text}`);
  }

  async function answer(page: Page, question: string, value: 'Oui' | 'Non') {
    await page
      .getByRole('region', { name: 'Question suivante' })
      .getByRole('group', { name: question, exact: true })
      .getByRole('radio', { name: value })
      .click();
  }

  const verdict = (page: Page) => page.getByRole('region', { name: 'Verdict' });

  async function untilAnswered(page: Page) {
    await expect.poll(() => verdict(page).getAttribute('aria-busy')).toBe('false');
  }

  async function setUp() {
    const { facts } = await app.api<{ facts: Fact[] }>('/api/facts');
    questions = new Map(facts.map((f) => [f.question, f.id]));
  }

  it('leads the CPAS social worker, worried about a beaten child, to « Permis » towards the procureur in at most 5 answers', async () => {
    await setUp();
    const truth: Record<string, 'Oui' | 'Non'> = {
      professional_context: 'Oui',
      offence_listed_458bis: 'Oui',
      victim_minor_or_vulnerable: 'Oui',
      grave_imminent_danger: 'Oui',
      cannot_protect_alone: 'Oui',
    };
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer`);
    const kinds = page.getByRole('group', { name: 'De quoi s’agit-il ?' });
    await kinds
      .getByRole('radio', { name: /enfant/i })
      .first()
      .click();
    await page.getByRole('combobox', { name: 'Je suis (profession)' }).fill('CPAS');
    await page.getByRole('option', { name: /CPAS/ }).first().click();
    await page
      .getByRole('group', { name: 'À qui voudriez-vous parler ?' })
      .getByRole('radio', { name: /Procureur du Roi/ })
      .click();

    let answers = 0;
    while (!(await verdict(page).getByText('Permis', { exact: true }).isVisible())) {
      const [fact] = await askedNow(page);
      expect(truth, `question posée : ${fact}`).toHaveProperty(fact);
      const question = [...questions].find(([, id]) => id === fact)![0];
      await answer(page, question, truth[fact]);
      answers++;
      expect(answers).toBeLessThanOrEqual(5);
      await page.getByText(`Vos réponses (${answers})`).waitFor();
      await untilAnswered(page);
    }
    expect(new URL(page.url()).searchParams.get('destinataire')).toBe('procureur-du-roi');
    await page
      .getByRole('region', { name: 'Pourquoi' })
      .getByText(/458bis/)
      .first()
      .waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('asks the TMS worried about a baby, towards the SAJ, whether it is a situation of child maltreatment first', async () => {
    await setUp();
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=tms&destinataire=saj&faits=professional_context:oui`);
    await page
      .getByRole('group', { name: 'De quoi s’agit-il ?' })
      .getByRole('radio', { name: /enfant/i })
      .first()
      .click();
    await untilAnswered(page);
    await expect.poll(async () => (await askedNow(page))[0]).toBe('child_maltreatment_situation');
  });

  it('names the recipients with « Tous les destinataires », grouped by what the person may or must do', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=tms&faits=professional_context:oui,child_maltreatment_situation:oui`);
    const card = verdict(page);
    const may = card.getByRole('region', { name: 'Vous pouvez informer' });
    await may.waitFor();
    const names = await may.getByRole('listitem').allTextContents();
    expect(names.some((n) => /Service de l’aide à la jeunesse/.test(n))).toBe(true);
    await may.getByRole('button', { name: /Service de l’aide à la jeunesse/ }).click();
    expect(new URL(page.url()).searchParams.get('destinataire')).toBe('saj');
  });

  it('leads « Pourquoi », while the answer is pending, with the block of questions shown (the 458bis conditions), not with other questions', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi`);
    const block = page.getByRole('region', { name: 'Question suivante' });
    await block.getByText(/Ensemble : les conditions de l’art\. 458bis/).waitFor();
    await untilAnswered(page);
    const why = page.getByRole('list', { name: 'Ce que chaque réponse donnerait' });
    const first = (await why.getByRole('listitem').first().textContent())!;
    expect(first).toMatch(/les conditions de l’art\. 458bis Code pénal/);
    expect(first).toMatch(/procureur du Roi/);
  });

  it('names the route behind « peut-être obligatoire » in the verdict and among all recipients (the terrorism declaration, art. 46bis/1 CIC)', async () => {
    const page = await app.newPage();
    const facts = 'professional_context:oui,offence_listed_458bis:oui,victim_minor_or_vulnerable:oui,grave_imminent_danger:oui,cannot_protect_alone:oui';
    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi&faits=${facts}`);
    await untilAnswered(page);
    const line = verdict(page)
      .getByText(/peut-être obligatoire/)
      .first();
    await line.waitFor();
    const said = (await verdict(page).textContent())!;
    expect(said).toMatch(/peut-être obligatoire[^.]*si [^.]*infraction terroriste[^.]*\(Art\. 46bis\/1 Code d’instruction criminelle\)/);
    // A word apart (the re-check's NP2 read « obligatoiresi : »).
    expect(said).toMatch(/peut-être obligatoire\s+si :/);

    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&faits=${facts}`);
    const maybe = page.getByRole('region', { name: 'Vous pouvez informer' }).getByRole('listitem').filter({ hasText: 'Procureur du Roi' });
    await maybe.waitFor();
    expect(await maybe.textContent()).toMatch(/peut-être obligatoire[^)]*infraction terroriste[^)]*46bis\/1/);
  });

  it('offers closed world only once an answer is given, and then says that unanswered questions were taken as « Non »', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=assistant-social-cpas&destinataire=procureur-du-roi`);
    await untilAnswered(page);
    const closedWorld = page.getByRole('checkbox', { name: /sans réponse comme « Non »/ });
    expect(await closedWorld.count()).toBe(0);
    await page.getByRole('region', { name: 'Question suivante' }).getByRole('radio', { name: 'Oui' }).first().click();
    await closedWorld.check();
    await verdict(page)
      .getByText(/restées sans réponse ont été comptées comme « Non »/)
      .waitFor();
  });

  it('keeps the rest of a shared link that names an unknown fact, and says which', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=tms&destinataire=saj&faits=professional_context:oui,fait_bidon:oui,child_maltreatment_situation:oui`);
    await page.getByRole('alert').filter({ hasText: '« fait_bidon »' }).waitFor();
    await verdict(page).getByText('Permis', { exact: true }).waitFor();
    expect(
      await page
        .getByRole('group', { name: /situation de maltraitance d’enfant/ })
        .getByRole('radio', { name: 'Oui' })
        .isChecked(),
    ).toBe(true);
    await page.getByRole('button', { name: 'Retirer du lien' }).click();
    expect(new URL(page.url()).searchParams.get('faits')).toBe('professional_context:oui,child_maltreatment_situation:oui');
  });

  it('keeps the previous verdict, marked outdated, while a slow answer is on its way', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=tms&destinataire=saj&faits=professional_context:oui,child_maltreatment_situation:oui`);
    await verdict(page).getByText('Permis', { exact: true }).waitFor();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/assess', async (route) => {
      await held;
      await route.continue();
    });
    await page
      .getByRole('group', { name: /situation de maltraitance d’enfant/ })
      .getByRole('radio', { name: 'Non' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Calcul de la réponse…' }).waitFor();
    await verdict(page)
      .getByText(/correspond aux réponses précédentes/)
      .waitFor();
    await verdict(page).getByText('Permis', { exact: true }).waitFor(); // visible, once the answer that draws it has arrived
    release();
    await verdict(page).getByText('Permis', { exact: true }).waitFor({ state: 'detached' });
    expect(
      await verdict(page)
        .getByText(/réponses précédentes/)
        .count(),
    ).toBe(0);
  });

  it('says the server is down with « Réessayer », and recovers when it is back', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=tms&destinataire=saj&faits=professional_context:oui`);
    await untilAnswered(page);
    await app.stopServer();
    try {
      await page.getByRole('region', { name: 'Question suivante' }).getByRole('radio', { name: 'Oui' }).first().click();
      const alert = page.getByRole('alert').filter({ hasText: 'Le serveur ne répond pas' });
      await alert.waitFor();
      await verdict(page)
        .getByText(/Réponse précédente/)
        .waitFor();
    } finally {
      await app.restartServer();
    }
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le serveur ne répond pas' }).waitFor({ state: 'detached' });
    await verdict(page)
      .getByText(/Réponse précédente/)
      .waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('faits')?.split(',')).toHaveLength(2);
  });
});
