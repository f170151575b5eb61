import { type Cidr, type IpBytes, inCidr, parseCidr } from "./ip-address.js";

/**
 * The operator's exceptions to the internal-address refusal
 * (MORES_WEBHOOK_ALLOW_PRIVATE), for self-hosted receivers and tests:
 * networks whose addresses may be delivered to, and host names whose
 * addresses all may (`hooks.internal`, or `*.corp.example` for its
 * subdomains). Empty by default: nothing internal is reachable.
 */
export type AllowList = { networks: Cidr[]; hosts: string[] };

export const EMPTY_ALLOW_LIST: AllowList = { networks: [], hosts: [] };

const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Parses the comma-separated setting; throws with the offending entry when one is neither a network nor a host name. */
export function parseAllowList(text: string | undefined): AllowList {
  const list: AllowList = { networks: [], hosts: [] };
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim().toLowerCase().replace(/\.$/, "");
    if (!entry) continue;
    const network = parseCidr(entry);
    if (network) list.networks.push(network);
    else if (HOST.test(entry) && !/^[\d.]+$/.test(entry)) list.hosts.push(entry);
    else throw new Error(`"${raw.trim()}" is neither a network (10.0.0.0/8, ::1/128, 127.0.0.1) nor a host name`);
  }
  return list;
}

/** Whether the operator allowed this host name (compared without case or a trailing dot). */
export function allowsHost(list: AllowList, hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return list.hosts.some((h) => (h.startsWith("*.") ? host.endsWith(h.slice(1)) : host === h));
}

export const allowsAddress = (list: AllowList, ip: IpBytes): boolean => list.networks.some((n) => inCidr(ip, n));
