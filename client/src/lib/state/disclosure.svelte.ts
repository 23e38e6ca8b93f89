// "À qui puis-je parler ?": every route of one profession, by recipient; for a
// profession the secret does not bind, the duties that bind everyone (422bis).
import { api, ApiRequestError } from '../api.ts';
import type { AssessedDuty, DisclosureMap } from '../types.ts';

class DisclosureStore {
  map = $state.raw<DisclosureMap>();
  /** duties that bind whoever the person is; read from an assessment with nothing known */
  everyoneDuties = $state.raw<AssessedDuty[]>([]);
  loading = $state(false);
  error = $state<string>();
  /** the error is the server's or the network's: « Réessayer » may help (a 4xx answer would only come back) */
  retryable = $state(false);
  /** the profession the link names, which the graph does not know */
  unknownProfession = $state<string>();
  private ticket = 0;
  private profession: string | undefined;

  async load(profession: string | undefined): Promise<void> {
    const ticket = ++this.ticket;
    this.profession = profession;
    this.unknownProfession = undefined;
    if (!profession) {
      this.map = undefined;
      this.error = undefined;
      return;
    }
    this.loading = true;
    try {
      const map = await api.disclosure(profession);
      const general = map.profession.bound ? undefined : await api.assess({ profession, facts: {} }).catch(() => undefined);
      if (ticket !== this.ticket) return;
      this.map = map;
      this.everyoneDuties = general?.duties ?? [];
      this.error = undefined;
    } catch (err) {
      if (ticket === this.ticket) this.fail(profession, err);
    } finally {
      if (ticket === this.ticket) this.loading = false;
    }
  }

  private fail(profession: string, err: unknown): void {
    this.map = undefined;
    if (err instanceof ApiRequestError && (err.status === 404 || err.code.startsWith('unknown_'))) {
      this.unknownProfession = profession;
      this.error = undefined;
      return;
    }
    this.error = err instanceof ApiRequestError ? err.message : 'Une erreur inattendue est survenue.';
    this.retryable = !(err instanceof ApiRequestError) || err.unreachable;
  }

  /** « Réessayer »: the same profession again. */
  retry(): Promise<void> {
    return this.load(this.profession);
  }
}

export const disclosure = new DisclosureStore();
