/**
 * IP addresses as bytes (4 for IPv4, 16 for IPv6), parsed from the canonical
 * text that the WHATWG URL parser and the resolver produce. Spellings such as
 * `0x7f.1` or `2130706433` never reach this file: `new URL` has already
 * rewritten them to dotted quads, so there is one form to check.
 * Portable (no node:net), because Workers check literal addresses too.
 */
export type IpBytes = Uint8Array;

/** A dotted quad of decimal octets, nothing else. */
export function parseIpv4(text: string): IpBytes | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (const [i, p] of parts.entries()) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    bytes[i] = Number(p);
  }
  return bytes;
}

/** An IPv6 address with or without brackets, `::` compression, a dotted IPv4 tail or a zone (`%eth0`, ignored). */
export function parseIpv6(text: string): IpBytes | null {
  const bare = text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  if (!bare.includes(":")) return null;
  const halves = bare.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string | undefined): number[] | null => {
    if (!half) return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseIpv4(p);
        if (!v4) return null;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(Number.parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

export const parseIp = (text: string): IpBytes | null => parseIpv4(text) ?? parseIpv6(text);

/** A network: its first address and how many leading bits are fixed. */
export type Cidr = { base: IpBytes; bits: number };

/** `10.0.0.0/8`, `fc00::/7`, or a bare address (a network of one). */
export function parseCidr(text: string): Cidr | null {
  const [addr = "", len, extra] = text.trim().split("/");
  const base = parseIp(addr);
  if (!base || extra !== undefined) return null;
  const max = base.length * 8;
  if (len === undefined) return { base, bits: max };
  if (!/^\d{1,3}$/.test(len) || Number(len) > max) return null;
  return { base, bits: Number(len) };
}

/** Whether `ip` lies in `cidr` (of the same family). */
export function inCidr(ip: IpBytes, cidr: Cidr): boolean {
  if (ip.length !== cidr.base.length) return false;
  for (let bit = 0; bit < cidr.bits; bit += 8) {
    const take = Math.min(8, cidr.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((ip[bit / 8] ?? 0) & mask) !== ((cidr.base[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}
