import { describe, expect, it } from "vitest";
import { findBadUrlText } from "../../src/http/url-text.js";
import { findUnstorable, mayHoldUnstorable, unstorableAt } from "../../src/http/well-formed-text.js";

describe("unstorable text in JSON bodies", () => {
  it("finds NUL and lone surrogates with their offset; accepts pairs, emoji and other controls", () => {
    expect(unstorableAt("ab\u0000c")).toEqual({ offset: 2, found: "U+0000" });
    expect(unstorableAt("x\ud800")).toEqual({ offset: 1, found: "U+D800" });
    expect(unstorableAt("\udc00y")).toEqual({ offset: 0, found: "U+DC00" });
    expect(unstorableAt("\ud83d\ude00\ud83d")).toEqual({ offset: 2, found: "U+D83D" });
    expect(unstorableAt("ok \ud83d\ude00 \u0001 \uffff \ufeff")).toBeUndefined();
  });

  it("names the string by RFC 6901 pointer, keys included", () => {
    expect(findUnstorable({ a: [1, { "b/c~": "x\u0000" }] })).toEqual({
      in: "body",
      pointer: "/a/1/b~1c~0",
      offset: 1,
      found: "U+0000",
    });
    expect(findUnstorable({ ok: "fine", "k\ud800": 1 })).toMatchObject({
      pointer: "/k\ud800",
      found: "U+D800 in the key",
    });
    expect(findUnstorable({ a: ["\ud83d\ude00"], b: null, c: 3 })).toBeUndefined();
  });

  it("the raw-text test flags every body that parses to such a string, and skips paired escapes", () => {
    for (const value of [{ t: "\u0000" }, { t: "a\ud800" }, { t: "\udfffz" }, { t: "\ud800\ud83d\ude00" }])
      expect(mayHoldUnstorable(JSON.stringify(value)), JSON.stringify(value)).toBe(true);
    expect(mayHoldUnstorable('{"t":"\\ud83d\\ude00 and \\u00e9"}')).toBe(false);
    expect(mayHoldUnstorable('{"t":"plain text"}')).toBe(false);
  });
});

describe("malformed or NUL %-escapes in the URL", () => {
  const at = (path: string) => findBadUrlText(`http://h${path}`);
  it("names the path segment or query parameter and the offset of the escape", () => {
    expect(at("/v1/communities/%zz/moderate")).toMatchObject({ in: "path", segment: 3, offset: 0 });
    expect(at("/v1/communities/ab%E0%A4/x")).toMatchObject({ in: "path", segment: 3, offset: 2 });
    expect(at("/v1/x/%ED%A0%80")).toMatchObject({ in: "path", segment: 3 });
    expect(at("/v1/x/ok%00")).toMatchObject({ in: "path", segment: 3, offset: 2, found: "U+0000" });
    expect(at("/v1/x/%41%")).toMatchObject({ in: "path", offset: 3 });
    expect(at("/v1/x?limit=5&cursor=%zz")).toMatchObject({ in: "query", parameter: "cursor", offset: 7 });
    expect(at("/v1/x?a%00=1")).toMatchObject({ in: "query", parameter: "a%00", found: "U+0000" });
  });
  it("passes well-formed URLs, encoded slashes and UTF-8 included", () => {
    for (const p of ["/v1/communities/default", "/v1/x/%2F%C3%A9%F0%9F%92%A9?q=%20a+b", "/", "/v1/x?"])
      expect(at(p), p).toBeUndefined();
  });
});

describe("deeply nested bodies", () => {
  it("a NUL a million arrays deep is found, not a stack overflow", () => {
    const depth = 1_000_000;
    const text = `${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}`;
    expect(mayHoldUnstorable(text)).toBe(true);
    const found = findUnstorable(JSON.parse(text));
    expect(found?.found).toBe("U+0000");
    expect(found?.pointer.length).toBe(2 * depth);
  });
});
