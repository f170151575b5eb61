import { once } from "node:events";
import { createServer } from "node:http";

/** One span as received, with its attributes as plain values. */
export type ReceivedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  links: Array<{ traceId: string; spanId: string }>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
  resource: Record<string, unknown>;
};

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type KeyValue = { key: string; value: AnyValue };

const plain = (kvs: KeyValue[] = []): Record<string, unknown> =>
  Object.fromEntries(
    kvs.map(({ key, value }) => [
      key,
      value.stringValue ??
        (value.intValue !== undefined ? Number(value.intValue) : (value.boolValue ?? value.doubleValue)),
    ]),
  );

/**
 * A trace collector on 127.0.0.1 speaking OTLP/HTTP with JSON bodies (the
 * protocol's JSON mapping: hex ids, attributes as key/value lists), as an
 * OpenTelemetry Collector's otlp receiver does: POST /v1/traces, answer 200 {}.
 */
export type OtlpReceiver = {
  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  url: string;
  /** Every request that reached the receiver, whatever its path. */
  requests: () => number;
  spans: () => ReceivedSpan[];
  /** Resolves once the spans received so far satisfy `done` (at once if they already do). */
  waitFor(done: (spans: ReceivedSpan[]) => boolean): Promise<void>;
  close(): Promise<void>;
};

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  let requests = 0;
  let waiting: Array<{ done: (spans: ReceivedSpan[]) => boolean; resolve: () => void }> = [];
  const check = () => {
    const met = waiting.filter((w) => w.done(spans));
    waiting = waiting.filter((w) => !met.includes(w));
    for (const w of met) w.resolve();
  };
  const server = createServer((req, res) => {
    requests++;
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces" || !req.headers["content-type"]?.includes("json")) {
        res.writeHead(404).end();
        return;
      }
      for (const rs of JSON.parse(body).resourceSpans ?? []) {
        const resource = plain(rs.resource?.attributes);
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: s.kind,
              attributes: plain(s.attributes),
              status: s.status ?? {},
              links: (s.links ?? []).map((l: { traceId: string; spanId: string }) => ({
                traceId: l.traceId,
                spanId: l.spanId,
              })),
              events: (s.events ?? []).map((e: { name: string; attributes?: KeyValue[] }) => ({
                name: e.name,
                attributes: plain(e.attributes),
              })),
              resource,
            });
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      check();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    spans: () => [...spans],
    waitFor: (done) =>
      new Promise((resolve) => {
        waiting.push({ done, resolve });
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
