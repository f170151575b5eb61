import { MoresError } from "../domain/index.js";

/**
 * Endpoint signing secrets at rest: AES-256-GCM through WebCrypto (the same
 * code on Node and Workers), keyed by MORES_SECRET_KEY, so a copy of the
 * database alone does not let anyone sign webhooks as mores. A stored secret
 * reads `enc:v1:<iv>.<ciphertext+tag>` (base64); the endpoint's id is the
 * additional data, so a ciphertext copied onto another row does not open.
 * Rows written before encryption hold `whsec_…` in clear: they still open
 * (and Node re-seals them at start, see seal-plaintext-secrets.ts).
 */
const PREFIX = "enc:v1:";

type AesKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

export class SecretBox {
  private key: Promise<AesKey> | undefined;

  /** `keyBase64` undefined: secrets can be neither sealed nor opened (Workers without MORES_SECRET_KEY). */
  constructor(private readonly keyBase64: string | undefined) {}

  async seal(plain: string, endpointId: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(endpointId) },
      await this.cryptoKey(),
      new TextEncoder().encode(plain),
    );
    return `${PREFIX}${Buffer.from(iv).toString("base64")}.${Buffer.from(sealed).toString("base64")}`;
  }

  /** The secret in clear; a legacy plaintext row is returned as it is. Throws if the key does not open it. */
  async open(stored: string, endpointId: string): Promise<string> {
    if (!isSealed(stored)) return stored;
    const [iv = "", data = ""] = stored.slice(PREFIX.length).split(".");
    try {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: Buffer.from(iv, "base64"), additionalData: new TextEncoder().encode(endpointId) },
        await this.cryptoKey(),
        Buffer.from(data, "base64"),
      );
      return new TextDecoder().decode(plain);
    } catch (e) {
      if (e instanceof MoresError) throw e;
      throw new Error("the signing secret does not open with MORES_SECRET_KEY (was the key changed?)");
    }
  }

  /**
   * A secret for another purpose (the console's session cookies), derived
   * from MORES_SECRET_KEY with HKDF so no two uses share key material; the
   * same on Node and Workers. Throws not_ready when there is no key.
   */
  async derivedSecret(purpose: string): Promise<ArrayBuffer> {
    const base = await crypto.subtle.importKey("raw", this.keyBytes(), "HKDF", false, ["deriveBits"]);
    const info = new TextEncoder().encode(purpose);
    return crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info }, base, 256);
  }

  private keyBytes(): Uint8Array {
    if (!this.keyBase64)
      throw new MoresError("not_ready", "this needs MORES_SECRET_KEY (base64 of 32 random bytes) to be set");
    return Buffer.from(this.keyBase64, "base64");
  }

  private cryptoKey(): Promise<AesKey> {
    if (!this.keyBase64)
      throw new MoresError("not_ready", "webhook secrets need MORES_SECRET_KEY (base64 of 32 random bytes) to be set");
    this.key ??= crypto.subtle.importKey("raw", Buffer.from(this.keyBase64, "base64"), "AES-GCM", false, [
      "encrypt",
      "decrypt",
    ]);
    return this.key;
  }
}
