// mores/client: a typed fetch client for the mores API. The types (index.d.ts, schema.d.ts) are generated from
// /openapi.json by `npm run generate:client`; this file is plain JavaScript so it runs without a build step.
import createClient from "openapi-fetch";

/**
 * An openapi-fetch client for mores that sends `apiKey` as the bearer key on every request.
 *
 * @example
 * const mores = createMoresClient({ baseUrl: "http://127.0.0.1:8787", apiKey: process.env.MORES_KEY });
 * const { data, error } = await mores.POST("/v1/communities/{community}/moderate", {
 *   params: { path: { community: "default" } },
 *   body: { content: { text: "See you at the match tonight!" } },
 * });
 */
export function createMoresClient({ apiKey, headers, ...options }) {
  return createClient({
    ...options,
    headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...headers },
  });
}
