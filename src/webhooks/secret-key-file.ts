import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { isSecretKey, newSecretKey } from "../lib/secret-key.js";

/**
 * Node without MORES_SECRET_KEY: the key lives in a file beside the data
 * (MORES_DATA_DIR/secret-key, mode 0600), made on first start, outside the
 * database, so a copy of the database alone opens no secret. Created
 * atomically (written aside, then hard-linked into place), so processes
 * starting together agree on one key. Several machines sharing one PostgreSQL
 * must share the key: set MORES_SECRET_KEY on each instead.
 */
export async function loadOrCreateSecretKey(path: string, announce: (line: string) => void): Promise<string> {
  const existing = await readKey(path);
  if (existing) return existing;
  await mkdir(dirname(path), { recursive: true });
  const aside = `${path}.${randomUUID()}`; // unique even for two calls in one process and millisecond
  await writeFile(aside, `${newSecretKey()}\n`, { mode: 0o600 });
  try {
    await link(aside, path);
    announce(
      `mores: created the webhook secret key in ${path} (MORES_SECRET_KEY). Back it up with the database: without it, webhook signing secrets cannot be opened.`,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    await unlink(aside);
  }
  const made = await readKey(path);
  if (!made) throw new Error(`${path} does not hold a key`);
  return made;
}

async function readKey(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = (await readFile(path, "utf8")).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  if (!isSecretKey(text)) throw new Error(`${path} must hold base64 of 32 bytes, as MORES_SECRET_KEY would`);
  return text;
}
