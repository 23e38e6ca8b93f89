// Issue 25: the law's actors and acts as data. Each cause a blind review found,
// as the behaviour the brochure asks for, on the real graph.
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
const asked = (a: { missingFacts: { id: string }[] }) => ids(a.missingFacts);
const SHARED = {
  secret_master_informed: true,
  secret_master_consents: true,
  same_mission: true,
  strictly_necessary: true,
  child_maltreatment_situation: false,
};

describe('1. a recipient carries its legal status', () => {
  for (const recipient of ['medecin', 'psychiatre', 'saj', 'conseiller-aide-jeunesse', 'spj', 'directeur-aide-jeunesse', 'centre-pms', 'pse', 'sos-enfants']) {
    it(`opens shared secrecy towards ${recipient} once its other conditions are met, without asking whether it is bound`, async () => {
      const a = await ask({ profession: 'psychologue', recipient, facts: SHARED });
      expect(a.verdict).toBe('permitted');
      expect(asked(a)).not.toContain('recipient_bound_by_secret');
      expect(a.recipient?.bound).toBe(true);
    });
  }

  it('says by which texts the SAJ is bound (art. 77 of the 1965 law, art. 57 of the 1991 decree)', async () => {
    const a = await ask({ profession: 'psychologue', recipient: 'saj', facts: SHARED });
    expect(ids(a.recipient!.boundBy)).toEqual(['decret-1991-art-57', 'loi-1965-art-77']);
    const shared = a.routes.find((r) => r.exception.id === 'exc-secret-partage')!;
    const bound = shared.conditions.find((c) => c.kind === 'condition' && c.fact === 'recipient_bound_by_secret');
    expect(bound).toMatchObject({ status: 'met', stated: { value: true } });
  });

  it('keeps a teacher not bound whatever the user says, and still asks it of a hierarchy the brochure leaves open', async () => {
    const teacher = await ask({ profession: 'psychologue', recipient: 'enseignant', facts: { ...SHARED, recipient_bound_by_secret: true } });
    expect(teacher.verdict).toBe('forbidden');
    const manager = await ask({
      profession: 'travailleur-social',
      recipient: 'responsable-direct',
      facts: { supervision_or_support_purpose: true, strictly_necessary: true },
    });
    expect(asked(manager)).toContain('recipient_bound_by_secret');
  });

  it('answers GET /api/recipients and GET /api/professions with the status and its texts', async () => {
    const { recipients } = await service.recipients();
    expect(recipients.find((r) => r.id === 'spj')).toMatchObject({ bound: true, roles: ['autorite-mandante'] });
    expect(recipients.find((r) => r.id === 'police')?.roles).toEqual([]);
    const { professions } = await service.professions();
    expect(professions.find((p) => p.id === 'psychiatre')).toMatchObject({ bound: true, categories: expect.arrayContaining(['medecin']) });
    expect(professions.find((p) => p.id === 'enseignant')).toMatchObject({ bound: false, boundBy: [] });
  });
});

describe('2. who may be the mandant is a property of the authority', () => {
  it('never makes the police a mandant, nor asks about a mandate to someone who wants to prevent a crime', async () => {
    const a = await ask({
      profession: 'psychologue',
      recipient: 'police',
      facts: { under_mandate: true, recipient_is_mandating_authority: true, within_mandate: true },
      closedWorld: true,
    });
    expect(a.verdict).toBe('forbidden');
    const open = await ask({ profession: 'psychologue', recipient: 'police' });
    expect(asked(open)).not.toContain('under_mandate');
    expect(open.possibleVerdicts).not.toContain('required');
  });

  it('gives the SPJ and the directeur de l’aide à la jeunesse, two names of one body, the same answer as mandant', async () => {
    const facts = { under_mandate: true, recipient_is_mandating_authority: true, within_mandate: true };
    const spj = await ask({ profession: 'travailleur-social', recipient: 'spj', situation: 'kind-rapport-mandant', facts });
    const directeur = await ask({ profession: 'travailleur-social', recipient: 'directeur-aide-jeunesse', situation: 'kind-rapport-mandant', facts });
    expect(spj.verdict).toBe('required');
    expect(directeur.verdict).toBe('required');
    expect(spj.act).toBe('report_to_mandant');
  });
});

