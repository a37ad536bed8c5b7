// Time the JS API on edition A in Node, beside the CLI (scripts/bench-web.sh runs both).
//   node web/scripts/bench.mjs --once json    init + one conversion, then exit (a cold process)
//   node web/scripts/bench.mjs [--runs N] [--hyperfine DIR]
//       cold (compile + instantiate, first conversion) and warm (median of N) per format,
//       with the CLI's and the cold Node process's hyperfine means from DIR when given.
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "web", "dist");
const edition = readFileSync(join(root, "fixtures", "action-plan-edition-a.docx"));
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const FORMATS = ["json", "html"];

const t0 = performance.now();
const wasm = readFileSync(join(dist, "actplan_bg.wasm"));
const api = await import(join(dist, "actplan.js"));
await api.default({ module_or_path: wasm });
const initMs = performance.now() - t0;

if (flag("--once")) {
  api.convert(edition, flag("--once"));
  process.exit(0);
}

const runs = Number(flag("--runs") ?? 30);
const hyperfine = flag("--hyperfine");
const mean = (file) => {
  const path = hyperfine && join(hyperfine, file);
  return path && existsSync(path) ? JSON.parse(readFileSync(path, "utf8")).results[0].mean * 1000 : NaN;
};
const ms = (x) => (Number.isNaN(x) ? "–" : `${x.toFixed(1)} ms`);

console.log(`wasm: ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} gzipped; init (compile + instantiate) ${ms(initMs)}`);
console.log("| edition A to | CLI process (hyperfine mean) | wasm warm (median) | warm / CLI | wasm first call | Node process, cold (hyperfine mean) |");
console.log("|---|---|---|---|---|---|");
for (const to of FORMATS) {
  let start = performance.now();
  api.convert(edition, to);
  const first = performance.now() - start;
  const times = [];
  for (let i = 0; i < runs; i++) {
    start = performance.now();
    api.convert(edition, to);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const warm = times[Math.floor(times.length / 2)];
  const cli = mean(`cli-${to}.json`);
  const ratio = Number.isNaN(cli) ? "–" : `${(warm / cli).toFixed(2)}×`;
  console.log(`| ${to} | ${ms(cli)} | ${ms(warm)} | ${ratio} | ${ms(first)} | ${ms(mean(`node-${to}.json`))} |`);
}
