// What rests on what, and « Et si… ? » (issue 27): the dependants of the
// explorer's selected node, shown on demand, and the reform the URL names
// (view.current.reform), simulated by the server and kept until it changes.
import { api, ApiRequestError } from '../api.ts';
import { changesOf, parseReformParam, reformLabel, type ReformChoice } from '../reform.ts';
import type { DependantsResult, NamedReform, ReformResult } from '../types.ts';
import { catalogue } from './catalogue.svelte.ts';

const message = (err: unknown) => (err instanceof ApiRequestError ? err.message : 'Une erreur inattendue est survenue.');

class ImpactStore {
  /** the named reforms of graph-data/reforms.yaml (GET /api/reforms) */
  named = $state.raw<NamedReform[]>([]);
  private namedAsked?: Promise<void>;

  dependants = $state.raw<DependantsResult>();
  dependantsLoading = $state(false);
  dependantsError = $state<string>();
  /** what rests on the node is painted on the graph */
  highlight = $state(false);

  /** the reform's URL form the answer is for */
  reformFor = $state<string>();
  result = $state.raw<ReformResult>();
  reformLoading = $state(false);
  reformError = $state<string>();

  choice: ReformChoice | undefined = $derived(parseReformParam(this.reformFor));
  /** the reform's name in French: the named reform's label, or the change told with the nodes' labels */
  label = $derived(
    this.choice
      ? reformLabel(
          this.choice,
          this.named,
          (id) => catalogue.label(id),
          (fact) => catalogue.question(fact),
        )
      : '',
  );

  loadNamed(): Promise<void> {
    this.namedAsked ??= api
      .reforms()
      .then((reforms) => {
        this.named = reforms;
      })
      .catch(() => {
        // Without the list, no named reform is offered; the changes on a node still are.
        this.namedAsked = undefined;
      });
    return this.namedAsked;
  }

  private dependantsTicket = 0;

  /** What rests on a node (GET /api/nodes/{id}/dependants); the highlight stays off until asked for. */
  async loadDependants(id: string): Promise<void> {
    if (this.dependants?.node.id === id && !this.dependantsError) return;
    const ticket = ++this.dependantsTicket;
    this.dependants = undefined;
    this.dependantsError = undefined;
    this.dependantsLoading = true;
    try {
      const found = await api.dependants(id);
      if (ticket === this.dependantsTicket) this.dependants = found;
    } catch (err) {
      if (ticket === this.dependantsTicket) this.dependantsError = message(err);
    } finally {
      if (ticket === this.dependantsTicket) this.dependantsLoading = false;
    }
  }

  /** Another node is selected: its dependants are asked for afresh, and nothing is painted. */
  forget(): void {
    this.dependantsTicket++;
    this.dependants = undefined;
    this.dependantsError = undefined;
    this.dependantsLoading = false;
    this.highlight = false;
  }

  private reformTicket = 0;

  /** Simulates the reform the URL names (none: clears the answer). A named reform waits for the list. */
  async simulate(param: string | undefined): Promise<void> {
    if (param === this.reformFor && (this.result || this.reformLoading)) return;
    const ticket = ++this.reformTicket;
    this.reformFor = param;
    this.result = undefined;
    this.reformError = undefined;
    const choice = parseReformParam(param);
    if (!choice) {
      this.reformLoading = false;
      return;
    }
    this.reformLoading = true;
    try {
      if ('named' in choice) await this.loadNamed();
      const changes = changesOf(choice, this.named);
      if (!changes) throw new ApiRequestError(404, 'unknown_reform', 'Cette réforme nommée n’existe pas (ou plus) dans le graphe.');
      const result = await api.reform(changes, this.label);
      if (ticket === this.reformTicket) this.result = result;
    } catch (err) {
      if (ticket === this.reformTicket) this.reformError = message(err);
    } finally {
      if (ticket === this.reformTicket) this.reformLoading = false;
    }
  }

  /** Asks the simulated reform again (after an error). */
  retry(): Promise<void> {
    const param = this.reformFor;
    this.reformFor = undefined;
    return this.simulate(param);
  }

  /** The answer's two tables as CSV, as the server writes them, the reform named on the first line. */
  async csv(): Promise<string | undefined> {
    const choice = this.choice;
    const changes = choice && changesOf(choice, this.named);
    return changes ? api.reformCsv(changes, this.label) : undefined;
  }
}

export const impact = new ImpactStore();
