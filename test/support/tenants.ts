import { expect } from "vitest";
import type { TestService } from "./service.js";

export type Keys = { platform: string; editor: string; editor2: string; moderator: string; admin: string };
export type Tenant = { id: string; path: string; keys: Keys; keyIds: Record<keyof Keys, string> };

/** Creates a community through the operator and one key of each role through its admin, as a real setup would. */
export async function newTenant(svc: TestService, id: string, settings?: Record<string, unknown>): Promise<Tenant> {
  const created = await svc.post("/v1/communities", { id, name: `Community ${id}`, ...(settings ? { settings } : {}) });
  expect(created.status, await created.clone().text()).toBe(201);
  const make = async (role: string, name: string, key?: string) => {
    const res = await svc.send("POST", `/v1/communities/${id}/keys`, { body: { role, name }, ...(key ? { key } : {}) });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { id: string; key: string };
  };
  const admin = await make("admin", "admin");
  const others = {
    platform: await make("platform", "platform", admin.key),
    editor: await make("editor", "editor one", admin.key),
    editor2: await make("editor", "editor two", admin.key),
    moderator: await make("moderator", "moderator", admin.key),
  };
  const all = { ...others, admin };
  return {
    id,
    path: `/v1/communities/${id}`,
    keys: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.key])) as Keys,
    keyIds: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.id])) as Record<keyof Keys, string>,
  };
}

/** JSON of a response that must have the given status; the body is in the failure message when it does not. */
export async function expectJson<T>(res: Response | Promise<Response>, status: number): Promise<T> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}
