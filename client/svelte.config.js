// Svelte compiler options for Vite and svelte-check: the defaults (runes, TypeScript in <script lang="ts">).
export default {};
