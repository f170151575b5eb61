import { describe, expect, it } from "vitest";
import { jsonInTurns } from "../../src/http/json-in-turns.js";

const read = async (stream: ReadableStream) => new TextDecoder().decode(await new Response(stream).arrayBuffer());

describe("a JSON answer serialised in turns", () => {
  it("is byte for byte what JSON.stringify gives, whatever the number of items", async () => {
    for (const n of [0, 1, 4, 5, 9]) {
      const items = Array.from({ length: n }, (_, i) => ({
        id: `rul_${i}`,
        text: 'a "quoted" \u00e9 \ud83d\ude00',
        i,
      }));
      const rest = { replayed: items.map((_, i) => i % 2 === 0) };
      expect(await read(jsonInTurns("rulings", items, rest))).toBe(JSON.stringify({ rulings: items, ...rest }));
    }
    expect(await read(jsonInTurns("rulings", [1, 2], {}))).toBe(JSON.stringify({ rulings: [1, 2] }));
  });

  it("lets other work of the event loop run between its pieces", async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ i }));
    const reading = read(jsonInTurns("rulings", items, {}));
    let immediates = 0;
    const count = () => {
      immediates++;
      if (immediates < 1000) setImmediate(count);
    };
    setImmediate(count);
    await reading;
    // 40 items, a few per turn: other callbacks ran while it was being written, not only after.
    expect(immediates).toBeGreaterThan(5);
  });
});
