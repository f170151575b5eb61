/**
 * `node --import tsx --import ./bench/compiled-src.mjs bench/X.ts`: the benchmark's own TypeScript runs under
 * tsx, but every module of src/ is the compiled JavaScript in dist/ (`npm run build`), the code `npm start`
 * runs. Why: tsx compiles with esbuild's keepNames, which wraps every closure created at run time in a
 * `__name` call (an Object.defineProperty each); in the engine's hot path that costs 5–10% of an evaluation,
 * a cost the compiled service never pays. See compiled-src-hooks.mjs.
 */
import { register } from "node:module";

register("./compiled-src-hooks.mjs", import.meta.url);
