import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

const cases = parse(readFileSync(repoPath("test/fixtures/language-cases.yaml"), "utf8")) as {
  foreign: Array<{ code: string; text: string }>;
  english: string[];
};
const spanish = cases.foreign.find((c) => c.code === "es") as { text: string };
const french = cases.foreign.find((c) => c.code === "fr") as { text: string };
const german = cases.foreign.find((c) => c.code === "de") as { text: string };

/** Never a silent allow for a language the norms cannot read. */
describe.each(backends())("unsupported languages on $name", (backend) => {
  let svc: TestService;
  let held: Tenant;
  let labelled: Tenant;
  beforeAll(async () => {
    svc = await startService(backend);
    held = await newTenant(svc, "held"); // default: language.unsupported = review
    labelled = await newTenant(svc, "labelled", { language: { unsupported: "allow" } });
  });
  afterAll(() => svc?.close());

  const moderate = (t: Tenant, text: string) =>
    expectJson<Ruling>(
      svc.send("POST", `${t.path}/moderate`, { key: t.keys.platform, body: { content: { text } } }),
      201,
    );

  it("a Spanish insult the English pack cannot read goes to review, recorded with its language and label", async () => {
    const r = await moderate(held, spanish.text);
    expect(r).toMatchObject({ decision: "review", language: "es", labels: ["language_unsupported"] });
    // Held for a language the norms cannot read or for what the rules saw: the label tells the moderator either way.
    expect(await moderate(held, french.text)).toMatchObject({ language: "fr", labels: ["language_unsupported"] });
    expect(
      await expectJson<Ruling>(svc.send("GET", `${held.path}/rulings/${r.id}`, { key: held.keys.platform }), 200),
    ).toMatchObject({
      language: "es",
      labels: ["language_unsupported"],
    });
    const queue = await expectJson<{ data: Array<{ ruling: Ruling }> }>(
      svc.send("GET", `${held.path}/reviews`, { key: held.keys.moderator }),
      200,
    );
    expect(queue.data.map((x) => x.ruling.id)).toContain(r.id);
  });

  it("with language.unsupported = allow it is allowed, but labelled language_unsupported and explained", async () => {
    const r = await moderate(labelled, german.text);
    expect(r).toMatchObject({ decision: "allow", language: "de", labels: ["language_unsupported"] });
    const s = await expectJson<{ author: { language?: string } }>(
      svc.send("GET", `${labelled.path}/rulings/${r.id}/statement`, { key: labelled.keys.platform }),
      200,
    );
    expect(s.author.language).toMatch(/\(de\).*allowed without that check/);
  });

  it("English with slurs, slang and emoji is not taken for a foreign language", async () => {
    for (const text of cases.english) {
      const r = await moderate(held, text);
      expect(r.labels, text).toEqual([]);
      expect([null, "en"], text).toContain(r.language);
    }
    expect((await moderate(held, "Lovely weather for the match, see you all at the pub later.")).language).toBe("en");
  });
});
