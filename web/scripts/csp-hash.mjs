// Fill in the page's Content-Security-Policy with the hash of the HTML report's inline
// script: the page shows the report in a srcdoc frame, which inherits the page's policy.
// The script is the same in every report, so one rendering (edition A) gives its hash.
// usage: node web/scripts/csp-hash.mjs web/dist
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = process.argv[2];
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { default: init, convert } = await import(join(process.cwd(), dist, "actplan.js"));
await init({ module_or_path: readFileSync(join(dist, "actplan_bg.wasm")) });
const edition = readFileSync(join(root, "fixtures", "action-plan-edition-a.docx"));
const html = new TextDecoder().decode(convert(edition, "html"));
const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (scripts.length !== 1) {
  throw new Error(`expected one inline script in the HTML report, found ${scripts.length}`);
}
const hash = createHash("sha256").update(scripts[0], "utf8").digest("base64");
const page = join(dist, "index.html");
const text = readFileSync(page, "utf8");
if (!text.includes("'sha256-REPORT-SCRIPT'")) {
  throw new Error(`${page}: no 'sha256-REPORT-SCRIPT' placeholder in the policy`);
}
writeFileSync(page, text.replace("'sha256-REPORT-SCRIPT'", `'sha256-${hash}'`));
console.log(`csp-hash: report script sha256-${hash}`);