describe('3. a seizure is not a disclosure', () => {
  it('says the secret does not stand in the way, that one may not oppose it, with the guarantees — never « à vous d’apprécier »', async () => {
    const a = await ask({
      profession: 'tms',
      recipient: 'police',
      situation: 'kind-saisie-perquisition',
      facts: {
        investigation_targets_beneficiary_as_suspect: false,
        investigation_targets_beneficiary_as_victim: true,
        seizure_harms_trust: false,
        youth_court_report: false,
        team_includes_doctor: true,
      },
    });
    expect(a.verdict).toBe('permitted');
    expect(a.act).toBe('undergo_seizure');
    expect(a.explanation.verdict).toMatch(/ne s’oppose pas à la saisie/);
    expect(a.explanation.verdict).toMatch(/ne pouvez pas vous y opposer/);
    expect(a.explanation.verdict).toMatch(/Ordre des médecins/);
    expect(explanationText(a.explanation)).not.toMatch(/apprécier/);
  });

  it('states the rule that closes a refused seizure (youth-court reports cannot be seized)', async () => {
    const a = await ask({
      profession: 'intervenant-aide-jeunesse',
      recipient: 'police',
      situation: 'kind-saisie-perquisition',
      facts: { youth_court_report: true, investigation_targets_beneficiary_as_victim: true, seizure_harms_trust: false },
    });
    expect(a.verdict).toBe('forbidden');
    expect(explanationText(a.explanation)).toMatch(/insaisissables/);
  });
});

describe('4. what is handed over is not what is said', () => {
  it('refuses handing over the youth-court report while testimony stays permitted and the duty to appear stays', async () => {
    const a = await ask({ profession: 'psychologue', recipient: 'juge-instruction', facts: { sworn_testimony: true, youth_court_report: true } });
    expect(a.verdict).toBe('permitted');
    expect(a.act).toBe('testify');
    expect(a.acts).toEqual([{ act: 'hand_over', verdict: 'forbidden', limits: ['lim-rapports-jeunesse'] }]);
    expect(ids(a.duties)).toContain('duty-comparaitre-preter-serment');
    // The written statement stays; handing over documents does not, for this one (brochure A.I.1).
    expect(ids(a.faculties)).toContain('duty-reponse-ecrite-documents');
    expect(ids(a.faculties)).not.toContain('duty-remise-documents');
  });

  it('asks, once testimony is settled, whether the document is such a report', async () => {
    const a = await ask({ profession: 'psychologue', recipient: 'juge-instruction', facts: { sworn_testimony: true } });
    expect(asked(a)).toContain('youth_court_report');
  });
});

describe('5. « not bound » is not the end of the answer', () => {
  it('weighs 422bis with its exemptions and warns that art. 422bis was replaced', async () => {
    const a = await ask({ profession: 'enseignant', recipient: 'police', facts: { grave_peril: true, danger_in_intervening: true } });
    expect(a.verdict).toBe('not_bound');
    expect(a.duties.find((d) => d.id === 'duty-porter-secours')?.status).toBe('lifted');
    const replaced = a.explanation.steps.find((s) => s.kind === 'replaced');
    expect(replaced?.articles).toContain('cp-422bis');
  });

  it('asks whether someone is in grave peril', async () => {
    const a = await ask({ profession: 'educateur', recipient: 'police', situation: 'kind-inquietude' });
    expect(asked(a)).toContain('grave_peril');
  });

  it('tells a teacher in a case consultation that participants are bound to secrecy', async () => {
    const a = await ask({
      profession: 'enseignant',
      recipient: 'concertation-de-cas',
      situation: 'kind-concertation',
      facts: { organised_case_consultation: true },
    });
    expect(a.verdict).toBe('not_bound');
    expect(ids(a.duties)).toContain('duty-concertation-secret-participants');
  });

  it('binds a school head to the secrecy of the consultation outside it, and says what it may lead to (art. 458ter)', async () => {
    const told = await ask({
      profession: 'direction-ecole',
      recipient: 'police',
      situation: 'kind-concertation',
      facts: { organised_case_consultation: true },
    });
    expect(told.verdict).toBe('forbidden');
    expect(told.explanation.verdict).toMatch(/participants à la concertation/);
    expect(explanationText(told.explanation)).toMatch(/que des seuls délits pour lesquels la concertation a été organisée/);
    const open = await ask({ profession: 'direction-ecole', recipient: 'police', situation: 'kind-concertation' });
    expect(open.verdict).toBe('undetermined');
    expect(open.missingFacts.map((f) => f.id)).toContain('organised_case_consultation');
    // Elsewhere the question is not about what one learned in a consultation (DOMAIN §7, example 1).
    expect((await ask({ profession: 'direction-ecole', recipient: 'police' })).verdict).toBe('not_bound');
  });

  it('applies art. 29 CIC to a public official who learns a délit, and 46bis/1 to social-security staff', async () => {
    const official = await ask({
      profession: 'fonctionnaire',
      recipient: 'procureur-du-roi',
      situation: 'kind-demande-information',
      facts: { crime_or_delit_learned_in_function: true },
    });
    expect(official.verdict).toBe('required');
    const staff = await ask({
      profession: 'personnel-securite-sociale',
      recipient: 'procureur-du-roi',
      situation: 'kind-demande-information',
      facts: { serious_indications_terrorist_offence: true },
    });
    expect(staff.verdict).toBe('required');
    const pending = await ask({ profession: 'personnel-securite-sociale', recipient: 'procureur-du-roi' });
    expect(pending.explanation.verdict).not.toMatch(/vise chacun/);
  });
});

