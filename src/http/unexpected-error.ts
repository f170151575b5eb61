import type { Services } from "../context.js";
import { isDatabaseUnavailable } from "../db/failure.js";
import { MoresError } from "../domain/index.js";
import { errorFields } from "../lib/error-fields.js";
import { activeSpan, recordError } from "../lib/tracing.js";

/**
 * What a failure that is not a MoresError becomes for the caller, with its
 * trace for the operator: a database outage is a 503 `database_unavailable`
 * (retry shortly), anything else a 500 `internal`, logged with its stack.
 * The request's span records what failed — its class and codes, never its
 * message. Shared by the app's error handler and Node's write-path lane.
 */
export function unexpectedError(
  err: unknown,
  services: Services | undefined,
  where: { requestId: string; path: string },
): MoresError {
  recordError(activeSpan(), err);
  if (isDatabaseUnavailable(err)) {
    services?.metrics.databaseError("unavailable");
    services?.logger.warn("database unavailable", { requestId: where.requestId, ...errorFields(err) });
    return new MoresError("database_unavailable", "the database did not answer; retry shortly");
  }
  services?.logger.error("unhandled error", { requestId: where.requestId, path: where.path, ...errorFields(err) });
  return new MoresError("internal", "an unexpected error occurred; it has been logged");
}
