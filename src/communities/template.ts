/**
 * The community whose norm set in force every new community starts from.
 * On Node it is seeded from MORES_NORMS_DIR at first start; on Workers by
 * `mores db setup`. Its editors can change the template through proposals.
 */
export const TEMPLATE_COMMUNITY = "default";
