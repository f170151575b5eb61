import type { JudgmentCache } from "./judgment-cache.js";
import type { Reasoner } from "./port.js";

/** What a precedent search is asked: the norm and exceptions being judged, and the case's terms and facts. */
export type PrecedentQuery = {
  community: string;
  normId: string;
  exceptions: readonly string[];
  terms: readonly string[];
  facts: Record<string, unknown>;
};

/** What judgment needs: the model, its cache, the time it may take, and the precedents to cite. */
export type JudgmentDeps = {
  reasoner: Reasoner;
  cache: JudgmentCache;
  budgetMs: number;
  /** The few most relevant precedents for a judgment (none when absent). */
  precedents?: (q: PrecedentQuery) => Promise<Array<{ id: string; summary: string }>>;
};
