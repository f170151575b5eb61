import type { Services } from "../context.js";
import { MoresError } from "../domain/index.js";
import type { RulingRecord } from "./ruling-row.js";

/**
 * A person may name only an exception that one of the ruling's engaged norms
 * offers, at the exact norm version the ruling applied (else 422
 * `exception_not_offered`, listing those offered). Checked before anything is
 * written: a made-up exception would otherwise be stored on the ruling and
 * become a precedent the model is later shown.
 */
export async function assertExceptionOffered(
  ctx: Services,
  community: string,
  ruling: RulingRecord,
  exception: string | undefined,
): Promise<void> {
  if (exception === undefined) return;
  const set = await ctx.normSets.version(community, ruling.row.normSetVersion);
  if (!set) throw new MoresError("internal", `norm set ${ruling.row.normSetVersion} of ${community} is missing`);
  const engaged = new Set(ruling.norms.map((n) => n.normId));
  const offered = set.pack.norms
    .filter((n) => engaged.has(n.id))
    .flatMap((n) => n.exceptions.map((e) => ({ norm: n.id, exception: e.id })));
  if (offered.some((o) => o.exception === exception)) return;
  throw new MoresError(
    "exception_not_offered",
    offered.length
      ? `"${exception}" is not an exception of the norms this ruling applied; they offer ${[...new Set(offered.map((o) => o.exception))].join(", ")}`
      : `"${exception}" cannot apply: this ruling engaged no norm that offers exceptions`,
    { offered },
  );
}
