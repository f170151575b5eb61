/** @jsxImportSource hono/jsx */
import { type ConditionTrace, type ExceptionTrace, FACT_CATALOGUE, type FactSpec } from "../domain/index.js";

const OPERATORS: Record<string, string> = {
  equal: "is",
  notEqual: "is not",
  greaterThan: "is more than",
  greaterThanInclusive: "is at least",
  lessThan: "is less than",
  lessThanInclusive: "is at most",
  in: "is one of",
  notIn: "is none of",
  contains: "contains",
  doesNotContain: "does not contain",
};

const shown = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));
const verdict = (r: boolean | undefined) => (r === undefined ? "" : r ? " — held" : " — did not hold");

/** One condition of a rule trace, said as a sentence: "quoted is false (it was true) — did not hold". */
export function sentenceOf(t: ConditionTrace): string {
  if ("fact" in t) {
    const op = OPERATORS[t.operator] ?? t.operator;
    const seen = "fact_value" in t ? ` (it was ${shown(t.fact_value)})` : "";
    const spec = (FACT_CATALOGUE as Record<string, FactSpec>)[t.fact];
    const what = spec ? `${spec.description} [${t.fact}]` : t.fact.replaceAll("_", " ");
    return `${what} ${op} ${shown(t.value)}${seen}${verdict(t.result)}`;
  }
  if ("all" in t) return `all of these${verdict(t.result)}:`;
  if ("any" in t) return `any of these${verdict(t.result)}:`;
  return `not the following${verdict(t.result)}:`;
}

/** A condition tree as nested lists of sentences. */
export function TraceWords({ trace }: { trace: ConditionTrace }) {
  const children = "all" in trace ? trace.all : "any" in trace ? trace.any : "not" in trace ? [trace.not] : [];
  return (
    <li>
      {sentenceOf(trace)}
      {children.length > 0 && (
        <ul>
          {children.map((c) => (
            <TraceWords trace={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

type NormTrace = { trigger?: ConditionTrace; exceptions?: ExceptionTrace[] };

/** Why the rules engaged a norm and how each exception fared, in words. */
export function NormTraceWords({ trace }: { trace: unknown }) {
  const t = (trace ?? {}) as NormTrace;
  return (
    <div>
      {t.trigger && (
        <>
          <p>The norm engaged because:</p>
          <ul>
            <TraceWords trace={t.trigger} />
          </ul>
        </>
      )}
      {(t.exceptions ?? []).map((e) => (
        <details>
          <summary>
            Exception <code>{e.id}</code>: {e.holds ? "its evidence held" : "its evidence did not hold"}
            {e.requires_judgment ? ", and it needs a person's (or model's) judgment." : "."}
          </summary>
          {e.evidence && (
            <ul>
              <TraceWords trace={e.evidence} />
            </ul>
          )}
        </details>
      ))}
    </div>
  );
}
