// The view a link restores: one rune object mirrored into the address bar.
// Changing mode adds a history entry; everything else replaces the current one,
// so Back leaves a mode rather than undoing each answer.
import { DEFAULT_VIEW, formatViewState, parseViewState, type Mode, type ViewState } from '../viewState.ts';

class ViewStore {
  current = $state<ViewState>(DEFAULT_VIEW);

  constructor() {
    if (typeof window === 'undefined') return;
    this.current = parseViewState(location.pathname, location.search);
    window.addEventListener('popstate', () => {
      this.current = parseViewState(location.pathname, location.search);
    });
  }

  update(patch: Partial<ViewState>, { push = false } = {}): void {
    this.current = { ...this.current, ...patch };
    const url = formatViewState(this.current);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  setMode(mode: Mode): void {
    if (mode !== this.current.mode) this.update({ mode }, { push: true });
  }

  setFact(fact: string, value: boolean | undefined): void {
    const facts = { ...this.current.facts };
    if (value === undefined) delete facts[fact];
    else facts[fact] = value;
    this.update({ facts });
  }
}

export const view = new ViewStore();
