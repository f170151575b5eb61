import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parse } from "yaml";
import { repoPath } from "../helpers/packs.js";
import { jsonPaths, replaceAt } from "./json-leaves.js";
import { fillPath, type Route } from "./openapi-routes.js";

/** What the fuzz suite sends: the URL path and query as raw text, headers, and a body as text. */
export type HostileRequest = {
  route: string;
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** Send 20 KiB of extra header (kept out of `headers` so a counterexample stays readable). */
  oversized: boolean;
};

type Inputs = {
  segments: string[];
  strings: string[];
  query_values: string[];
  content_types: string[];
  methods: string[];
};
const INPUTS = parse(readFileSync(repoPath("test/fixtures/fuzz-inputs.yaml"), "utf8")) as Inputs;

/** Any JSON value, with the hostile strings mixed into fast-check's own. */
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INPUTS.strings) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 65_000, maxLength: 70_000 }) },
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [[[[[[]]]]]]) },
);

/** The example body with one leaf (or a new key) replaced by a hostile value. */
function mutate(example: unknown): fc.Arbitrary<unknown> {
  const leaves = jsonPaths(example);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...leaves), hostileValue).map(([path, value]) => replaceAt(example, path, () => value)),
    fc.tuple(hostileString, hostileValue).map(([k, v]) => ({ ...(example as object), [k]: v })),
  );
}

/** A body as text: valid, mutated, random JSON, broken JSON, or not JSON at all. */
function bodyText(route: Route): fc.Arbitrary<string | undefined> {
  const example = route.body ?? {};
  const json = JSON.stringify(example);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(json) },
    { weight: 5, arbitrary: mutate(example).map((v) => JSON.stringify(v) ?? "null") },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.nat(json.length).map((n) => json.slice(0, n)) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const segment = (real: (param: string, owner: string) => string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(real) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...INPUTS.segments).map((s) => () => s),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }).map((s) => () => encodeURIComponent(s)) },
  );

const queryPart = (route: Route) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...(route.query.length ? route.query : ["limit"])),
          fc.constantFrom("x", "%zz", "a%00"),
        ),
        fc.oneof(
          fc.constantFrom(...INPUTS.query_values),
          fc.string({ unit: "binary", maxLength: 30 }).map(encodeURIComponent),
        ),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

/** Header values must stay printable ASCII for fetch to send them at all. */
const headerValue = fc.oneof(
  fc.constantFrom("", "has spaces in it", "k".repeat(300), "ok-key-1", "%00"),
  fc.string({ unit: "binary-ascii", maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
);

/**
 * A hostile request for one of `routes`: the route's own method mostly, a
 * wrong one sometimes; real ids or hostile segments; hostile query values;
 * any body under any content type; a key of the operator, of a community,
 * a wrong one or none; odd idempotency keys; now and then 20 KiB of header.
 */
export function hostileRequest(
  routes: Route[],
  ids: (param: string, owner: string) => string,
  keys: string[],
): fc.Arbitrary<HostileRequest> {
  return fc.constantFrom(...routes).chain((route) =>
    fc
      .record({
        method: fc.oneof({ weight: 6, arbitrary: fc.constant(route.method) }, fc.constantFrom(...INPUTS.methods)),
        segment: segment(ids),
        query: queryPart(route),
        body: bodyText(route),
        type: fc.oneof(
          { weight: 4, arbitrary: fc.constant("application/json") },
          fc.constantFrom(...INPUTS.content_types),
        ),
        key: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, fc.constant(null), headerValue),
        idempotency: fc.option(headerValue, { freq: 4 }),
        oversized: fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      })
      .map((r) => {
        const withBody = r.body !== undefined && r.method !== "GET";
        const headers: Record<string, string> = {
          ...(r.key === null ? {} : { authorization: `Bearer ${r.key}` }),
          ...(withBody && r.type ? { "content-type": r.type } : {}),
          ...(r.idempotency === null ? {} : { "idempotency-key": r.idempotency }),
        };
        return {
          route: `${route.method} ${route.path}`,
          method: r.method,
          target: fillPath(route.path, r.segment) + r.query,
          headers,
          oversized: r.oversized,
          ...(withBody ? { body: r.body } : {}),
        };
      }),
  );
}
