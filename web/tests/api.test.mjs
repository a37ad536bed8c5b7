// The JS API of web/dist/actplan.js gives the very bytes the command line writes, and its
// one-line messages. Needs scripts/build-web.sh run first, and the CLI built (cargo build):
// ACTPLAN_BIN names it, else target/{debug,release}/actplan (under CARGO_TARGET_DIR if set).
// Run: node --test web/tests/
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "web", "dist");
const fixture = (name) => join(root, "fixtures", name);
const A = fixture("action-plan-edition-a.docx");
const B = fixture("action-plan-edition-b.docx");
const DATE = "2024-01-22";

/** The actplan binary to compare with. */
function cli() {
  if (process.env.ACTPLAN_BIN) {
    return process.env.ACTPLAN_BIN;
  }
  const target = process.env.CARGO_TARGET_DIR || join(root, "target");
  const found = ["debug", "release"].map((p) => join(target, p, "actplan")).find(existsSync);
  assert.ok(found, `no actplan binary under ${target}: run cargo build, or set ACTPLAN_BIN`);
  return found;
}

const work = mkdtempSync(join(tmpdir(), "actplan-web-test-"));
let api;

before(async () => {
  const wasm = join(dist, "actplan_bg.wasm");
  assert.ok(existsSync(wasm), `${wasm} is missing: run scripts/build-web.sh first`);
  api = await import(join(dist, "actplan.js"));
  await api.default({ module_or_path: readFileSync(wasm) });
});

/** Run the CLI in the work folder; SOURCE_DATE_EPOCH unset so that defaults apply. */
function run(args) {
  const env = { ...process.env };
  delete env.SOURCE_DATE_EPOCH;
  delete env.NO_COLOR;
  const result = spawnSync(cli(), args, { cwd: work, env, maxBuffer: 1 << 28 });
  assert.equal(result.error, undefined, `cannot run ${cli()}: ${result.error}`);
  return result;
}

/** The bytes the CLI writes to `out` for `args`, asserting its exit code (one of `codes`). */
function cliOutput(args, out, codes = [0]) {
  const result = run([...args, "-o", out, "--quiet"]);
  assert.ok(codes.includes(result.status), `actplan ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return readFileSync(join(work, out));
}

function assertSameBytes(actual, expected, what) {
  assert.ok(actual instanceof Uint8Array, `${what}: not a Uint8Array`);
  assert.ok(expected.length > 100, `${what}: the CLI wrote only ${expected.length} bytes`);
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} bytes, the CLI wrote ${expected.length}`);
  assert.ok(Buffer.from(actual).equals(expected), `${what}: the bytes differ from the CLI's`);
}

for (const [label, path] of [["A", A], ["B", B]]) {
  const bytes = readFileSync(path);
  for (const to of ["json", "md", "html", "docx"]) {
    test(`convert edition ${label} to ${to} = actplan convert`, () => {
      // The browser has no LibreOffice: its Word report leaves the contents' page numbers
      // for Word to fill, as the CLI does with --no-layout (or without LibreOffice).
      const layout = to === "docx" ? ["--no-layout"] : [];
      const expected = cliOutput(["convert", path, "--to", to, ...layout], `${label}.${to}`);
      assertSameBytes(api.convert(bytes, to), expected, `${label} ${to}`);
    });
  }
  test(`convert edition ${label} to xlsx and csv = actplan export`, () => {
    for (const to of ["xlsx", "csv"]) {
      const expected = cliOutput(["export", path, "--to", to], `${label}.${to}`);
      assertSameBytes(api.convert(bytes, to), expected, `${label} ${to}`);
    }
  });
}

test("convert with the command line's options: --set, --as-of, --revisions", () => {
  const bytes = readFileSync(A);
  const args = ["convert", A, "--to", "html", "--set", "td_number=TD 999", "--set", "meeting=Geneva, 22-26 July 2024", "--as-of", "2024-07-22", "--revisions", "reject"];
  const expected = cliOutput(args, "options.html");
  assert.ok(expected.includes("TD 999"), "the CLI's report lacks the TD number set");
  const options = { set: { td_number: "TD 999", meeting: "Geneva, 22-26 July 2024" }, as_of: "2024-07-22", revisions: "reject" };
  assertSameBytes(api.convert(bytes, "html", options), expected, "html with options");
  const list = { ...options, set: ["td_number=TD 999", "meeting=Geneva, 22-26 July 2024"] };
  assertSameBytes(api.convert(bytes, "html", list), expected, "html with options as KEY=VALUE");
});

test("a JSON edition converts as on the command line", () => {
  const json = api.convert(readFileSync(B), "json");
  writeFileSync(join(work, "b.json"), json);
  const expected = cliOutput(["convert", "b.json", "--to", "md"], "b-from-json.md");
  assertSameBytes(api.convert(json, "md", { name: "b.json" }), expected, "md from JSON");
  assertSameBytes(api.convert(json, "md"), expected, "md from JSON detected by content");
});

