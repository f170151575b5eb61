import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { Slots } from "../../src/lib/slots.js";

/** The items a Slots holds, in slot order. */
const held = <T>(slots: Slots<T>): T[] => {
  const out: T[] = [];
  slots.forEach((item) => {
    out.push(item);
  });
  return out;
};

describe("Slots: the responses in flight that a server closing must still reach", () => {
  it("holds what was added until it is removed", () => {
    const slots = new Slots<string>();
    const a = slots.add("a");
    slots.add("b");
    const c = slots.add("c");
    expect(held(slots)).toEqual(["a", "b", "c"]);
    slots.remove(a);
    slots.remove(c);
    expect(held(slots)).toEqual(["b"]);
    expect(slots.size).toBe(1);
  });

  it("reuses emptied slots, so it grows only to the most items held at once", () => {
    const slots = new Slots<number>();
    const seen = new Set<number>();
    // A server at 50 requests in flight, answering one and taking another, ten thousand times.
    const live = Array.from({ length: 50 }, (_, i) => slots.add(i));
    for (let i = 50; i < 10_050; i++) {
      slots.remove(live.shift() as number);
      const slot = slots.add(i);
      seen.add(slot);
      live.push(slot);
    }
    expect(Math.max(...seen)).toBeLessThan(50);
    expect(slots.size).toBe(50);
  });

  it("removing a slot twice leaves the item that reused it alone", () => {
    const slots = new Slots<string>();
    const first = slots.add("first");
    slots.remove(first);
    const again = slots.add("second");
    expect(again).toBe(first);
    slots.remove(first);
    slots.remove(first);
    expect(held(slots)).toEqual([]);
    expect(slots.add("third")).toBe(first);
    expect(slots.add("fourth")).not.toBe(first);
  });

  it("keeps nothing of a removed item alive", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const slots = new Slots<{ body: string }>();
    const ref = (() => {
      const item = { body: "x".repeat(1000) };
      slots.remove(slots.add(item));
      return new WeakRef(item);
    })();
    // A WeakRef's target is kept until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(ref.deref()).toBeUndefined();
    expect(slots.size).toBe(0);
  });
});
