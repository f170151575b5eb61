#!/usr/bin/env node
// The CLI runs the compiled JavaScript in dist/ (`npm run build`; npm ci and npm start build it). A checkout
// that was never built falls back to the TypeScript sources through tsx, which is slower to start.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
