import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { OPENAI_CATEGORIES } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

/** The official `openai` client with its baseURL at mores: what a switching OpenAI user runs. */
const cases = parse(readFileSync(repoPath("test/fixtures/shims.yaml"), "utf8")) as {
  benign: string;
  reclaimed: { text: string; author: unknown };
  aimed: { text: string; author: unknown };
};

const [backend] = backends();

describe(`OpenAI /v1/moderations on ${backend?.name}`, () => {
  let svc: TestService;
  let t: Tenant;
  let client: OpenAI;

  beforeAll(async () => {
    svc = await startService(backend as NonNullable<typeof backend>);
    t = await newTenant(svc, "chatters");
    client = new OpenAI({ apiKey: t.keys.platform, baseURL: `${svc.base}/v1`, maxRetries: 0 });
  });
  afterAll(() => svc?.close());

  const wellFormed = (r: OpenAI.Moderation) => {
    expect(Object.keys(r.categories).sort()).toEqual([...OPENAI_CATEGORIES].sort());
    expect(Object.keys(r.category_scores).sort()).toEqual([...OPENAI_CATEGORIES].sort());
    for (const c of OPENAI_CATEGORIES) {
      expect(typeof r.categories[c as keyof typeof r.categories]).toBe("boolean");
      const s = r.category_scores[c as keyof typeof r.category_scores];
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(r.category_applied_input_types[c as keyof typeof r.category_applied_input_types]).toEqual(["text"]);
    }
  };

  it("a string: one well-formed result; the ruling id comes back in a header and can be appealed", async () => {
    const { data, response } = await client.moderations
      .create({ model: "mores:chatters", input: cases.aimed.text })
      .withResponse();
    expect(data.model).toBe("mores:chatters");
    expect(data.id).toMatch(/^modr_/);
    expect(data.results).toHaveLength(1);
    const [r] = data.results as [OpenAI.Moderation];
    wellFormed(r);
    expect(r.flagged).toBe(true);
    expect(r.categories.hate).toBe(true);
    expect(r.category_scores.hate).toBeGreaterThanOrEqual(0.9);
    const id = response.headers.get("mores-ruling-id") as string;
    expect(id).toMatch(/^rul_/);
    const appeal = await svc.send("POST", `${t.path}/rulings/${id}/appeals`, {
      key: t.keys.platform,
      body: { grounds: "context" },
    });
    expect(appeal.status).toBe(201);
  });

  it("an array of strings: one result per string, in order, each its own ruling; the default model is the key's community", async () => {
    const { data, response } = await client.moderations
      .create({ model: "omni-moderation-latest", input: [cases.benign, cases.aimed.text] })
      .withResponse();
    expect(data.model).toBe("mores:chatters");
    expect(data.results.map((r) => r.flagged)).toEqual([false, true]);
    for (const r of data.results) wellFormed(r);
    expect(Object.values(data.results[0]?.category_scores ?? {})).toEqual(OPENAI_CATEGORIES.map(() => 0));
    expect(response.headers.get("mores-ruling-id")?.split(", ")).toHaveLength(2);
  });

  it("content parts: the text parts are judged together; an image part is a clear OpenAI-shaped error", async () => {
    const data = await client.moderations.create({
      model: "mores:chatters",
      input: [
        { type: "text", text: "See you" },
        { type: "text", text: "at the match." },
      ],
    });
    expect(data.results).toHaveLength(1);
    wellFormed(data.results[0] as OpenAI.Moderation);
    const refused = await client.moderations
      .create({
        model: "mores:chatters",
        input: [
          { type: "text", text: "look" },
          { type: "image_url", image_url: { url: "https://example.com/a.png" } },
        ],
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    const err = refused as InstanceType<typeof OpenAI.BadRequestError>;
    expect(err.status).toBe(400);
    expect(err.error).toMatchObject({ type: "invalid_request_error", param: "input.1", code: "unsupported_input" });
    expect(err.message).toMatch(/text only/);
  });

  it("a reclaimed slur from a declared in-group author scores low on hate; the same word aimed at someone, high", async () => {
    const hate = async (c: { text: string; author: unknown }) => {
      const data = await client.moderations.create({
        model: "mores:chatters",
        input: c.text,
        mores: { author: c.author },
      } as never);
      return (data as OpenAI.ModerationCreateResponse).results[0]?.category_scores.hate as number;
    };
    expect(await hate(cases.reclaimed)).toBeLessThan(0.2);
    expect(await hate(cases.aimed)).toBeGreaterThanOrEqual(0.9);
  });

  it("errors are OpenAI-shaped and record nothing: bad key, another community, bad input", async () => {
    const before = await svc.rowCounts();
    const bad = new OpenAI({ apiKey: "mores_key_nonsense", baseURL: `${svc.base}/v1`, maxRetries: 0 });
    const unauth = await bad.moderations.create({ input: "hi" }).catch((e: unknown) => e);
    expect(unauth).toBeInstanceOf(OpenAI.AuthenticationError);
    const other = await client.moderations.create({ model: "mores:default", input: "hi" }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(OpenAI.PermissionDeniedError);
    for (const body of [
      { input: 42 },
      { input: [] },
      { input: ["a", { type: "text", text: "b" }] },
      {},
      { input: "x".repeat(70_000) },
    ]) {
      const res = await fetch(`${svc.base}/v1/moderations`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${t.keys.platform}` },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const err = await expectJson<{ error: { message: string; type: string; param: unknown; code: unknown } }>(
        res,
        res.status,
      );
      expect(Object.keys(err.error).sort()).toEqual(["code", "message", "param", "type"]);
    }
    expect(await svc.rowCounts()).toEqual(before);
  });
});
