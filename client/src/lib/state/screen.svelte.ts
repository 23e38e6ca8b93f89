// The phone layout's breakpoint, shared by the components that change below it
// (the CSS uses the same width).
import { MediaQuery } from 'svelte/reactivity';

export const PHONE_WIDTH = 720;
export const narrowScreen = new MediaQuery(`max-width: ${PHONE_WIDTH - 0.02}px`, false);
