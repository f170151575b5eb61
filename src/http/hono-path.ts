/** An OpenAPI path (`/v1/communities/{community}/moderate`) as Hono's route template (`…/:community/moderate`). */
export const honoPath = (openapiPath: string) => openapiPath.replace(/\{(\w+)\}/g, ":$1");
