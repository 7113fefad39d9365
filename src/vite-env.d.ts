/// <reference types="vite/client" />

/** @crxjs/vite-plugin: `import path from './x.iife.ts?script'` gives the built file's path for scripting.executeScript. */
declare module '*?script' {
  const path: string;
  export default path;
}
