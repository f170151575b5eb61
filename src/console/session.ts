import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Services } from "../context.js";
import { apiKeys } from "../db/schema/index.js";
import type { Principal, Role } from "../domain/index.js";

/** Who is signed in: never the key itself, only its id, so a leaked cookie is no API key. */
export type ConsoleSession = {
  key: string;
  community: string;
  role: Role;
  name: string;
  /** The per-session token every form carries (see csrf.ts). */
  csrf: string;
  /** Milliseconds since the epoch. */
  expires: number;
};

export const SESSION_COOKIE = "mores_console";
/** A working day: a moderator signs in once a shift. */
export const SESSION_MS = 8 * 3_600_000;
const PURPOSE = "mores console session v1";

const secretOf = (services: Services) => services.webhooks.secrets.derivedSecret(PURPOSE);

const randomToken = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
};

/**
 * Cookie attributes: HttpOnly and SameSite=Strict always; Secure whenever the
 * browser reached the console over https (directly, or through a proxy that says so).
 */
const attributes = (c: Context, maxAge: number) => ({
  path: "/console",
  httpOnly: true,
  sameSite: "Strict" as const,
  secure: new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https",
  maxAge,
});

/** Signs the member in: the cookie is signed (HMAC) with a secret derived from MORES_SECRET_KEY. */
export async function startSession(c: Context, services: Services, member: Extract<Principal, { kind: "member" }>) {
  const session: ConsoleSession = {
    key: member.keyId,
    community: member.community,
    role: member.role,
    name: member.name ?? member.keyId,
    csrf: randomToken(),
    expires: services.clock().getTime() + SESSION_MS,
  };
  await setSignedCookie(
    c,
    SESSION_COOKIE,
    JSON.stringify(session),
    await secretOf(services),
    attributes(c, SESSION_MS / 1000),
  );
  return session;
}

export const endSession = (c: Context) => deleteCookie(c, SESSION_COOKIE, attributes(c, 0));

/**
 * The session of this request, or null: a cookie that is missing, tampered
 * with, expired, or whose key has since been revoked is no session.
 */
export async function readSession(c: Context, services: Services): Promise<ConsoleSession | null> {
  const raw = await getSignedCookie(c, await secretOf(services), SESSION_COOKIE);
  if (!raw) return null;
  let session: ConsoleSession;
  try {
    session = JSON.parse(raw) as ConsoleSession;
  } catch {
    return null;
  }
  if (typeof session.expires !== "number" || session.expires <= services.clock().getTime()) return null;
  const [active] = await services.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, session.key), isNull(apiKeys.revokedAt)));
  return active ? session : null;
}

/** The session as the API's principal, so verbs record the same actor an API call would. */
export const principalOf = (s: ConsoleSession): Principal => ({
  kind: "member",
  keyId: s.key,
  name: s.name,
  community: s.community,
  role: s.role,
});