describe('6. a kind of situation never hides a recipient’s limit', () => {
  it('shows why a teacher cannot share the secret, with or without a kind', async () => {
    for (const situation of [undefined, 'kind-inquietude', 'kind-demande-information', 'kind-concertation']) {
      const a = await ask({ profession: 'psychologue', recipient: 'enseignant', situation, facts: SHARED });
      expect(ids(a.recipientLimits), String(situation)).toContain('lim-pas-de-secret-partage-enseignants');
    }
  });
});

describe('7. what belongs is shown, what does not is not', () => {
  it('shows no search guarantee in an answer about telling', async () => {
    const a = await ask({ profession: 'conseiller-aide-jeunesse', recipient: 'procureur-du-roi', facts: { offence_398_405_against_410_person: true } });
    expect(a.guarantees).toEqual([]);
    expect(explanationText(a.explanation)).not.toMatch(/enveloppe/);
  });

  it('shows no art. 30 doubt where art. 30 decides nothing', async () => {
    const a = await ask({
      profession: 'citoyen',
      recipient: 'procureur-du-roi',
      facts: { professional_context: false, grave_peril: true, witnessed_attack: false },
    });
    expect(ids(a.doubts)).not.toContain('exc-art-30-cic');
  });

  it('offers the written answer before the juge d’instruction only', async () => {
    const judge = await ask({ profession: 'infirmier', recipient: 'juge-instruction', facts: { sworn_testimony: true } });
    expect(ids(judge.faculties)).toEqual(expect.arrayContaining(['duty-reponse-ecrite-documents', 'duty-remise-documents']));
    for (const recipient of ['juridiction', 'commission-enquete-parlementaire']) {
      const a = await ask({ profession: 'infirmier', recipient, facts: { sworn_testimony: true } });
      expect(ids(a.faculties), recipient).not.toContain('duty-reponse-ecrite-documents');
      expect(ids(a.faculties), recipient).not.toContain('duty-remise-documents');
    }
  });

  it('says what a case consultation may lead to (only the offences it was organised for)', async () => {
    const a = await ask({
      profession: 'psychanalyste',
      recipient: 'concertation-de-cas',
      situation: 'kind-concertation',
      facts: { organised_case_consultation: true, consultation_legal_basis: true, consultation_purpose_protection: true },
    });
    expect(a.verdict).toBe('permitted');
    expect(explanationText(a.explanation)).toMatch(/que des seuls délits pour lesquels la concertation a été organisée/);
  });

  it('names the recipients in a headline with none chosen', async () => {
    const a = await ask({
      profession: 'psychiatre',
      facts: { offence_listed_458bis: true, victim_minor_or_vulnerable: true, grave_imminent_danger: true, cannot_protect_alone: true },
    });
    expect(a.explanation.verdict).toMatch(/Procureur du Roi/);
  });

  it('does not say « la loi vous oblige » of a rule for which the brochure gives no text', async () => {
    const a = await ask({
      profession: 'travailleur-social',
      recipient: 'spj',
      facts: { under_mandate: true, recipient_is_mandating_authority: true, within_mandate: true },
    });
    expect(a.verdict).toBe('required');
    expect(a.explanation.verdict).not.toMatch(/la loi vous oblige/);
  });

  it('never elides « de l’ » before a word that is not an article', async () => {
    const a = await ask({ profession: 'psychologue', recipient: 'police' });
    for (const q of a.missingFacts) expect(q.group?.label ?? '').not.toMatch(/de l’[A-Z]/);
  });

  it('lists the brochure’s recommendations apart from the duties', async () => {
    const a = await ask({ profession: 'psychologue', recipient: 'juge-instruction', facts: { sworn_testimony: true } });
    expect(ids(a.recommendations)).toContain('duty-partager-en-equipe');
    expect(ids(a.duties)).not.toContain('duty-partager-en-equipe');
  });
});
