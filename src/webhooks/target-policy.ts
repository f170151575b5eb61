import { type AllowList, allowsAddress, allowsHost, EMPTY_ALLOW_LIST } from "../lib/net/allow-list.js";
import { parseIp } from "../lib/net/ip-address.js";
import { addressRefusal, type RefusalReason } from "./special-ranges.js";

/** A host name's addresses, as text: Node's dns.lookup, or a test's own answers. */
export type Resolve = (hostname: string) => Promise<string[]>;

export type Refusal = { reason: RefusalReason; detail: string };

/** A delivery refused at connect time: the name resolved to an address mores does not deliver to. */
export class TargetRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
  }
}

/** Names that are internal whatever a resolver says (RFC 6761 `localhost`, the metadata services' names). */
const INTERNAL_NAMES: Array<[RegExp, RefusalReason]> = [
  [/(^|\.)localhost$/, "loopback"],
  [/^(localhost\.localdomain|ip6-localhost|ip6-loopback)$/, "loopback"],
  [/^(metadata|metadata\.google\.internal|metadata\.goog)$/, "metadata"],
];

const ARTICLE: Record<RefusalReason, string> = {
  loopback: "a loopback",
  private: "a private",
  "link-local": "a link-local",
  metadata: "a cloud metadata",
  unspecified: "an unspecified",
  "unique-local": "a unique-local",
  shared: "a shared (carrier-grade NAT)",
  multicast: "a multicast",
  broadcast: "the broadcast",
  reserved: "a reserved",
};
const HINT =
  "mores delivers webhooks only to public addresses; an operator can allow a receiver of their own with MORES_WEBHOOK_ALLOW_PRIVATE";

const refusal = (reason: RefusalReason, what: string): Refusal => ({
  reason,
  detail: `${what} ${ARTICLE[reason]} address; ${HINT}`,
});

/**
 * Where webhooks may go. A URL's host is checked as written (every spelling
 * of an address is one canonical form after `new URL`), and, where a resolver
 * exists (Node), every address its name resolves to: at registration, and
 * again as the delivery connects, so a name re-pointed at 127.0.0.1 later is
 * caught (see node-post.ts). Workers have no resolver: only the first check.
 */
export class TargetPolicy {
  constructor(
    readonly allow: AllowList = EMPTY_ALLOW_LIST,
    readonly resolve?: Resolve,
    private readonly resolveTimeoutMs = 2000,
  ) {}

  /** The host as written: an address literal, or a name that is internal by definition. */
  literalRefusal(url: URL): Refusal | null {
    const host = url.hostname.toLowerCase().replace(/\.$/, "");
    if (allowsHost(this.allow, host)) return null;
    const ip = parseIp(host);
    if (ip) {
      const reason = allowsAddress(this.allow, ip) ? null : addressRefusal(ip);
      return reason && refusal(reason, `${url.hostname} is`);
    }
    const named = INTERNAL_NAMES.find(([pattern]) => pattern.test(host));
    return named ? refusal(named[1], `"${url.hostname}" names`) : null;
  }

  /** One resolved address of `hostname`; the address itself stays out of the message (no DNS oracle). */
  resolvedRefusal(hostname: string, address: string): Refusal | null {
    if (allowsHost(this.allow, hostname)) return null;
    const ip = parseIp(address);
    if (!ip) return refusal("reserved", `"${hostname}" resolves to an unreadable address, not`);
    const reason = allowsAddress(this.allow, ip) ? null : addressRefusal(ip);
    return reason && refusal(reason, `"${hostname}" resolves to`);
  }

  /**
   * Registration: the literal check, then, with a resolver, every address the
   * name has now. A name that does not resolve (yet) is accepted: the check
   * at delivery is the one that counts, and it refuses what it must then.
   */
  async refusalAtRegistration(url: URL): Promise<Refusal | null> {
    const literal = this.literalRefusal(url);
    if (literal || !this.resolve || parseIp(url.hostname)) return literal;
    const addresses = await this.resolveWithin(url.hostname);
    for (const a of addresses) {
      const r = this.resolvedRefusal(url.hostname, a);
      if (r) return r;
    }
    return null;
  }

  /** Every address of `hostname`, each checked; throws TargetRefused if any is refused (rebinding gets no second chance). */
  async checkedAddresses(hostname: string): Promise<string[]> {
    if (!this.resolve) throw new Error("no resolver on this runtime");
    const addresses = await this.resolve(hostname);
    for (const a of addresses) {
      const r = this.resolvedRefusal(hostname, a);
      if (r) throw new TargetRefused(r);
    }
    return addresses;
  }

  private async resolveWithin(hostname: string): Promise<string[]> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), this.resolveTimeoutMs);
    });
    const resolved = (this.resolve as Resolve)(hostname.replace(/^\[|\]$/g, "")).catch(() => [] as string[]);
    return Promise.race([resolved, timeout]).finally(() => clearTimeout(timer));
  }
}
