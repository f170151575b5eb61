import { mores } from "./mores.js";

mores(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`mores: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
