// The view a link restores: one rune object mirrored into the address bar.
// Every step a person takes (an answer, a kind, a profession, a recipient, an
// example, a step of a walk, a node) is an entry of the browser's history, so
// Back undoes one step, and a shared link's first Back stays in the app while
// there is a step to undo. Only a change of layout, a preference rather than a
// step, and tidying a link replace the current entry.
import { DEFAULT_VIEW, formatViewState, parseViewState, stepBack, type Mode, type ViewState } from '../viewState.ts';

/** Marks the entries the app wrote: an entry without it was opened from outside (a shared link, a bookmark). */
const OURS = { secretum: true };

class ViewStore {
  current = $state<ViewState>(DEFAULT_VIEW);

  constructor() {
    if (typeof window === 'undefined') return;
    this.current = parseViewState(location.pathname, location.search);
    this.arriveFromOutside();
    window.addEventListener('popstate', () => {
      this.current = parseViewState(location.pathname, location.search);
    });
  }

  /**
   * A link opened from outside has no entry of the app before it, so its first
   * Back would leave Secretum. Its entry becomes the view one step back, and the
   * link is pushed after it. A reload finds the mark and adds nothing.
   */
  private arriveFromOutside(): void {
    if (history.state !== null) return;
    const here = location.pathname + location.search + location.hash;
    const previous = stepBack(this.current);
    if (!previous) {
      history.replaceState(OURS, '', here);
      return;
    }
    history.replaceState(OURS, '', formatViewState(previous));
    history.pushState(OURS, '', here);
  }

  update(patch: Partial<ViewState>, { replace = false } = {}): void {
    // What the link held but could not be read is said once; a step writes a new link without it.
    this.current = { ...this.current, unreadFacts: undefined, ...patch };
    const url = formatViewState(this.current);
    if (url === location.pathname + location.search) return;
    const preference = Object.keys(patch).every((key) => key === 'layout');
    if (replace || preference) history.replaceState(OURS, '', url);
    else history.pushState(OURS, '', url);
  }

  setMode(mode: Mode): void {
    if (mode !== this.current.mode) this.update({ mode });
  }

  setFact(fact: string, value: boolean | undefined): void {
    const facts = { ...this.current.facts };
    if (value === undefined) delete facts[fact];
    else facts[fact] = value;
    this.update({ facts });
  }
}

export const view = new ViewStore();
