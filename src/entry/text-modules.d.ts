// Files the Worker bundle imports as text (wrangler.toml `[[rules]]` type "Text"): the module is the file's content.
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  const text: string;
  export default text;
}
declare module "swagger-ui-dist/swagger-ui.css" {
  const text: string;
  export default text;
}
