// The pinned vocabulary of ../shared/DOMAIN.md: ids (§3) and facts (§4) that
// URLs, tests and clients rely on. graph-data may add to these, never drop one.

export const PINNED_IDS = {
  Provision: [
    'cp-458', 'cp-458bis', 'cp-458ter', 'cp-458quater', 'cp-422bis',
    'cic-29', 'cic-30', 'cic-46bis-1', 'cj-1728', 'loi-1965-art-77',
    'decret-1991-art-57', 'decret-2004-art-3', 'deonto-aj-art-12',
  ],
  CaseLaw: ['cass-1905-02-20'],
  Profession: [
    'medecin', 'chirurgien', 'officier-de-sante', 'pharmacien', 'sage-femme',
    'ministre-du-culte', 'avocat', 'notaire', 'psychologue', 'psychiatre',
    'infirmier', 'tms', 'assistant-social', 'assistant-social-cpas',
    'travailleur-social', 'intervenant-aide-jeunesse', 'assistant-de-justice',
    'mediateur', 'expert-mandate', 'policier', 'enseignant', 'direction-ecole',
    'citoyen',
  ],
  Recipient: [
    'procureur-du-roi', 'juge-instruction', 'juridiction',
    'commission-enquete-parlementaire', 'police', 'saj', 'spj', 'sos-enfants',
    'centre-pms', 'pse', 'delegue-general-droits-enfant', 'hierarchie',
    'autorite-mandante', 'concertation-de-cas',
  ],
} as const;

/** Professions DOMAIN §3 pins as not bound by professional secrecy. */
export const PINNED_UNBOUND = ['enseignant', 'direction-ecole', 'citoyen'] as const;

export const PINNED_FACTS = [
  'professional_context', 'sworn_testimony', 'youth_court_report',
  'mediation_proceeding', 'professional_is_victim', 'professional_is_suspect',
  'strictly_necessary', 'offence_listed_458bis', 'victim_minor_or_vulnerable',
  'grave_imminent_danger', 'other_victims_risk', 'cannot_protect_alone',
  'info_exposes_client_to_prosecution', 'present_and_future_danger',
  'no_other_means', 'proportionate', 'secret_master_informed',
  'secret_master_consents', 'recipient_bound_by_secret', 'same_mission',
  'child_maltreatment_situation', 'written_request_procureur',
  'terrorism_investigation', 'administrative_information',
  'serious_indications_terrorist_offence', 'organised_case_consultation',
  'consultation_legal_basis', 'consultation_purpose_protection',
  'under_mandate', 'mandate_disclosed', 'within_mandate',
  'supervision_or_support_purpose', 'crime_or_delit_learned_in_function',
  'reception_or_information_function', 'witnessed_attack', 'grave_peril',
] as const;
