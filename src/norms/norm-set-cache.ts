import type { Database } from "../db/client.js";
import { type CommunitySettings, MoresError } from "../domain/index.js";
import type { Logger } from "../lib/logger.js";
import { type CompiledNormSet, compileNormSet } from "../rules/compile.js";
import { communityHead, readNormSet, type StoredNormSet } from "./norm-set-store.js";

/** A stored norm-set version, compiled. Immutable, so any copy is as good as another. */
export type CompiledSet = StoredNormSet & { compiled: CompiledNormSet };
/** The norm set in force for a community, with the community's current settings. */
export type ActiveNormSet = CompiledSet & { settings: CommunitySettings };

/**
 * What a NormSetCache remembers, apart from its database handle: on Workers
 * each request has its own database client, while an isolate's compiled sets
 * and heads outlive the request.
 */
export type NormSetMemory = {
  heads: Map<string, { at: number; head: Promise<{ settings: CommunitySettings; version: number } | null> }>;
  compiled: Map<string, Promise<CompiledSet | null>>;
  /** The key of `compiled` last handed out, so at the back of its order: shared, as the Map is. */
  newest?: string;
};
export const normSetMemory = (): NormSetMemory => ({ heads: new Map(), compiled: new Map() });

/**
 * How many compiled norm sets one process keeps, least recently used evicted first: memory stays bounded with
 * 1,000 communities, and an evicted set is recompiled on its next request (tens of milliseconds, see
 * docs/performance.md). Each is immutable, so any copy is as good as another.
 */
const MAX_COMPILED = 64;

/**
 * Compiled norm sets, cached per process (or Workers isolate) by
 * community@version. Norm-set versions are immutable, so a compiled set never
 * goes stale; only "which version is current" does, and that is re-read at
 * most every `refreshMs`. Concurrent callers share one read and one compile.
 */
export class NormSetCache {
  private readonly heads: NormSetMemory["heads"];
  private readonly compiled: NormSetMemory["compiled"];
  /**
   * The set in force as last handed out, per compiled set: while the community's settings are the same object
   * (until the head is re-read), every request gets that one, instead of a copy of the set made per request.
   */
  private readonly active = new WeakMap<CompiledSet, ActiveNormSet>();

  constructor(
    private readonly db: Database,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
    private readonly memory: NormSetMemory = normSetMemory(),
    private readonly logger?: Logger,
  ) {
    this.heads = memory.heads;
    this.compiled = memory.compiled;
  }

  /** The set in force; throws community_not_found for an unknown community. */
  async current(community: string): Promise<ActiveNormSet> {
    const head = await this.head(community);
    if (!head) throw new MoresError("community_not_found", `no community "${community}"`);
    const set = await this.version(community, head.version);
    if (!set) throw new MoresError("community_not_found", `community "${community}" has no norm set`);
    const last = this.active.get(set);
    if (last?.settings === head.settings) return last;
    const active = { ...set, settings: head.settings };
    this.active.set(set, active);
    return active;
  }

  /** A specific version (e.g. the one a ruling cites), compiled. */
  version(community: string, version: number): Promise<CompiledSet | null> {
    const key = `${community}@${version}`;
    let entry = this.compiled.get(key);
    if (entry) {
      // Least recently used goes first: a hit moves the set to the back of the Map's insertion order. Only when
      // it is not there already: a delete and set per request made the Map rehash every few requests, into
      // tables in the old generation, a cost every young-generation GC paid (docs/performance.md).
      if (this.memory.newest !== key) {
        this.compiled.delete(key);
        this.compiled.set(key, entry);
      }
    } else {
      entry = readNormSet(this.db, community, version).then((stored) => {
        if (!stored) return null;
        const started = performance.now();
        const compiled = compileNormSet(stored.pack);
        // One line per compile: what a cold process or isolate pays, and proof it compiles only what it serves.
        this.logger?.debug("norm set compiled", {
          community,
          version,
          norms: stored.pack.norms.length,
          ms: Math.round(performance.now() - started),
        });
        return { ...stored, compiled };
      });
      entry.catch(() => this.compiled.delete(key));
      this.compiled.set(key, entry);
      if (this.compiled.size > MAX_COMPILED) this.compiled.delete(this.compiled.keys().next().value as string);
    }
    this.memory.newest = key;
    return entry;
  }

  /** Forget the current version of a community, e.g. after adopting a new norm set here. */
  invalidate(community: string): void {
    this.heads.delete(community);
  }

  private head(community: string) {
    const cached = this.heads.get(community);
    if (cached && this.now() - cached.at < this.refreshMs) return cached.head;
    const head = communityHead(this.db, community);
    this.heads.set(community, { at: this.now(), head });
    head.catch(() => this.heads.delete(community));
    return head;
  }
}
