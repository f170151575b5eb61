import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/lib/logger.js";
import { openaiModerationSignals } from "../../src/moderation/outside-signals.js";

/** OpenAI's moderation called by mores: scores become signals; any failure leaves them absent. */
const config = {
  baseUrl: "http://moderation.test/v1/",
  apiKey: "sk-test",
  model: "omni-moderation-latest",
  timeoutMs: 50,
};
const logger = createLogger("silent");
const answer = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("outside signals from OpenAI moderation", () => {
  it("turns each category score into a signal name a norm can write, sending the text with the key", async () => {
    let sent: { url: string; init: RequestInit } | undefined;
    const fetcher = (async (url: string, init: RequestInit) => {
      sent = { url, init };
      return answer(200, {
        results: [{ category_scores: { hate: 0.97, "harassment/threatening": 0.2, junk: "x" } }],
      })();
    }) as unknown as typeof fetch;
    const signals = await openaiModerationSignals(config, logger, fetcher)("some text");
    expect(signals).toEqual({ openai_hate: 0.97, openai_harassment_threatening: 0.2 });
    if (!sent) throw new Error("nothing was sent");
    expect(sent.url).toBe("http://moderation.test/v1/moderations");
    expect(JSON.parse(sent.init.body as string)).toEqual({ model: "omni-moderation-latest", input: "some text" });
    expect((sent.init.headers as Record<string, string>).authorization).toBe("Bearer sk-test");
  });

  it("an error status, a malformed answer, a network failure or a timeout: no signals at all", async () => {
    const never = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      )) as unknown as typeof fetch;
    const failing = [
      answer(500, { error: { message: "down" } }),
      answer(200, { results: [] }),
      answer(200, "not an object"),
      async () => {
        throw new TypeError("fetch failed");
      },
    ] as unknown as Array<typeof fetch>;
    for (const fetcher of [...failing, never])
      expect(await openaiModerationSignals(config, logger, fetcher)("t")).toEqual({});
  });
});
