import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parsePrefer } from "../../src/http/prefer.js";
import { repoPath } from "../helpers/packs.js";

type Case = { header: string; expect: { return?: string; wait?: number; respond_async: boolean } };
const cases = parse(readFileSync(repoPath("test/fixtures/prefer-headers.yaml"), "utf8")) as Case[];

describe("the Prefer header (RFC 7240)", () => {
  it.each(cases)("$header", ({ header, expect: wanted }) => {
    const p = parsePrefer(header);
    expect({ return: p.return, wait: p.wait, respond_async: p.respondAsync }).toEqual({
      return: wanted.return,
      wait: wanted.wait,
      respond_async: wanted.respond_async,
    });
  });

  it("keeps every preference by name with its parameters", () => {
    const p = parsePrefer('handling=lenient; note="x;y", return=minimal');
    expect(p.all.get("handling")).toEqual({ value: "lenient", params: new Map([["note", "x;y"]]) });
  });

  it("no header is no preference", () => {
    expect(parsePrefer(undefined)).toMatchObject({ respondAsync: false, all: new Map() });
  });
});
