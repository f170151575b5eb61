import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { startJudgedService } from "../support/judged-service.js";
import { judgment, type ScriptedLlm } from "../support/scripted-llm.js";
import { startService, type TestService } from "../support/service.js";

/**
 * Overload: past MORES_MAX_IN_FLIGHT requests at once, the next one gets a
 * quick 503 `overloaded` with Retry-After rather than a place in a queue,
 * while /health and /ready keep answering. Slow clients are cut off by the
 * header and request timeouts instead of holding connections open.
 */
const MODERATE = "/v1/communities/default/moderate";
const MAX_IN_FLIGHT = 3;

let llm: ScriptedLlm;
let svc: TestService;
/** A second service with tight header and request timeouts, for the slow clients only. */
let strict: TestService;
beforeAll(async () => {
  ({ svc, llm } = await startJudgedService({
    MORES_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
    // No webhook worker: with it polling the same PGlite, one of the slow requests was seen not to reach
    // the model (2 runs in 5 under heavy machine load; not reproduced since). See the README's Known limits.
    MORES_WEBHOOK_INTERVAL_MS: "0",
    // The model answers when the test releases it: no reasoner timeout may free a slot before that.
    REASONER_TIMEOUT_MS: "120000",
    REASONER_BUDGET_MS: "120000",
  }));
  // Apart from the admission test: on a busy machine an 800 ms request deadline also cut off its held requests
  // (a 408 where a 201 was due).
  const [pglite] = backends();
  strict = await startService(pglite as NonNullable<typeof pglite>, {
    MORES_HEADERS_TIMEOUT_MS: "400",
    MORES_REQUEST_TIMEOUT_MS: "800",
  });
});
afterAll(async () => {
  await svc?.close();
  await strict?.close();
  await llm?.close();
});

/**
 * A message the model must judge (reclamation the text suggests, with no declared membership to settle it by
 * rules); a distinct parent per call, so no two share a judgment.
 */
const slow = (i: number) => ({
  content: { text: "Proud faggot here, and my husband says hi." },
  context: { parent: { text: `thread ${i}` } },
});

describe("admission control", () => {
  it("beyond the bound, /v1 answers 503 overloaded at once; /health and /ready stay fast; capacity returns", async () => {
    const answer = judgment({ verdict: "unclear" });
    llm.received.length = 0;
    // The model holds every slot until this test lets it answer: no race with a fixed delay on a slow machine.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    llm.script(...Array.from({ length: MAX_IN_FLIGHT }, () => ({ until: held, content: answer })));
    // Platforms' `Prefer: return=minimal` requests are served by Node's write lane: one count holds for both paths.
    const minimal = (i: number): Record<string, string> => (i % 2 === 1 ? { prefer: "return=minimal" } : {});
    const busy = Array.from({ length: MAX_IN_FLIGHT }, (_, i) => svc.post(MODERATE, slow(i), minimal(i)));
    // Wait until every slow request is waiting on the model, or say what a request that never got there was answered.
    const arrived = await Promise.race([
      llm.arrivals(MAX_IN_FLIGHT).then(() => true),
      Promise.all(busy).then(() => false),
    ]);
    if (!arrived) {
      const answers = await Promise.all(
        busy.map(async (r) => `${(await r).status} ${(await (await r).text()).slice(0, 300)}`),
      );
      expect.fail(`only ${llm.received.length} slow requests reached the model; answers: ${answers.join(" | ")}`);
    }

    // Every slot stays held until `release`: these are answered without waiting for one (a request put in a
    // queue would never be answered here, and the test would time out).
    const turnedAway = await Promise.all(Array.from({ length: 6 }, (_, i) => svc.post(MODERATE, slow(99), minimal(i))));
    const health = await fetch(`${svc.base}/health`);
    const ready = await fetch(`${svc.base}/ready`);

    for (const res of turnedAway) {
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("retry-after")).toBe("1");
      expect(((await res.json()) as { code: string }).code).toBe("overloaded");
    }
    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(llm.received).toHaveLength(MAX_IN_FLIGHT); // the turned-away requests cost no model call

    release();
    for (const res of await Promise.all(busy)) expect(res.status).toBe(201);
    expect((await svc.post(MODERATE, { content: { text: "hello again" } })).status).toBe(201);
  });
});

/** Opens a raw connection, sends `write`, and resolves with what the server answered once it closed the socket. */
function slowClient(write: string): Promise<{ closedAfterMs: number; answer: string }> {
  const url = new URL(strict.base);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(url.port), url.hostname, () => socket.write(write));
    let answer = "";
    socket.on("data", (d) => {
      answer += d.toString();
    });
    socket.on("close", () => resolve({ closedAfterMs: performance.now() - started, answer }));
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      reject(new Error("the server kept a slow client's connection open for 10 s"));
    }, 10_000);
  });
}

describe("slow clients", () => {
  it("a client that never finishes its headers is answered 408 and disconnected", async () => {
    const { answer } = await slowClient(`POST ${MODERATE} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: `);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("a client that never finishes its body is disconnected", async () => {
    const head = `POST ${MODERATE} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n`;
    const { closedAfterMs } = await slowClient(`${head}{"content":`);
    expect(closedAfterMs).toBeLessThan(5000);
  });
});
