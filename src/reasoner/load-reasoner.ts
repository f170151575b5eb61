import type { ReasonerConfig } from "../config/config.js";
import { noReasoner, type Reasoner } from "./port.js";

/**
 * The configured reasoner for Node (the service and the CLI), with the model clients loaded only when a model
 * is configured: LangChain and the providers' SDKs take ~0.4 s and ~45 MB of resident memory to load, which a
 * service without a model (the default) would pay at every start. The Worker bundles them and calls
 * `createReasoner` directly.
 */
export async function loadReasoner(c: ReasonerConfig): Promise<Reasoner> {
  if (c.provider === "none") return noReasoner;
  const { createReasoner } = await import("./providers.js");
  return createReasoner(c);
}
