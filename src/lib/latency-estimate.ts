/**
 * A running estimate of how long something takes, kept the way TCP keeps its
 * round-trip time (RFC 6298: a smoothed mean with gain 1/8 and a smoothed
 * mean deviation with gain 1/4). `upper`, the mean plus four deviations, is a
 * time most samples stay under: it follows a slower database within a few
 * samples, and a single slow one lifts it only for the next few dozen (a
 * fraction of a second under load).
 */
export class LatencyEstimate {
  private mean: number | undefined;
  private deviation = 0;

  observe(ms: number): void {
    if (this.mean === undefined) {
      this.mean = ms;
      this.deviation = ms / 2;
      return;
    }
    this.deviation = 0.75 * this.deviation + 0.25 * Math.abs(this.mean - ms);
    this.mean = 0.875 * this.mean + 0.125 * ms;
  }

  /** Milliseconds: 0 before the first sample. */
  get upper(): number {
    return this.mean === undefined ? 0 : this.mean + 4 * this.deviation;
  }
}
