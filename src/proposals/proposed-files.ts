import { parse as parseYaml, stringify } from "yaml";
import { MoresError, type NormPack, type ProposalChange } from "../domain/index.js";
import { packToFiles } from "../norms/pack-files.js";
import type { PackFiles } from "../norms/parse-pack.js";

/** Canonical files per norm-set pack: packs are immutable and cached, so each is written out once. */
const filesOf = new WeakMap<NormPack, PackFiles>();
export function canonicalFiles(pack: NormPack): PackFiles {
  let files = filesOf.get(pack);
  if (!files) {
    files = packToFiles(pack);
    filesOf.set(pack, files);
  }
  return files;
}

/** The id a norm or lexicon names itself by, read leniently: the pack parser reports anything wrong with it. */
function nameIn(source: string | Record<string, unknown>, field: "id" | "name"): string {
  let value: unknown = source;
  if (typeof source === "string") {
    try {
      value = parseYaml(source);
    } catch {
      // Text that does not parse still usually says who it is on a line of its own.
      value = { [field]: new RegExp(`^${field}:\\s*["']?([a-z0-9-]+)`, "m").exec(source)?.[1] };
    }
  }
  const name = value && typeof value === "object" ? (value as Record<string, unknown>)[field] : undefined;
  return typeof name === "string" && /^[a-z0-9-]{1,100}$/.test(name) ? name : "proposed";
}

const text = (source: string | Record<string, unknown>) =>
  typeof source === "string" ? source : stringify(source, { aliasDuplicateObjects: false, lineWidth: 120 });

/**
 * The whole pack a change would produce: the files of the version in force
 * with one norm or lexicon put in (or a norm taken out), or the files given.
 * Every kind of change is then validated and tested as a whole pack.
 */
export function proposedFiles(inForce: NormPack, change: ProposalChange): PackFiles {
  const files = { ...canonicalFiles(inForce) };
  switch (change.kind) {
    case "pack":
      return change.files;
    case "norm":
      files[`norms/${nameIn(change.norm, "id")}.yaml`] = text(change.norm);
      return files;
    case "lexicon":
      files[`lexicons/${nameIn(change.lexicon, "name")}.yaml`] = text(change.lexicon);
      return files;
    case "remove_norm": {
      const path = `norms/${change.id}.yaml`;
      if (!(path in files))
        throw new MoresError("proposal_invalid", `there is no norm "${change.id}" in force to remove`, {
          errors: [`${path}: no such norm in the version in force`],
        });
      delete files[path];
      return files;
    }
  }
}
