import { nextTurn } from "../lib/next-turn.js";

/** Items serialised per turn of the event loop, so that each turn stays a few milliseconds long. */
const ITEMS_PER_TURN = 4;

/**
 * The bytes of `JSON.stringify({ [key]: items, ...rest })`, produced a few items per turn of the event loop.
 * A batch answer of 100 whole rulings on 64 KiB texts runs to tens of megabytes: serialised in one call (and
 * then checked for lone surrogates by the Response constructor) it held up every other request, `/ready`
 * included, for over half a second. The bytes are the same as one `JSON.stringify` would give.
 */
export function jsonInTurns(key: string, items: readonly unknown[], rest: Record<string, unknown>): ReadableStream {
  const encoder = new TextEncoder();
  const tail = JSON.stringify(rest);
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next > 0) await nextTurn();
      const from = next;
      next = Math.min(items.length, from + ITEMS_PER_TURN);
      let chunk = from === 0 ? `{${JSON.stringify(key)}:[` : "";
      for (let i = from; i < next; i++) chunk += (i > 0 ? "," : "") + JSON.stringify(items[i]);
      if (next === items.length) chunk += tail === "{}" ? "]}" : `],${tail.slice(1)}`;
      controller.enqueue(encoder.encode(chunk));
      if (next === items.length) controller.close();
    },
  });
}
