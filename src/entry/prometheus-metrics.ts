import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { Metrics } from "../lib/metrics-port.js";
import type { QueueStats } from "../reviews/queue-stats.js";

const LATENCY = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The metrics port on prom-client, registered in `registry`. Counters and
 * histograms add up across cluster workers; the review-queue gauges are read
 * from the database at scrape time, the same in every worker, so the
 * aggregate takes their maximum rather than their sum.
 */
export function prometheusMetrics(registry: Registry, queue: () => Promise<QueueStats[]>): Metrics {
  const registers = [registry];
  const requests = new Counter({
    name: "mores_http_requests_total",
    help: "HTTP requests answered, by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "mores_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method and route template",
    labelNames: ["method", "route"] as const,
    buckets: LATENCY,
    registers,
  });
  const decisions = new Counter({
    name: "mores_decisions_total",
    help: "Rulings recorded, by decision and engaged norm (norm=none when no norm engaged)",
    labelNames: ["decision", "norm"] as const,
    registers,
  });
  const batch = new Histogram({
    name: "mores_group_commit_batch_size",
    help: "Rulings written by one group-commit flush",
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers,
  });
  const flush = new Histogram({
    name: "mores_group_commit_flush_seconds",
    help: "Time one group-commit flush took",
    buckets: LATENCY,
    registers,
  });
  const dbErrors = new Counter({
    name: "mores_database_errors_total",
    help: "Database failures met by requests, by kind",
    labelNames: ["kind"] as const,
    registers,
  });
  const modelCalls = new Histogram({
    name: "mores_model_call_duration_seconds",
    help: "Model (reasoner) calls and their latency, by outcome (ok, failed)",
    labelNames: ["outcome"] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
    registers,
  });
  const modelFailures = new Counter({
    name: "mores_model_call_failures_total",
    help: "Model calls that failed, timed out or answered nonsense (the case went to review)",
    registers,
  });
  const webhooks = new Counter({
    name: "mores_webhook_deliveries_total",
    help: "Webhook delivery attempts, by outcome (delivered, retry, failed)",
    labelNames: ["outcome"] as const,
    registers,
  });
  let stats: Promise<QueueStats[]> | undefined;
  // Both gauges read the same query; one scrape runs it once.
  const queueOnce = () => {
    stats ??= queue()
      .catch(() => {
        dbErrors.inc({ kind: "unavailable" }); // the scrape still answers, without the queue figures
        return [];
      })
      .finally(() => setTimeout(() => (stats = undefined), 0));
    return stats;
  };
  new Gauge({
    name: "mores_review_queue_depth",
    help: "Rulings waiting for review, by community (read at scrape)",
    labelNames: ["community"] as const,
    aggregator: "max",
    registers,
    async collect() {
      this.reset();
      for (const s of await queueOnce()) this.set({ community: s.community }, s.depth);
    },
  });
  new Gauge({
    name: "mores_review_queue_oldest_seconds",
    help: "Age of the oldest ruling waiting for review, by community (read at scrape)",
    labelNames: ["community"] as const,
    aggregator: "max",
    registers,
    async collect() {
      this.reset();
      for (const s of await queueOnce()) this.set({ community: s.community }, s.oldestSeconds);
    },
  });
  return {
    request: (r) => {
      requests.inc({ method: r.method, route: r.route, status: String(r.status) });
      latency.observe({ method: r.method, route: r.route }, r.seconds);
    },
    decision: (decision, norms) => {
      if (norms.length === 0) decisions.inc({ decision, norm: "none" });
      for (const norm of norms) decisions.inc({ decision, norm });
    },
    groupCommit: (size, seconds) => {
      batch.observe(size);
      flush.observe(seconds);
    },
    databaseError: (kind) => dbErrors.inc({ kind }),
    modelCall: (outcome, seconds) => {
      modelCalls.observe({ outcome }, seconds);
      if (outcome === "failed") modelFailures.inc();
    },
    webhookDelivery: (outcome) => webhooks.inc({ outcome }),
  };
}
