/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'cytoscape-fcose' {
  const fcose: import('cytoscape').Ext;
  export default fcose;
}
