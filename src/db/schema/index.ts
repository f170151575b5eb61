export * from "./communities.js";
export * from "./norms.js";
export * from "./rulings.js";
