import { type Cidr, type IpBytes, inCidr, parseCidr } from "../lib/net/ip-address.js";

/** Why an address is not a place mores delivers to. */
export type RefusalReason =
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "unspecified"
  | "unique-local"
  | "shared"
  | "multicast"
  | "broadcast"
  | "reserved";

/**
 * The special-purpose ranges (IANA IPv4/IPv6 Special-Purpose Address
 * Registries, plus the cloud metadata services) a webhook must never reach:
 * a webhook URL is chosen by a community admin, so anything here would let
 * them make mores call into its own network. Most specific first: the first
 * match names the reason. Everything else is the public internet.
 */
const RANGES: Array<[string, RefusalReason]> = [
  ["169.254.169.254/32", "metadata"], // AWS, GCP, Azure, OpenStack…
  ["169.254.170.2/32", "metadata"], // AWS ECS task metadata
  ["100.100.100.200/32", "metadata"], // Alibaba Cloud
  ["fd00:ec2::254/128", "metadata"], // AWS over IPv6
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared"], // carrier-grade NAT
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"], // IETF protocol assignments
  ["192.0.2.0/24", "reserved"], // documentation
  ["192.88.99.0/24", "reserved"], // 6to4 relay anycast
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "reserved"], // benchmarking
  ["198.51.100.0/24", "reserved"],
  ["203.0.113.0/24", "reserved"],
  ["224.0.0.0/4", "multicast"],
  ["255.255.255.255/32", "broadcast"],
  ["240.0.0.0/4", "reserved"],
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["64:ff9b:1::/48", "reserved"], // NAT64 for local use
  ["100::/64", "reserved"], // discard
  ["2001::/32", "reserved"], // Teredo: the IPv4 inside is obfuscated; no receiver needs it
  ["2001:db8::/32", "reserved"],
  ["fc00::/7", "unique-local"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "private"], // site-local, deprecated
  ["ff00::/8", "multicast"],
];
const TABLE: Array<[Cidr, RefusalReason]> = RANGES.map(([text, reason]) => [parseCidr(text) as Cidr, reason]);

/**
 * IPv6 forms that carry an IPv4 address, which the network may deliver to
 * that IPv4 host: mapped (::ffff:a.b.c.d), translated (::ffff:0:a.b.c.d),
 * compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
 */
const EMBEDDING: Array<[Cidr, number]> = [
  [parseCidr("::ffff:0:0/96") as Cidr, 12],
  [parseCidr("::ffff:0:0:0/96") as Cidr, 12],
  [parseCidr("64:ff9b::/96") as Cidr, 12],
  [parseCidr("2002::/16") as Cidr, 2],
  [parseCidr("::/96") as Cidr, 12],
];

/** The IPv4 address an IPv6 address stands for, if it is one of the embedding forms. */
export function embeddedIpv4(ip: IpBytes): IpBytes | null {
  if (ip.length !== 16) return null;
  for (const [cidr, at] of EMBEDDING) if (inCidr(ip, cidr)) return ip.slice(at, at + 4);
  return null;
}

/**
 * Why mores refuses to deliver to `ip`, or null for a public address. An
 * IPv6 form that embeds an IPv4 address is judged by that address.
 */
export function addressRefusal(ip: IpBytes): RefusalReason | null {
  for (const [cidr, reason] of TABLE) if (inCidr(ip, cidr)) return reason;
  const v4 = embeddedIpv4(ip);
  // The deprecated compatible form (::a.b.c.d) has no legitimate use even for a public IPv4 address.
  if (v4) return addressRefusal(v4) ?? (ip.subarray(0, 12).every((b) => b === 0) ? "reserved" : null);
  return null;
}
