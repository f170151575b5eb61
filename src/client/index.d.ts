import type { Client, ClientOptions } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** A recorded ruling: what moderateContent answers and getRuling reads back. */
export type Ruling = components["schemas"]["Ruling"];
/** The body of moderateContent: the content, its author and its context. */
export type EvaluationRequest = components["schemas"]["EvaluationRequest"];
/** Every error answer (application/problem+json). */
export type Problem = components["schemas"]["Problem"];

export type MoresClientOptions = Omit<ClientOptions, "headers"> & {
  /** Where mores listens, e.g. "http://127.0.0.1:8787". */
  baseUrl: string;
  /** An API key (`mores_key_…`), sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  headers?: Record<string, string>;
};

/** An openapi-fetch client typed by mores' OpenAPI document. */
export declare function createMoresClient(options: MoresClientOptions): Client<paths>;
