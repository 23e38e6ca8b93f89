// Évaluer in use: what is ticked is what the URL holds, every answer is one
// step of history, and the keyboard moves between answers without giving one.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { SituationKindsResult } from '../../server/schema/api.ts';
import type { Fact } from '../../server/schema/graph.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

type Shown = 'Oui' | 'Non' | 'Je ne sais pas';

/** A small seeded generator (mulberry32): the same sequences on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeInBrowser('Évaluer : les réponses sont celles du lien', () => {
  const app = useBrowserApp();
  let factOf: Map<string, string>;

  async function questions() {
    if (!factOf) {
      const { facts } = await app.api<{ facts: Fact[] }>('/api/facts');
      factOf = new Map(facts.map((f) => [f.question, f.id]));
    }
    return factOf;
  }

  const urlFacts = (page: Page): Record<string, boolean> =>
    Object.fromEntries(
      (new URL(page.url()).searchParams.get('faits') ?? '')
        .split(',')
        .filter(Boolean)
        .map((item) => {
          const [fact, value] = item.split(':');
          return [fact, value === 'oui'];
        }),
    );

  /** Every question on screen (not folded away): its fact and the answers ticked under it. */
  async function shownAnswers(page: Page): Promise<{ fact: string; ticked: string[] }[]> {
    const byQuestion = await questions();
    const groups = await page
      .getByRole('region', { name: 'Les questions' })
      .getByRole('group')
      .evaluateAll((sets) =>
        sets
          .filter((set) => set.checkVisibility() && set.querySelector(':scope > legend'))
          .map((set) => ({
            legend: set.querySelector(':scope > legend')!.textContent!.trim(),
            ticked: [...set.querySelectorAll('input[type="radio"]')]
              .filter((input) => (input as HTMLInputElement).checked)
              .map((input) => input.closest('label')!.textContent!.trim()),
          })),
      );
    return groups.filter((g) => byQuestion.has(g.legend)).map((g) => ({ fact: byQuestion.get(g.legend)!, ticked: g.ticked }));
  }

  /** The questions whose ticks differ from the URL's answer (polled: after Back the app redraws on popstate, a moment after the URL changes). */
  async function expectTicksFromUrl(page: Page, context: string) {
    const mismatches = async () => {
      const facts = urlFacts(page);
      return (await shownAnswers(page))
        .map(({ fact, ticked }) => ({ fact, ticked, expected: facts[fact] === undefined ? 'Je ne sais pas' : facts[fact] ? 'Oui' : 'Non' }))
        .filter((q) => q.ticked.length !== 1 || q.ticked[0] !== q.expected);
    };
    await expect.poll(mismatches, { message: `${context} (URL : ${page.url()})` }).toEqual([]);
  }

  /** The answer for the URL has arrived and is shown. */
  async function settled(page: Page) {
    await expect.poll(() => page.getByRole('region', { name: 'Verdict' }).getAttribute('aria-busy')).toBe('false');
  }

  it('shows a following question unanswered after an answer, and records Oui on it (summoned witness)', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?cas=kind-convocation-temoin&profession=psychologue&destinataire=juge-instruction`);
    const next = page.getByRole('region', { name: 'Question suivante' });
    for (let i = 0; i < 2; i++) {
      await settled(page);
      const before = page.url();
      const question = next.getByRole('group').first();
      const fact = (await questions()).get((await question.locator('legend').first().textContent())!.trim())!;
      await question.getByRole('radio', { name: 'Oui' }).click();
      await expect.poll(() => urlFacts(page)[fact], { message: `${fact} recorded` }).toBe(true);
      expect(page.url()).not.toBe(before);
      await settled(page);
      await expectTicksFromUrl(page, `after ${fact}`);
    }
  });

  it('keeps every visible tick equal to the URL and Back restores the previous situation, on generated answer sequences over every kind', async () => {
    const { situations: kinds } = await app.api<SituationKindsResult>('/api/situations');
    const professions = ['psychologue', 'assistant-social-cpas', 'tms', 'medecin', 'avocat', 'intervenant-aide-jeunesse'];
    const random = seeded(Number(process.env.FLOW_SEED ?? 26));
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const page = await app.newPage();
    for (const kind of kinds) {
      const recipient = random() < 0.6 ? pick(kind.recipients) : undefined;
      await page.goto(`${app.url}/evaluer?cas=${kind.id}&profession=${pick(professions)}${recipient ? `&destinataire=${recipient}` : ''}`);
      await settled(page);
      await expectTicksFromUrl(page, `${kind.id} at start`);
      const visited = [page.url()];
      const length = 1 + Math.floor(random() * 4);
      for (let step = 0; step < length; step++) {
        const shown = await shownAnswers(page);
        if (!shown.length) break;
        const target = pick(shown);
        const answer = pick((['Oui', 'Non', 'Je ne sais pas'] as Shown[]).filter((a) => a !== target.ticked[0]));
        const question = [...(await questions())].find(([, id]) => id === target.fact)![0];
        await page
          .getByRole('region', { name: 'Les questions' })
          .getByRole('group', { name: question, exact: true })
          .filter({ visible: true })
          .first()
          .getByRole('radio', { name: answer })
          .click();
        await expect.poll(() => page.url(), { message: `${kind.id}: ${target.fact} → ${answer}` }).not.toBe(visited.at(-1));
        expect(urlFacts(page)[target.fact]).toBe(answer === 'Je ne sais pas' ? undefined : answer === 'Oui');
        await settled(page);
        await expectTicksFromUrl(page, `${kind.id} step ${step + 1}`);
        visited.push(page.url());
      }
      for (let back = visited.length - 2; back >= 0; back--) {
        await page.goBack();
        expect(page.url(), `${kind.id}: Back to step ${back}`).toBe(visited[back]);
        await settled(page);
        await expectTicksFromUrl(page, `${kind.id} back to step ${back}`);
      }
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('makes every answer, kind, profession and recipient one step of history, and a shared link’s first Back stays in the app', async () => {
    const page = await app.newPage();
    await page.goto('about:blank');
    const link = `${app.url}/evaluer?cas=kind-inquietude&profession=tms`;
    await page.goto(link);
    await settled(page);
    await page
      .getByRole('group', { name: 'À qui voudriez-vous parler ?' })
      .getByRole('radio', { name: /Service de l’aide à la jeunesse|SAJ/ })
      .first()
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('destinataire')).toBe('saj');
    await settled(page);
    const withRecipient = page.url();
    await page.getByRole('region', { name: 'Question suivante' }).getByRole('radio', { name: 'Oui' }).first().click();
    await expect.poll(() => page.url()).not.toBe(withRecipient);
    await settled(page);

    await page.goBack();
    expect(page.url()).toBe(withRecipient);
    await settled(page);
    await expectTicksFromUrl(page, 'after one Back');
    await page.goBack();
    expect(page.url()).toBe(link);
    await page.getByRole('combobox', { name: 'Je suis (profession)' }).waitFor();

    // From scratch: the kind, then the profession, each undone by one Back.
    await page.goto(`${app.url}/evaluer`);
    await page
      .getByRole('group', { name: 'De quoi s’agit-il ?' })
      .getByRole('radio', { name: /enfant/i })
      .first()
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('cas')).toBeTruthy();
    await page.getByRole('combobox', { name: 'Je suis (profession)' }).fill('psychologue');
    await page
      .getByRole('option', { name: /Psychologue/ })
      .first()
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('profession')).toBe('psychologue');
    await page.goBack();
    expect(new URL(page.url()).searchParams.get('profession')).toBeNull();
    expect(new URL(page.url()).searchParams.get('cas')).toBeTruthy();
    await expect.poll(() => page.getByRole('combobox', { name: 'Je suis (profession)' }).inputValue()).toBe('');
    await page.goBack();
    expect(new URL(page.url()).searchParams.get('cas')).toBeNull();
  });

  it('moves between Oui, Non and Je ne sais pas with the arrow keys without answering, answers on Space, and keeps the focus in the questions', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?cas=kind-convocation-temoin&profession=psychologue&destinataire=juge-instruction`);
    await settled(page);
    const next = page.getByRole('region', { name: 'Question suivante' });
    const question = next.getByRole('group').first();
    await question.getByRole('radio', { name: 'Je ne sais pas' }).focus();
    const before = page.url();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(page.url(), 'arrows record nothing').toBe(before);
    expect(await page.evaluate(() => document.activeElement?.closest('label')?.textContent?.trim())).toBe('Oui');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('label')?.textContent?.trim())).toBe('Non');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    await expect.poll(() => page.url()).not.toBe(before);
    expect(Object.values(urlFacts(page))).toEqual([true]);
    await settled(page);
    const focus = () =>
      page.evaluate(() => ({
        body: document.activeElement === document.body,
        inQuestions: !!document.activeElement?.closest('[aria-labelledby="facts-title"]'),
      }));
    await expect.poll(focus).toEqual({ body: false, inQuestions: true });
    // Enter answers too.
    const second = page.url();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).not.toBe(second);
    await settled(page);
    await expect.poll(focus).toEqual({ body: false, inQuestions: true });
  });

  it('keeps the focus on the chosen kind of situation, not on the page, once it is chosen by keyboard', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer`);
    await page.getByRole('group', { name: 'De quoi s’agit-il ?' }).getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await expect.poll(() => new URL(page.url()).searchParams.get('cas')).toBeTruthy();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement === document.body ? '<body>' : (document.activeElement?.textContent ?? ''))))
      .toContain('De quoi s’agit-il ?');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Changer de situation');
  });

  it('moves between the recipients and between the kinds with the arrow keys without choosing one, and chooses on Space', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas`);
    await settled(page);
    const focused = () => page.evaluate(() => document.activeElement?.closest('label')?.textContent?.trim());
    await page.getByRole('combobox', { name: 'Je suis (profession)' }).focus();
    await page.keyboard.press('Tab');
    const first = await focused();
    const before = page.url();
    const history = await page.evaluate(() => window.history.length);
    const passed = new Set<string | undefined>([first]);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('ArrowUp');
      passed.add(await focused());
    }
    expect(passed.size, 'the arrows move the focus').toBeGreaterThan(1);
    expect(page.url(), 'arrows record no recipient').toBe(before);
    expect(await page.evaluate(() => window.history.length), 'arrows add no history entry').toBe(history);
    const target = await focused();
    const group = page.getByRole('group', { name: 'À qui voudriez-vous parler ?' });
    await page.keyboard.press('Space');
    await expect.poll(() => new URL(page.url()).searchParams.get('destinataire')).toBeTruthy();
    expect(await group.getByRole('radio', { name: target, exact: true }).isChecked()).toBe(true);
    await settled(page);
    // Tab from « Autre destinataire » goes on, not to the page.
    await page.getByRole('combobox', { name: 'Autre destinataire' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement === document.body), 'Tab after « Autre destinataire »').toBe(false);

    // The kinds: the same.
    await page.goto(`${app.url}/evaluer`);
    const kinds = page.getByRole('group', { name: 'De quoi s’agit-il ?' });
    await kinds.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(new URL(page.url()).searchParams.get('cas'), 'arrows choose no kind').toBeNull();
    expect(
      await kinds
        .getByRole('radio')
        .nth(2)
        .evaluate((input) => input === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('cas')).toBeTruthy();
  });
});
