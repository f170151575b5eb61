import { promises as dns, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { WebhookPost } from "./send.js";
import type { Resolve, TargetPolicy } from "./target-policy.js";

/** Every address the system resolver gives a name (hosts file included), in its order. */
export const systemResolve: Resolve = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Node's delivery: node:http(s) with the policy as the connection's lookup.
 * The name is resolved once, every address is checked (one refused address
 * refuses the delivery: DNS rebinding gets no second chance), and the socket
 * connects to those same checked addresses, never to a second resolution.
 * TLS still verifies the certificate against the URL's host name.
 * An address literal skips the lookup; sendDelivery checked it already.
 * Redirects are not followed, and the answer's body is never read.
 * Node-only: imported by the Node entry, never by shared code.
 */
export function nodePost(policy: TargetPolicy): WebhookPost {
  const lookup = (hostname: string, options: { family?: number; all?: boolean }, callback: LookupCallback) => {
    policy.checkedAddresses(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const list = addresses
          .map((address) => ({ address, family: address.includes(":") ? 6 : 4 }))
          .filter((a) => !family || a.family === family);
        const first = list[0];
        if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
        if (options.all) callback(null, list);
        else callback(null, first.address, first.family);
      },
      (e: Error) => callback(e, []),
    );
  };
  return ({ url, headers, body, signal }) =>
    new Promise<number>((resolve, reject) => {
      const client = url.protocol === "https:" ? https : http;
      const req = client.request(
        url,
        {
          method: "POST",
          headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
          signal,
          lookup: lookup as never,
          agent: false,
        },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.destroy();
        },
      );
      req.on("error", reject);
      req.end(body);
    });
}
