import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsJson } from "../../src/db/json-rows.js";
import { rulingNorms, rulings } from "../../src/db/schema/index.js";

/**
 * What rowsJson must write: JSON.stringify of one object per row keyed by column name, dates as ISO strings; the
 * `json` columns left out when asked.
 */
function reference(table: typeof rulings | typeof rulingNorms, rows: Record<string, unknown>[], withoutJson = false) {
  const columns = Object.entries(getTableColumns(table))
    .filter(([, column]) => !withoutJson || column.getSQLType() !== "json")
    .map(([key, column]) => [key, column.name] as const);
  return JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, name] of columns) {
        const v = row[key];
        if (v !== undefined) out[name] = v instanceof Date ? v.toISOString() : v;
      }
      return out;
    }),
  );
}

const at = new Date("2026-11-30T22:41:07.123Z");
const ruling = {
  id: "rul_01m81scmsngq0c41dqgxwxdr54",
  communityId: "default",
  normSetVersion: 3,
  decision: "hide",
  status: "final",
  contentId: null,
  contentKind: undefined,
  contentHash: "ab".repeat(32),
  contentText: 'He said "go away" \\ — 🙂 and\nleft\u2028',
  requestHash: "",
  idempotencyKey: null,
  author: { id: "u-77", groups: ["trans"] },
  context: null,
  facts: { text: "he said go away", counts: [1, 2.5, -3], nested: { when: at, none: null, gone: undefined } },
  evidence: [{ category: "insult", span: [0, 4], excerpt: "you <b>" }],
  trace: { norms: {}, pending: [], work: { candidates: 0 } },
  origin: "evaluation",
  supersedes: null,
  language: "en",
  labels: null,
  createdAt: at,
  appealUntil: new Date(at.getTime() + 180 * 86_400_000),
};

describe("rowsJson (the write path's JSON of rows)", () => {
  it("writes what JSON.stringify of the rows keyed by column name writes, json columns left out when asked", () => {
    const other = { ...ruling, id: "rul_2", contentText: null, labels: ["language_unsupported"], facts: {} };
    expect(rowsJson(rulings, [ruling, other] as never, true)).toBe(reference(rulings, [ruling, other], true));
    expect(JSON.parse(rowsJson(rulings, [ruling] as never, true))[0]).toMatchObject({
      community_id: "default",
      created_at: "2026-11-30T22:41:07.123Z",
      content_text: ruling.contentText,
    });
  });

  it("leaves out undefined properties and keeps nulls", () => {
    const [row] = JSON.parse(rowsJson(rulings, [ruling] as never, true));
    expect(row).not.toHaveProperty("content_kind");
    expect(row.content_id).toBeNull();
  });

  it("refuses a column that stores its values in a form of its own (a ruling's facts): insertRows sends it", () => {
    expect(() => rowsJson(rulings, [ruling] as never)).toThrow(/column facts maps its values; insert with insertRows/);
  });

  it("writes an empty array for no rows, and each table's own columns", () => {
    expect(rowsJson(rulingNorms, [])).toBe("[]");
    const norm = { rulingId: "rul_1", communityId: "default", normId: "no-slurs", normVersion: 2, position: 0 };
    expect(rowsJson(rulingNorms, [norm] as never)).toBe(reference(rulingNorms, [norm]));
  });
});
