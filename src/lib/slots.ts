/**
 * A set of live items for a long-lived owner that adds and removes one per request: each item gets a slot, a
 * removed item's slot is emptied and reused, and the array only grows to the most items held at once.
 *
 * Why not a Set: a Set rehashes into a new table every few dozen add/delete pairs, and once its table is in V8's
 * old generation each new table is allocated there too. A discarded table still holds pointers to the items it
 * had, and a young-generation GC treats every such pointer from the old generation as live, so it kept every
 * request those items belonged to alive and promoted it (gracefulClose's Set of responses, with answers that wait
 * one event-loop turn: ~10 MB promoted per scavenge under load, scavenges of ~30 ms instead of ~1 ms;
 * docs/performance.md). An emptied slot points at nothing, and the array is never reallocated once it has room.
 */
export class Slots<T> {
  private readonly items: Array<T | undefined> = [];
  private readonly free: number[] = [];

  /** Holds `item`; the number returned is what `remove` takes. */
  add(item: T): number {
    const slot = this.free.pop() ?? this.items.length;
    this.items[slot] = item;
    return slot;
  }

  remove(slot: number): void {
    if (this.items[slot] === undefined) return;
    this.items[slot] = undefined;
    this.free.push(slot);
  }

  /** The item in `slot`, if it still holds one. */
  get(slot: number): T | undefined {
    return this.items[slot];
  }

  /** Each item with its slot; `visit` may remove the item it is given. */
  forEach(visit: (item: T, slot: number) => void): void {
    for (let slot = 0; slot < this.items.length; slot++) {
      const item = this.items[slot];
      if (item !== undefined) visit(item, slot);
    }
  }

  get size(): number {
    return this.items.length - this.free.length;
  }
}
