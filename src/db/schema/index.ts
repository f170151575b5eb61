export * from "./communities.js";
export * from "./contest.js";
export * from "./feedback.js";
export * from "./governance.js";
export * from "./norms.js";
export * from "./pending.js";
export * from "./rulings.js";
export * from "./webhooks.js";
