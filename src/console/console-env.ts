import type { Context } from "hono";
import type { AppEnv } from "../http/app-env.js";
import { decisionSigner } from "../http/decision-signer.js";
import type { ConsoleSession } from "./session.js";

/** The app's variables, plus the signed-in session on every page behind sign-in. */
export type ConsoleEnv = { Variables: AppEnv["Variables"] & { session: ConsoleSession } };

/** Who signs a decision made in the console: the API's own rule, for the signed-in key (each person has their own). */
export const signer = (c: Context<ConsoleEnv>) => decisionSigner(c as unknown as Context<AppEnv>, undefined);
