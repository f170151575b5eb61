import { traceFields } from "./tracing.js";

/**
 * One JSON line per event; the level filter is set once from configuration.
 * A line written inside a traced request or stage carries its trace_id and
 * span_id, so a trace and its log lines can be found from each other.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type Logger = Record<Exclude<LogLevel, "silent">, (msg: string, fields?: Record<string, unknown>) => void>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => console.log(l)): Logger {
  const at =
    (l: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[l] >= ORDER[level])
        write(JSON.stringify({ level: l, time: new Date().toISOString(), msg, ...traceFields(), ...fields }));
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