for (const to of ["json", "md", "docx", "html", "text"]) {
  test(`diff A → B to ${to} = actplan diff (exit 1)`, () => {
    const expected = cliOutput(["diff", A, B, "--to", to, "--date", DATE, "--color", "never"], `diff.${to}`, [1]);
    const actual = api.diff(readFileSync(A), readFileSync(B), to, { date: DATE });
    assertSameBytes(actual, expected, `diff ${to}`);
  });
}

test("diff A → B finds the 26 changes of the fixture", () => {
  const changes = JSON.parse(new TextDecoder().decode(api.diff(readFileSync(A), readFileSync(B), "json")));
  const expected = JSON.parse(readFileSync(fixture("action-plan-edition-b.changes.json"), "utf8"));
  assert.equal(changes.changes.length, 26);
  assert.equal(changes.changes.length, (expected.changes ?? expected).length);
});

test("check = actplan check --to json", () => {
  for (const [path, name] of [[A, "A"], [B, "B"]]) {
    const expected = cliOutput(["check", path, "--to", "json", "--as-of", "2024-07-22"], `${name}-check.json`, [0, 1]);
    const actual = api.check(readFileSync(path), { as_of: "2024-07-22" });
    assert.equal(actual, expected.toString("utf8"), `check ${name}`);
    assert.ok(JSON.parse(actual).findings.length > 0, `check ${name}: no findings`);
  }
});

/** The CLI's error line for `file` (written into the work folder), without "actplan: ". */
function cliError(file, bytes, args) {
  writeFileSync(join(work, file), bytes);
  const result = run([...args(file), "--quiet"]);
  assert.notEqual(result.status, 0);
  const line = result.stderr.toString("utf8").trim();
  assert.match(line, /^actplan: /);
  return line.slice("actplan: ".length);
}

function jsError(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof Error, "not an Error");
    return error.message;
  }
  assert.fail("no error thrown");
}

test("errors for files that are not .docx are the CLI's messages", () => {
  const cases = [
    ["notes.pdf", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")],
    ["old.doc", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])],
    ["locked.docx", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from("EncryptedPackage", "utf16le")])],
    ["edition.docx", Buffer.from("not a zip at all")],
    ["broken.json", Buffer.from('{"resolutions": 3}')],
  ];
  for (const [name, bytes] of cases) {
    const expected = cliError(name, bytes, (f) => ["convert", f, "--to", "json", "-o", "out.json"]);
    assert.ok(expected.startsWith(`${name}: `), expected);
    assert.equal(jsError(() => api.convert(bytes, "json", { name })), expected, name);
  }
  const pdf = cases[0][1];
  const expected = cliError("new.pdf", pdf, (f) => ["diff", A, f, "--to", "json", "-o", "d.json"]);
  assert.equal(jsError(() => api.diff(readFileSync(A), pdf, "json", { new_name: "new.pdf" })), expected);
});

test("option errors are named", () => {
  const bytes = readFileSync(A);
  assert.match(jsError(() => api.convert(bytes, "pdf")), /^to: expected one of json\|md\|html\|docx\|xlsx\|csv/);
  assert.match(jsError(() => api.convert(bytes, "html", { set: { colour: "red" } })), /^unknown --set key "colour"/);
  assert.match(jsError(() => api.convert(bytes, "html", { asof: "2024-07-22" })), /^options: unknown field `asof`/);
  assert.match(jsError(() => api.diff(bytes, bytes, "docx", { date: "soon" })), /^date: expected an ISO 8601 date/);
});

test("inspect gives counts, the meeting date and the format", () => {
  const a = JSON.parse(api.inspect(readFileSync(A), { name: "a.docx" }));
  const b = JSON.parse(api.inspect(readFileSync(B), { name: "b.docx" }));
  assert.equal(a.items, 407);
  assert.equal(a.format, "docx");
  assert.match(a.meeting_start, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(a.meeting_start < b.meeting_start, `A ${a.meeting_start} is not older than B ${b.meeting_start}`);
  assert.ok(Array.isArray(a.warnings));
});

test("an Edition read once gives the same bytes as convert, check and diff", () => {
  const [a, b] = [readFileSync(A), readFileSync(B)];
  const ea = new api.Edition(a, { name: "a.docx" });
  const eb = new api.Edition(b, { name: "b.docx" });
  try {
    assert.equal(JSON.parse(ea.info()).items, 407);
    for (const to of ["json", "html", "xlsx"]) {
      assertSameBytes(ea.convert(to), api.convert(a, to), `Edition ${to}`);
    }
    const options = { set: { td_number: "TD 5" }, as_of: "2024-07-22" };
    assertSameBytes(ea.convert("md", options), api.convert(a, "md", options), "Edition md with options");
    assert.equal(ea.check({ as_of: "2024-07-22" }), api.check(a, { as_of: "2024-07-22" }));
    const date = { date: DATE };
    assertSameBytes(api.diffEditions(ea, eb, "docx", date), api.diff(a, b, "docx", date), "diffEditions docx");
    assert.match(jsError(() => new api.Edition(Buffer.from("%PDF-1.4"), { name: "x.pdf" })), /^x\.pdf: not a \.docx file/);
  } finally {
    ea.free();
    eb.free();
  }
});
