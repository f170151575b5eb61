/**
 * What the requests in flight keep alive: two heap snapshots of `npm start`'s compiled server on a throwaway
 * PostgreSQL, one idle after a warm-up and one taken in the middle of a wrk run (50 connections, so ~50 requests
 * in flight, most waiting for their group commit), compared by object kind (constructor, or string kind). What
 * the second holds more of is what every young-generation GC under load traces and copies.
 * Usage: npx tsx bench/in-flight-heap.ts [path=moderate|check top=30]
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadedServer } from "./loaded-server.js";
import { wrk } from "./wrk.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] as [string, string]),
);
type Kinds = Map<string, { count: number; bytes: number }>;

/** Objects by kind: "Object"/"Array"/a class name for objects, functions by name, the node type for the rest. */
async function kinds(file: string): Promise<Kinds> {
  const s = JSON.parse(await readFile(file, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = s.snapshot.meta.node_fields;
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const types = s.snapshot.meta.node_types[0];
  const out: Kinds = new Map();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const type = types[s.nodes[i + typeAt] as number] as string;
    const name = s.strings[s.nodes[i + nameAt] as number] as string;
    const kind = type === "object" ? name : type === "closure" ? `(closure) ${name || "anonymous"}` : `(${type})`;
    if (kind === "(code)") continue; // compiled code: V8 still optimising between the two snapshots, not request state
    const k = out.get(kind) ?? { count: 0, bytes: 0 };
    k.count++;
    k.bytes += s.nodes[i + sizeAt] as number;
    out.set(kind, k);
  }
  return out;
}

const server = await loadedServer("in-flight-heap", (work) => [
  "--heapsnapshot-signal=SIGUSR1",
  `--diagnostic-dir=${work}`,
]);
const { mores, url, work } = server;
try {
  const target = `${url}/v1/communities/default/${args.path ?? "moderate"}`;
  const options = server.load;
  await wrk(target, { ...options, seconds: 8 });
  // The snapshot is written on the server's main thread: once it answers again, the file is complete.
  const snapshot = async () => {
    mores.kill("SIGUSR1");
    await new Promise((r) => setTimeout(r, 200));
    await fetch(`${url}/ready`);
  };
  await snapshot();
  const loaded = wrk(target, { ...options, seconds: 10 });
  await new Promise((r) => setTimeout(r, 4000));
  await snapshot();
  await loaded;
  const files = (await readdir(work)).filter((f) => f.endsWith(".heapsnapshot")).sort();
  if (files.length !== 2) throw new Error(`expected 2 snapshots, found ${files.join(", ")}`);
  const [idle, busy] = [await kinds(join(work, files[0] as string)), await kinds(join(work, files[1] as string))];
  const total = (k: Kinds) =>
    [...k.values()].reduce((a, v) => ({ count: a.count + v.count, bytes: a.bytes + v.bytes }), { count: 0, bytes: 0 });
  const [ti, tb] = [total(idle), total(busy)];
  // Requests in flight: node:http's IncomingMessage objects the busy snapshot holds more of.
  const requests = Math.max(1, (busy.get("IncomingMessage")?.count ?? 0) - (idle.get("IncomingMessage")?.count ?? 0));
  const [objects, bytes] = [tb.count - ti.count, tb.bytes - ti.bytes];
  console.log(
    `in flight (busy − idle): ${requests} requests, ${objects} objects, ${Math.round(bytes / 1024)} KiB: ${Math.round(objects / requests)} objects, ${Math.round(bytes / requests)} bytes per request`,
  );
  const diff = [...busy].map(([kind, b]) => {
    const i = idle.get(kind) ?? { count: 0, bytes: 0 };
    return { kind, count: b.count - i.count, bytes: b.bytes - i.bytes };
  });
  for (const d of diff.sort((a, b) => b.bytes - a.bytes).slice(0, Number(args.top ?? 30)))
    console.log(
      `${String(d.count).padStart(8)} objects ${String(Math.round(d.bytes / 1024)).padStart(7)} KiB  ${d.kind.slice(0, 80)}`,
    );
} finally {
  await server.close();
}
