// The kinds of situation the brochure answers besides "may I tell X": being
// summoned, a police hearing, seizure and search, victim or suspect, the
// mandant's report, a case consultation, the hierarchy, a witnessed attack.
import { describe, expect, it } from 'vitest';
import { explanationText } from '../../server/domain/explain.ts';
import { loadGraphData } from '../../server/graph/load.ts';
import type { AssessBody } from '../../server/schema/api.ts';
import { ExplorerService } from '../../server/service/ExplorerService.ts';
import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';

const service = new ExplorerService(new MemoryGraphStore(loadGraphData()));
const ask = (body: Omit<AssessBody, 'facts'> & { facts?: AssessBody['facts'] }) =>
  service.assess({ ...body, facts: { professional_context: true, ...body.facts } });
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('the kinds of situation (GET /api/situations)', () => {
  it('lists each kind with the recipients it concerns and facts of the questionnaire, in asking order', async () => {
    const { situations } = await service.situations();
    const vocabulary = new Set((await service.facts()).facts.map((f) => f.id));
    expect(situations.length).toBeGreaterThanOrEqual(10);
    for (const kind of situations) for (const fact of kind.facts) expect(vocabulary, `${kind.id}: ${fact}`).toContain(fact);
    expect(situations.find((s) => s.id === 'kind-saisie-perquisition')?.recipients).toEqual(expect.arrayContaining(['juge-instruction', 'police']));
  });

  it('considers only the routes of the kind asked', async () => {
    const a = await ask({ profession: 'psychologue', recipient: 'juge-instruction', situation: 'kind-convocation-temoin', facts: { sworn_testimony: true } });
    expect(ids(a.routes.map((r) => r.exception))).toEqual(['exc-temoignage-en-justice']);
    expect(a.situation?.id).toBe('kind-convocation-temoin');
  });

  it('refuses an unknown kind, naming the field', async () => {
    await expect(ask({ profession: 'psychologue', situation: 'kind-nope' })).rejects.toMatchObject({ name: 'NotFoundError', field: 'situation' });
  });
});

describe('seizure and search (brochure A.II)', () => {
  const seizure = (facts: Record<string, boolean>, profession = 'psychologue') =>
    ask({ profession, recipient: 'juge-instruction', situation: 'kind-saisie-perquisition', facts, closedWorld: true });

  it('makes seizure impossible when the inquiry targets the beneficiary as a suspect', async () => {
    expect((await seizure({ investigation_targets_beneficiary_as_suspect: true })).verdict).toBe('forbidden');
  });

  it('allows it when the inquiry targets the beneficiary as a victim and cannot harm the trust, not otherwise', async () => {
    expect((await seizure({ investigation_targets_beneficiary_as_victim: true, seizure_harms_trust: false })).verdict).toBe('permitted');
    expect((await seizure({ investigation_targets_beneficiary_as_victim: true, seizure_harms_trust: true })).verdict).toBe('forbidden');
  });

  it('allows it when the professional is the suspect, but never of the reports made for a youth judge', async () => {
    expect((await seizure({ professional_is_suspect: true })).verdict).toBe('permitted');
    expect((await seizure({ professional_is_suspect: true, youth_court_report: true })).verdict).toBe('forbidden');
  });

  it('lists the guarantees: in a team with a doctor (SOS Enfants, ONE, SSM), at the SAJ and SPJ', async () => {
    const team = await seizure({ professional_is_suspect: true, team_includes_doctor: true });
    expect(ids(team.guarantees)).toEqual(expect.arrayContaining(['duty-perquisition-juge-en-personne', 'duty-perquisition-ordre-medecins']));
    const saj = await seizure({ professional_is_suspect: true }, 'conseiller-aide-jeunesse');
    expect(ids(saj.guarantees)).toContain('duty-perquisition-saj-spj');
    expect(ids(saj.duties)).not.toContain('duty-perquisition-saj-spj');
  });

  it('says a seizure route lets the secret yield to the seizure, not that the professional may inform', async () => {
    const a = await seizure({ professional_is_suspect: true });
    const steps = a.explanation.steps.filter((s) => s.route?.exception === 'exc-saisie-professionnel-suspect');
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(step.text).toContain('ne s’oppose pas à la saisie');
      expect(step.text).not.toMatch(/permet d’informer|oblige à informer/);
    }
    expect(a.routes.find((r) => r.exception.id === 'exc-saisie-professionnel-suspect')?.exception.measure).toBe('seizure');
    // A disclosure route keeps its own words.
    const told = await ask({
      profession: 'psychologue',
      recipient: 'procureur-du-roi',
      facts: { victim_minor_or_vulnerable: true, grave_imminent_danger: true },
    });
    expect(told.verdict).not.toBe('forbidden');
    expect(explanationText(told.explanation)).toMatch(/permet d’informer|oblige à informer/);
    expect(explanationText(told.explanation)).not.toContain('saisie');
  });

  it('keeps seizure out of an answer about telling someone', async () => {
    const a = await ask({ profession: 'psychologue', recipient: 'juge-instruction', facts: { professional_is_suspect: true } });
    expect(ids(a.routes.map((r) => r.exception))).not.toContain('exc-saisie-professionnel-suspect');
  });
});

