// Words the server's explanations and the client's screens both say: one
// table, so that an act is named alike in the answer's sentences and beside
// them. No import but types: the client bundles this module as it is.
import type { Act } from '../schema/graph.ts';

/** The act asked about, as a short title (« Témoigner »). */
export const ACT_LABELS: Record<Act, string> = {
  tell: 'Informer',
  testify: 'Témoigner',
  hand_over: 'Remettre un document',
  undergo_seizure: 'Saisie ou perquisition',
  report_to_mandant: 'Rapport au mandant',
};
