/**
 * The layers of src/, checked by `npm run check:layers` (part of `npm run verify` and CI).
 * Arrows point down: entry/cli → app → http → verbs → facts/rules/reasoner → db/lib/config → domain.
 * A lower layer importing a higher one means a type or a function is in the wrong place; any cycle, even
 * through a type-only import, means two files cannot be read apart.
 */
const VERBS =
  "^src/(access|appeals|audit|communities|evaluation|moderation|norms|precedents|proposals|reviews|rulings|shims|statements|webhooks)/|^src/context\\.ts$";
const ENGINE = "^src/(facts|rules|reasoner)/";
const BASE = "^src/(db|lib|config)/";

const below = (name, from, to, comment) => ({ name, severity: "error", comment, from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "Files that import each other (even only for types) cannot be read or changed apart.",
      from: {},
      to: { circular: true },
    },
    below("domain-imports-nothing", "^src/domain/", "^src/(?!domain/)", "domain is the vocabulary; it imports nothing of ours."),
    below("config-is-a-leaf", "^src/config/", "^src/(?!config/|domain/|lib/)", "configuration reads the environment, nothing else."),
    below("base-stays-below", BASE, `${VERBS}|${ENGINE}|^src/(http|console|entry|cli)/|^src/app\\.ts$`, "db/lib know nothing above them."),
    below("engine-stays-below", ENGINE, `${VERBS}|^src/(http|console|entry|cli)/|^src/app\\.ts$`, "facts, rules and the reasoner port know no verb."),
    below("verbs-never-see-http", VERBS, "^src/(http|console|entry|cli)/|^src/app\\.ts$", "verbs never see Hono or an entry point."),
    below("http-below-app", "^src/http/", "^src/(entry|cli)/|^src/app\\.ts$", "routes know nothing of how the app is composed or run."),
    below("console-below-app", "^src/console/", "^src/(entry|cli)/|^src/app\\.ts$", "the console is pages over the verbs; the app mounts it."),
    {
      name: "console-is-portable",
      severity: "error",
      comment: "the console runs on Workers too: no node: built-ins on its path.",
      from: { path: "^src/console/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "model-clients-load-lazily",
      severity: "error",
      comment:
        "LangChain and the providers' SDKs take ~0.4 s and ~45 MB to load: on Node they are imported (dynamically, by reasoner/load-reasoner.ts) only when a model is configured. The Worker bundles them.",
      from: { path: "^src/", pathNot: "^src/reasoner/(providers|langchain-reasoner|workers-ai-binding)\\.ts$|^src/entry/worker\\.ts$" },
      to: {
        path: "^src/reasoner/(providers|langchain-reasoner|workers-ai-binding)\\.ts$|node_modules/(@langchain|openai|@anthropic-ai)/",
        dependencyTypesNot: ["dynamic-import", "type-only"],
      },
    },
    below("app-below-entry", "^src/app\\.ts$", "^src/(entry|cli)/", "the app is portable: no runtime entry in it."),
    below("nothing-imports-cli", "^src/(?!cli/)", "^src/cli/", "the CLI is an entry point."),
    below("only-entries-import-entries", "^src/(?!entry/)", "^src/entry/", "entry points compose; nothing imports them (the CLI uses what they use)."),
    below("client-stands-alone", "^src/client/", "^src/(?!client/)", "mores/client ships to users alone: it imports only its own files."),
    below("no-grab-bag-root", "^src/", "^src/services\\.ts$", "services are composed in entry/; verbs import the type-only src/context.ts."),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^(node_modules|dist|test|bench)/" },
  },
};
