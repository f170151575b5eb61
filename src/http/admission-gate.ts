/**
 * The count behind admission control: at most `max` requests worked on at
 * once in this process (0: no bound). One gate per process, shared by every
 * way a request is served — the app's admission middleware and Node's lane
 * for the platform's write path (src/entry/moderate-lane.ts) — so the bound
 * holds for their sum.
 */
export class AdmissionGate {
  private inFlight = 0;

  constructor(readonly max: number) {}

  /** Counts a request in; false when the bound is reached (the request must be turned away). */
  enter(): boolean {
    if (this.max === 0) return true;
    if (this.inFlight >= this.max) return false;
    this.inFlight++;
    return true;
  }

  /** Counts a request out: once for every `enter` that returned true. */
  leave(): void {
    if (this.max !== 0) this.inFlight--;
  }
}
