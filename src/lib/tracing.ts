import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  type Link,
  ProxyTracerProvider,
  type Span,
  type SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { errorFields } from "./error-fields.js";

/**
 * OpenTelemetry spans through the API only. With no SDK registered (Workers,
 * and Node unless an OTLP endpoint is configured: src/entry/node-tracing.ts)
 * every call here is the API's no-op, so tracing costs nothing when it is off.
 *
 * @example await inSpan("mores.rules", { "mores.candidates": 3 }, async (span) => run())
 */
const tracer = trace.getTracer("mores");

/** The API's do-nothing provider, which a global provider delegates to until an SDK registers one. */
const NO_SDK = new ProxyTracerProvider().getDelegate();
/** The span `inSpan` hands its work when tracing is off: records nothing, like the API's own no-op spans. */
const NOT_RECORDING = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Whether an SDK is registered (src/entry/node-tracing.ts). Asked on every span: when none is, a span costs a
 * closure, a context switch and an extra promise per stage for nothing, on every request.
 */
export function tracingOn(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NO_SDK;
}

export type SpanOptions = {
  kind?: SpanKind;
  links?: Link[];
  parent?: Context;
  /** Only as part of a trace already going: a stage run outside one (warm-up at start, a CLI) gets no root span. */
  withinTrace?: boolean;
};

/**
 * Adds an error to a span as an event holding what the error is, never what
 * it says: drizzle's messages carry SQL and parameters (content, author ids),
 * so the event has the error's class, its driver codes and stack frames
 * (lib/error-fields.ts).
 */
export function recordError(span: Span | undefined, error: unknown): void {
  if (!span?.isRecording()) return;
  const { error: type, codes, stack } = errorFields(error);
  span.recordException({
    name: type,
    message: codes?.join(",") ?? type,
    ...(stack ? { stack: stack.join("\n") } : {}),
  });
}

/** recordError, and the span's status set to failed. */
export function recordFailure(span: Span | undefined, error: unknown): void {
  if (!span?.isRecording()) return;
  recordError(span, error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorFields(error).error });
}

/** The span of the current request or stage, if tracing is on and one is active. */
export const activeSpan = (): Span | undefined => trace.getActiveSpan();

/**
 * Runs `work` inside a new active span that ends when the work settles (a
 * promise) or returns; a throw or rejection is recorded on it and passed on.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => T, options: SpanOptions = {}): T {
  if (!tracingOn()) return work(NOT_RECORDING);
  const { parent = context.active(), withinTrace = false, ...rest } = options;
  if (withinTrace && !trace.getSpan(parent)) return work(NOT_RECORDING);
  return tracer.startActiveSpan(name, { attributes, ...rest }, parent, (span) => {
    const fail = (e: unknown): never => {
      recordFailure(span, e);
      span.end();
      throw e;
    };
    let result: T;
    try {
      result = work(span);
    } catch (e) {
      return fail(e);
    }
    if (result instanceof Promise) {
      return result.then((value) => {
        span.end();
        return value;
      }, fail) as T;
    }
    span.end();
    return result;
  });
}

/** The trace and span ids of the active span, for log lines; empty when there is none (tracing off). */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span || !isSpanContextValid(span.spanContext())) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
