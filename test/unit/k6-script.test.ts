import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCorpus } from "../../bench/corpus.js";

type Scenario = { executor: string; vus: number; duration: string; startTime?: string };
type Options = { scenarios: Record<string, Scenario>; thresholds: Record<string, string[]> };
type Posted = { url: string; body: string; headers: Record<string, string> };

/**
 * k6 cannot be installed here (docs/benchmarks.md), so load/moderate.js runs with its three k6 modules stood in
 * for: what is checked is the script's own logic, that it loads `npm run bench`'s way: the same bodies and
 * headers, a warm-up first, thresholds on the measured part only.
 */
function loadScript(env: Record<string, string>): { options: Options; iterate: (scenario?: string) => Posted } {
  const source = readFileSync("load/moderate.js", "utf8")
    .replace(/^import .*$/gm, "")
    .replace("export const options", "exports.options")
    .replace("export default function ()", "exports.iterate = function ()");
  const posted: Posted[] = [];
  const k6 = {
    http: {
      post: (url: string, body: string, params: { headers: Record<string, string> }) => {
        posted.push({ url, body, headers: params.headers });
        return { status: 201, json: () => ({}) };
      },
    },
    check: () => true,
    SharedArray: class {
      constructor(_name: string, make: () => unknown[]) {
        // biome-ignore lint/correctness/noConstructorReturn: k6's SharedArray is used as the array it makes
        return make();
      }
    },
    open: (path: string) => readFileSync(new URL(path, new URL("../../load/", import.meta.url)), "utf8"),
  };
  // k6/execution: the scenario running and its iteration, numbered across its virtual users.
  const exec = { scenario: { name: "warmup", iterationInTest: 0 } };
  const exports: { options?: Options; iterate?: () => void } = {};
  new Function("http", "check", "SharedArray", "open", "exec", "__ENV", "exports", source)(
    k6.http,
    k6.check,
    k6.SharedArray,
    k6.open,
    exec,
    env,
    exports,
  );
  return {
    options: exports.options as Options,
    iterate: (scenario = "moderate") => {
      if (exec.scenario.name !== scenario) exec.scenario = { name: scenario, iterationInTest: 0 };
      (exports.iterate as () => void)();
      exec.scenario.iterationInTest++;
      return posted.at(-1) as Posted;
    },
  };
}

describe("load/moderate.js (the k6 script)", () => {
  it("warms the server up with the same load, then measures, and judges only what it measured", () => {
    const { options } = loadScript({});
    expect(options.scenarios.warmup).toEqual({ executor: "constant-vus", vus: 50, duration: "45s" });
    expect(options.scenarios.moderate).toEqual({
      executor: "constant-vus",
      vus: 50,
      duration: "30s",
      startTime: "45s",
    });
    expect(Object.keys(options.thresholds).sort()).toEqual([
      "checks{scenario:moderate}",
      "http_req_duration{scenario:moderate}",
      "http_req_failed{scenario:moderate}",
    ]);
    expect(options.thresholds["http_req_duration{scenario:moderate}"]).toEqual(["p(99)<50"]);
  });

  it("skips the warm-up when asked to", () => {
    const { options } = loadScript({ WARMUP: "0", DURATION: "10s", VUS: "8" });
    expect(Object.keys(options.scenarios)).toEqual(["moderate"]);
    expect(options.scenarios.moderate).toEqual({ executor: "constant-vus", vus: 8, duration: "10s" });
  });

  it("sends the bench corpus's bodies with the bench's headers to the community's /moderate", () => {
    const { iterate } = loadScript({ MORES_KEY: "mores_key_test", MORES_URL: "http://mores.test" });
    const bodies = new Set(readCorpus().map((r) => JSON.stringify(r)));
    for (let i = 0; i < 50; i++) {
      const sent = iterate();
      expect(sent.url).toBe("http://mores.test/v1/communities/default/moderate");
      expect(bodies.has(sent.body)).toBe(true);
      expect(sent.headers).toEqual({
        "content-type": "application/json",
        prefer: "return=minimal",
        authorization: "Bearer mores_key_test",
      });
    }
  });

  it("gives each post a content id of its own with CONTENT_IDS=1, across the warm-up and the measured run", () => {
    const { iterate } = loadScript({ CONTENT_IDS: "1" });
    const texts = new Set(readCorpus().map((r) => r.content.text));
    const ids = new Set<string>();
    for (const scenario of ["warmup", "moderate"])
      for (let i = 0; i < 100; i++) {
        const content = (JSON.parse(iterate(scenario).body) as { content: { id: string; text: string } }).content;
        expect(texts.has(content.text)).toBe(true);
        ids.add(content.id);
      }
    expect(ids.size).toBe(200);
    // Without it, no content id is sent (the bench's default).
    expect(JSON.parse(loadScript({}).iterate().body).content.id).toBeUndefined();
  });
});
