// Radios whose every choice is a step (a history entry and a new assessment):
// the arrow keys only move the focus among them, as the browser would without
// choosing, and Space, Enter or a click chooses.

const MOVES: Record<string, number> = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1 };

/** Handles a keydown on one of `inputs` (in order, at `index`); `choose` records it. */
export function radioKeydown(event: KeyboardEvent, inputs: (HTMLInputElement | undefined)[], index: number, choose: () => void): void {
  const present = inputs.filter((input): input is HTMLInputElement => !!input);
  if (event.key in MOVES) {
    event.preventDefault();
    const at = present.indexOf(inputs[index]!);
    present[(at + MOVES[event.key] + present.length) % present.length]?.focus();
  } else if (event.key === 'Enter') {
    event.preventDefault();
    choose();
  }
}
