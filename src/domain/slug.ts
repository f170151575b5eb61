import { z } from "zod";

/** Ids that appear in URLs, citations (`norm@version`) and YAML keys. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lower-case slug (letters, digits, single hyphens)");
