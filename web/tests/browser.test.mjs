// The page in headless Chromium (Debian's /usr/bin/chromium through playwright-core, from
// `npm ci` in web/): web/dist served on 127.0.0.1, edition A picked → its report with every
// item; A and B picked → "26 changes", older first, swappable; a PDF → a clear error; no
// console error and no request to another origin. Saves docs/screenshots/web-page.png.
// Skips with a loud message without Chromium or playwright-core, fails then under
// ACTPLAN_REQUIRE_COMPONENTS=1. Run: node --test web/tests/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { extname, dirname, join, normalize, resolve, sep } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "web", "dist");
const A = join(root, "fixtures", "action-plan-edition-a.docx");
const B = join(root, "fixtures", "action-plan-edition-b.docx");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the test cannot run here, or null. */
async function missing() {
  if (!existsSync(CHROMIUM)) {
    return `no Chromium at ${CHROMIUM}`;
  }
  try {
    await import("playwright-core");
  } catch {
    return "no playwright-core (run `npm ci` in web/)";
  }
  return null;
}

const reason = await missing();
if (reason && process.env.ACTPLAN_REQUIRE_COMPONENTS === "1") {
  throw new Error(`browser test: ${reason}, and ACTPLAN_REQUIRE_COMPONENTS=1`);
}
if (reason) {
  console.error(`\n*** SKIPPED the browser test: ${reason} ***\n`);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".ts": "text/plain; charset=utf-8",
};

/** A static server of web/dist on 127.0.0.1, any free port. */
function serve() {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const file = normalize(join(dist, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dist + sep) || !existsSync(file)) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    response.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

let server;
let browser;
let page;
let origin;
const consoleErrors = [];
const foreign = [];

before(async () => {
  if (reason) {
    return;
  }
  assert.ok(existsSync(join(dist, "index.html")), "web/dist is missing: run scripts/build-web.sh first");
  server = await serve();
  origin = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = await import("playwright-core");
  // playwright-core gives every launch a fresh, temporary profile (--user-data-dir).
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  context.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(url)) {
      foreign.push(url);
    }
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Pick `files` through the file input and wait for the page to finish. */
async function pick(files, state = "done") {
  await page.setInputFiles("#files", files);
  await page.waitForSelector(`body[data-state="${state}"]`, { timeout: 30_000 });
}

test("one edition: the report with every item, the findings and the downloads", { skip: reason || false }, async () => {
  const started = Date.now();
  await pick([A]);
  const elapsed = Date.now() - started;
  const shown = Number(await page.getAttribute("body", "data-ms"));
  const report = page.frameLocator("#report");
  const ids = await report.locator('tbody.item[id^="item-"]').evaluateAll((els) => els.map((e) => e.id));
  assert.equal(ids.length, 407, "item rows in the report");
  assert.equal(new Set(ids).size, 407, "item ids are unique");
  assert.ok(ids.includes("item-22-02"), "no #item-22-02");
  assert.match(await page.textContent("#summary"), /407 action items/);
  assert.match(await page.textContent("#findings-summary"), /^Check: \d+ errors?, \d+ warnings?, \d+ infos?$/);
  const buttons = await page.locator("#downloads button").allTextContents();
  assert.deepEqual(buttons, ["Download JSON", "Download Word report", "Download Markdown", "Download Status-update sheet (.xlsx)"]);
  const download = page.waitForEvent("download");
  await page.click("text=Download JSON");
  const file = await download;
  assert.equal(file.suggestedFilename(), "action-plan-edition-a.json");
  const saved = JSON.parse(readFileSync(await file.path(), "utf8"));
  assert.equal(saved.resolutions.reduce((n, r) => n + r.action_items.length, 0), 407);
  await page.screenshot({ path: join(root, "docs", "screenshots", "web-page.png") });
  // The page's own measure (file read → report frame loaded) and the test's (with the
  // test's round trips); the goal is under a second on an idle machine.
  console.log(`edition A: report shown ${shown} ms after picking it (${elapsed} ms seen by the test)`);
  assert.ok(shown > 0 && shown < 10_000, `report shown after ${shown} ms`);
});

test("two editions: the diff, older first, and a swap", { skip: reason || false }, async () => {
  await pick([B, A]);
  assert.equal(await page.textContent("#result-h"), "26 changes");
  assert.equal(await page.textContent("#old-name"), "action-plan-edition-a.docx");
  assert.equal(await page.textContent("#new-name"), "action-plan-edition-b.docx");
  const buttons = await page.locator("#downloads button").allTextContents();
  assert.deepEqual(buttons, ["Download Word redline", "Download JSON changes"]);
  assert.ok((await page.frameLocator("#report").locator("body").textContent()).length > 1000);
  await page.click("#swap");
  await page.waitForSelector('body[data-state="done"]');
  assert.equal(await page.textContent("#old-name"), "action-plan-edition-b.docx");
  assert.equal(await page.textContent("#result-h"), "26 changes");
});

test("files that are not editions: a clear message", { skip: reason || false }, async () => {
  const work = mkdtempSync(join(tmpdir(), "actplan-page-"));
  const pdf = join(work, "minutes.pdf");
  writeFileSync(pdf, "%PDF-1.7\n");
  await pick([pdf], "error");
  assert.match(await page.textContent("#error"), /minutes\.pdf: this is a PDF/);
  const doc = join(work, "old.doc");
  writeFileSync(doc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
  await pick([doc], "error");
  assert.match(await page.textContent("#error"), /old\.doc: this is a legacy Word 97-2003 \.doc file/);
  await pick([A, B, doc], "error");
  assert.match(await page.textContent("#error"), /3 files picked/);
});

test("keyboard: the file input is reachable with Tab", { skip: reason || false }, async () => {
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-state="ready"]');
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "files");
});

test("no console error, no request to another origin", { skip: reason || false }, () => {
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreign, []);
});
