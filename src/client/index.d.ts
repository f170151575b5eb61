import type { Client, ClientOptions } from "openapi-fetch";
import type { Readable, Writable } from "openapi-typescript-helpers";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

// The schemas as the client hands them over: openapi-fetch passes answers through Readable and bodies through
// Writable, which turn fixed-length tuples (an evidence span) into arrays, so `const r: Ruling = data` compiles.
/** A recorded ruling: what moderateContent answers and getRuling reads back. */
export type Ruling = Readable<components["schemas"]["Ruling"]>;
/** What moderateContent answers with `Prefer: return=minimal`: decision, norms as id@version, appeal deadline, links. */
export type RulingSummary = Readable<components["schemas"]["RulingSummary"]>;
/** The body of moderateContent: the content, its author and its context. */
export type EvaluationRequest = Writable<components["schemas"]["EvaluationRequest"]>;
/** Every error answer (application/problem+json). */
export type Problem = Readable<components["schemas"]["Problem"]>;

export type MoresClientOptions = Omit<ClientOptions, "headers"> & {
  /** Where mores listens, e.g. "http://127.0.0.1:8787". */
  baseUrl: string;
  /** An API key (`mores_key_…`), sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  headers?: Record<string, string>;
};

/** An openapi-fetch client typed by mores' OpenAPI document. */
export declare function createMoresClient(options: MoresClientOptions): Client<paths>;