describe('being heard, summoned, asked', () => {
  it('a police hearing is no testimony: the secret holds, unless the professional is heard as victim', async () => {
    const hearing = { profession: 'psychologue', recipient: 'police', situation: 'kind-audition-police', closedWorld: true };
    expect((await ask(hearing)).verdict).toBe('forbidden');
    expect((await ask({ ...hearing, facts: { professional_is_victim: true, strictly_necessary: true } })).verdict).toBe('permitted');
  });

  it('the hierarchy may step in after a serious fault, with the doubt on what may be said', async () => {
    const a = await ask({
      profession: 'travailleur-social',
      recipient: 'hierarchie',
      situation: 'kind-hierarchie',
      facts: { serious_fault_or_negligence: true, strictly_necessary: true },
    });
    // Only what is necessary to its role (example 11: « Je me limite aux informations nécessaires… »).
    expect(a.verdict).toBe('permitted');
    expect(ids(a.doubts)).toContain('exc-faute-grave-hierarchie');
    expect(explanationText(a.explanation)).toMatch(/Doute/);
  });

  it('a professional who saw an attack himself must tell the procureur (art. 30 CIC), with the doubt the brochure leaves', async () => {
    const a = await ask({ profession: 'medecin', recipient: 'procureur-du-roi', situation: 'kind-temoin-attentat', facts: { witnessed_attack: true } });
    expect(a.verdict).toBe('required');
    expect(ids(a.doubts)).toContain('exc-art-30-cic');
  });

  it('the mandant’s report: transmitted when within the mandate, whoever the mandant is', async () => {
    const a = await ask({
      profession: 'assistant-social',
      recipient: 'spj',
      situation: 'kind-rapport-mandant',
      facts: { under_mandate: true, recipient_is_mandating_authority: true, within_mandate: true },
    });
    expect(a.verdict).toBe('required');
    expect(ids(a.duties)).toContain('duty-annoncer-mandat');
  });
});

describe('the questions, in the order that decides', () => {
  it('asks the three conditions of 458bis first when worried about a child, and reaches "Permis" in four answers', async () => {
    const base = { profession: 'assistant-social-cpas', recipient: 'procureur-du-roi', situation: 'kind-inquietude' };
    const facts: Record<string, boolean> = {};
    const answers: Record<string, boolean> = {
      offence_listed_458bis: true,
      victim_minor_or_vulnerable: true,
      grave_imminent_danger: true,
      cannot_protect_alone: true,
    };
    let a = await ask({ ...base, facts });
    expect(a.missingFacts[0].id).toBe('offence_listed_458bis');
    expect(a.missingFacts[0].group?.label).toMatch(/458bis/);
    for (let step = 0; step < 5 && a.verdict !== 'permitted'; step++) {
      const next = a.missingFacts[0].id;
      expect(Object.keys(answers), `question ${step + 1}`).toContain(next);
      facts[next] = answers[next];
      a = await ask({ ...base, facts });
    }
    expect(a.verdict).toBe('permitted');
    expect(Object.keys(facts).length).toBeLessThanOrEqual(4);
  });

  it('says what each answer would give', async () => {
    const a = await ask({
      profession: 'psychiatre',
      recipient: 'procureur-du-roi',
      facts: { offence_listed_458bis: true, victim_minor_or_vulnerable: true, grave_imminent_danger: true },
    });
    expect(a.missingFacts.find((f) => f.id === 'cannot_protect_alone')?.outcomes.yes).toBe('permitted');
  });
});
