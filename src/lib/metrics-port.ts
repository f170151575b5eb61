/**
 * What mores counts, as a port: the Node entry plugs in Prometheus
 * (src/entry/prometheus-metrics.ts, prom-client); Workers and tests keep the
 * do-nothing default, so nothing portable imports a metrics library.
 */
export type Metrics = {
  /** One answered HTTP request, by route template (never the raw path). */
  request(r: { method: string; route: string; status: number; seconds: number }): void;
  /** One recorded ruling: its decision, and each norm it engaged (none: `norm` is "none"). */
  decision(decision: string, norms: readonly string[]): void;
  /** One group-commit flush: how many rulings it wrote and how long the statement took. */
  groupCommit(batch: number, seconds: number): void;
  /** A database failure seen by a request or a writer (`unavailable`, `data`, `other`). */
  databaseError(kind: string): void;
  /** One model call and how it ended. */
  modelCall(outcome: "ok" | "failed", seconds: number): void;
  /** One webhook delivery attempt and how it ended (`delivered`, `retry`, `failed`). */
  webhookDelivery(outcome: string): void;
};

export const noMetrics: Metrics = {
  request() {},
  decision() {},
  groupCommit() {},
  databaseError() {},
  modelCall() {},
  webhookDelivery() {},
};

/** What serves GET /metrics: the text exposition of every counter (on Node, of every cluster worker). */
export type MetricsEndpoint = { contentType: string; render(): Promise<string> };
