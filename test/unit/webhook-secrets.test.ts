import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newSecretKey } from "../../src/lib/secret-key.js";
import { isSealed, SecretBox } from "../../src/webhooks/secret-box.js";
import { loadOrCreateSecretKey } from "../../src/webhooks/secret-key-file.js";
import { newSecret } from "../../src/webhooks/sign.js";

describe("webhook secrets at rest", () => {
  const box = new SecretBox(newSecretKey());

  it("seals a secret so that neither it nor its key bytes appear, and opens it again", async () => {
    const secret = newSecret();
    const sealed = await box.seal(secret, "whk_1");
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(secret.slice("whsec_".length, "whsec_".length + 12));
    expect(await box.seal(secret, "whk_1")).not.toBe(sealed); // a fresh nonce each time
    expect(await box.open(sealed, "whk_1")).toBe(secret);
  });

  it("does not open under another endpoint's id, another key, or when tampered with", async () => {
    const sealed = await box.seal(newSecret(), "whk_1");
    await expect(box.open(sealed, "whk_2")).rejects.toThrow(/does not open with MORES_SECRET_KEY/);
    await expect(new SecretBox(newSecretKey()).open(sealed, "whk_1")).rejects.toThrow(/does not open/);
    const flipped = sealed.slice(0, -4) + (sealed.endsWith("AAA=") ? "BBB=" : "AAA=");
    await expect(box.open(flipped, "whk_1")).rejects.toThrow(/does not open/);
  });

  it("reads a row written before encryption as it is", async () => {
    const legacy = newSecret();
    expect(await box.open(legacy, "whk_old")).toBe(legacy);
  });

  it("without a key, refuses to seal or open with a clear 503 instead of storing plaintext", async () => {
    const none = new SecretBox(undefined);
    await expect(none.seal(newSecret(), "whk_1")).rejects.toMatchObject({ code: "not_ready" });
    await expect(none.open(await box.seal("x", "whk_1"), "whk_1")).rejects.toThrow(/MORES_SECRET_KEY/);
  });

  it("on Node without MORES_SECRET_KEY, keeps one generated key in a private file, the same for every process", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mores-key-"));
    const path = join(dir, "nested", "secret-key");
    const said: string[] = [];
    const keys = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateSecretKey(path, (l) => said.push(l))));
    expect(new Set(keys).size).toBe(1);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(path);
    expect((await readFile(path, "utf8")).trim()).toBe(keys[0]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSecretKey(path, (l) => said.push(l))).toBe(keys[0]);
    expect(said).toHaveLength(1);
    await writeFile(path, "not a key\n");
    await expect(loadOrCreateSecretKey(path, () => {})).rejects.toThrow(/must hold base64 of 32 bytes/);
  });
});
