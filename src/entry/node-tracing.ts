import { DiagLogLevel, diag } from "@opentelemetry/api";
import type { Config } from "../config/config.js";
import type { Logger } from "../lib/logger.js";

/** What the entry stops on SIGTERM: the SDK's last export of spans still queued. */
export type Tracing = { shutdown(): Promise<void> };

const off: Tracing = { shutdown: async () => {} };

/**
 * Registers the OpenTelemetry Node SDK with an OTLP/HTTP (JSON) exporter when
 * an endpoint is configured (config.traces); otherwise nothing is loaded and
 * every span in src/ stays the API's no-op. The SDK is imported dynamically so
 * a process without traces never loads it and the Workers bundle never holds
 * it. register() also installs the AsyncLocalStorage context manager (spans
 * follow awaits) and the W3C trace-context propagator (an incoming
 * `traceparent` continues the caller's trace).
 */
export async function startTracing(traces: Config["traces"], logger: Logger): Promise<Tracing> {
  if (!traces) return off;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
    ]);
  // The SDK's own trouble (a collector that refuses exports) in our log stream, at warn and above.
  diag.setLogger(
    {
      error: (msg) => logger.error("opentelemetry", { detail: msg }),
      warn: (msg) => logger.warn("opentelemetry", { detail: msg }),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  );
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": traces.serviceName, "process.pid": process.pid }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: traces.url }))],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
