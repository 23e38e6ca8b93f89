// "À qui puis-je parler ?": every route of one profession, by recipient.
import { api } from '../api.ts';
import type { DisclosureMap } from '../types.ts';

class DisclosureStore {
  map = $state.raw<DisclosureMap>();
  loading = $state(false);
  error = $state<string>();
  private ticket = 0;

  async load(profession: string | undefined): Promise<void> {
    const ticket = ++this.ticket;
    if (!profession) {
      this.map = undefined;
      return;
    }
    this.loading = true;
    try {
      const map = await api.disclosure(profession);
      if (ticket !== this.ticket) return;
      this.map = map;
      this.error = undefined;
    } catch (err) {
      if (ticket === this.ticket) this.error = err instanceof Error ? err.message : String(err);
    } finally {
      if (ticket === this.ticket) this.loading = false;
    }
  }
}

export const disclosure = new DisclosureStore();
