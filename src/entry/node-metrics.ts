import cluster from "node:cluster";
import { createServer, type Server } from "node:http";
import { AggregatorRegistry, collectDefaultMetrics, Registry } from "prom-client";
import type { Database } from "../db/client.js";
import type { Metrics, MetricsEndpoint } from "../lib/metrics-port.js";
import { reviewQueueStats } from "../reviews/queue-stats.js";
import type { PrimaryChannel, PrimaryHandlers } from "./cluster-channel.js";
import { prometheusMetrics } from "./prometheus-metrics.js";

/**
 * Metrics of one Node process: its registry, the port the services count
 * through, and what GET /metrics serves. In a cluster worker, /metrics asks
 * the primary, which gathers every worker's registry (prom-client's
 * AggregatorRegistry) — so a scrape sees the whole service whichever worker
 * answers it.
 */
export function nodeMetrics(
  db: Database,
  clock: () => Date,
  primary?: PrimaryChannel,
): { metrics: Metrics; endpoint: MetricsEndpoint } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "mores_" });
  const metrics = prometheusMetrics(registry, () => reviewQueueStats(db, clock()));
  if (cluster.isWorker) {
    AggregatorRegistry.setRegistries([registry]);
    new AggregatorRegistry(); // answers the primary's requests for this worker's figures
  }
  const endpoint: MetricsEndpoint = primary
    ? { contentType: registry.contentType, render: () => primary.ask<string>("metrics", null, 6000) }
    : { contentType: registry.contentType, render: () => registry.metrics() };
  return { metrics, endpoint };
}

/** The primary's half: /metrics of every worker, summed (gauges that say the same in each: their maximum). */
export function clusterMetrics(): { handlers: PrimaryHandlers; endpoint: MetricsEndpoint } {
  const aggregator = new AggregatorRegistry();
  const render = () => aggregator.clusterMetrics();
  return { handlers: { metrics: render }, endpoint: { contentType: aggregator.contentType, render } };
}

/**
 * MORES_METRICS_PORT: GET /metrics on a port of its own, without a key, for
 * a Prometheus that reaches it over a private network. Anything else is a 404.
 */
export function serveMetricsPort(endpoint: MetricsEndpoint, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("only GET /metrics is served on this port\n");
      return;
    }
    endpoint.render().then(
      (text) => res.writeHead(200, { "content-type": endpoint.contentType }).end(text),
      (e: unknown) =>
        res.writeHead(503, { "content-type": "text/plain" }).end(`metrics unavailable: ${(e as Error).message}\n`),
    );
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
