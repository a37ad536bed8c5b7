// The page: pick or drop one edition (its report, findings and downloads) or two (the diff,
// older first, and the redline). All work runs in worker.js; nothing leaves the computer.
// document.body.dataset.state: loading → ready → working → done | error.

const $ = (id) => document.getElementById(id);
const pending = new Map();
let nextId = 1;
// The editions picked, read once in the worker: [{name, handle, info}], older first when two.
let editions = [];
// Why the two are in that order, for the page.
let orderReason = "";
// When the files were picked (performance.now()), for the time shown when done.
let started = 0;

let worker = startWorker();

/** The worker that runs the JS API; a new one after an internal error. */
function startWorker() {
  const started = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
  started.onmessage = answer;
  started.onerror = (event) => fail(`the page's worker failed: ${event.message || "unknown error"}`);
  return started;
}

function answer(event) {
  const { id, ok, result, message, fatal } = event.data;
  if (id === 0) {
    if (ok && document.body.dataset.state === "loading") {
      setState("ready", "Ready: pick or drop a .docx or .json edition.");
    } else if (!ok) {
      fail(message);
    }
    return;
  }
  const call = pending.get(id);
  pending.delete(id);
  if (fatal) {
    worker.terminate();
    for (const other of pending.values()) {
      other.reject(new Error(message));
    }
    pending.clear();
    editions = [];
    worker = startWorker();
  }
  if (call) {
    ok ? call.resolve(result) : call.reject(new Error(message));
  }
}

/** Run `op` of the JS API in the worker. */
function run(op, ...args) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, args });
  });
}

function setState(state, message) {
  document.body.dataset.state = state;
  $("status").textContent = message;
  if (state !== "error") {
    $("error").hidden = true;
  }
}

function fail(message) {
  setState("error", "Something went wrong: see below.");
  $("error").textContent = message;
  $("error").hidden = false;
  $("result").hidden = true;
}

const text = (bytes) => new TextDecoder().decode(bytes);
const stem = (name) => name.replace(/\.[^.]*$/, "");
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A clearer message for files that are plainly not editions, before reading them. */
function refuse(name, bytes) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".pdf") || text(bytes.subarray(0, 5)) === "%PDF-") {
    return `${name}: this is a PDF. actplan reads the Word .docx of the Action Plan (or its JSON): ask for the .docx, or open the PDF in Word and save it as .docx.`;
  }
  return null;
}

async function pick(files) {
  if (files.length === 0) {
    return;
  }
  if (files.length > 2) {
    fail(`${plural(files.length, "file")} picked: pick one edition for its report, or two to compare.`);
    return;
  }
  setState("working", `Reading ${[...files].map((f) => f.name).join(" and ")}…`);
  started = performance.now();
  try {
    for (const { handle } of editions.splice(0)) {
      run("close", handle).catch(() => {});
    }
    const read = [];
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const refused = refuse(file.name, bytes);
      if (refused) {
        throw new Error(refused);
      }
      const { handle, info } = await run("open", bytes, { name: file.name });
      read.push({ name: file.name, handle, info });
    }
    editions = order(read);
    await show();
  } catch (error) {
    fail(error.message);
  }
}

/** Older first: by the cover's meeting date when both have one and they differ, else by file name. */
function order(read) {
  if (read.length < 2) {
    return read;
  }
  const [a, b] = read;
  const da = a.info.meeting_start;
  const db = b.info.meeting_start;
  if (da && db && da !== db) {
    orderReason = "Ordered by the meetings on their covers.";
    return da < db ? [a, b] : [b, a];
  }
  orderReason = "Ordered by file name (the covers do not date them apart).";
  return a.name.localeCompare(b.name, undefined, { numeric: true }) <= 0 ? [a, b] : [b, a];
}

async function show() {
  setState("working", "Writing the report…");
  $("result").hidden = true;
  $("downloads").replaceChildren();
  $("findings").hidden = true;
  $("warnings").hidden = true;
  if (editions.length === 1) {
    await showEdition(editions[0]);
  } else {
    await showDiff(editions[0], editions[1]);
  }
  $("result").hidden = false;
  const ms = Math.round(performance.now() - started);
  document.body.dataset.ms = String(ms);
  const what = editions.length === 1 ? "the report is below" : "the changes are below";
  setState("done", `Done in ${(ms / 1000).toFixed(1)} s: ${what}.`);
  $("result-h").focus();
}

async function showEdition(edition) {
  const { name, handle, info } = edition;
  const [html, findings] = await Promise.all([run("convert", handle, "html"), run("check", handle)]);
  $("result-h").textContent = title(edition);
  $("summary").textContent = `${name}: ${plural(info.resolutions, "resolution")}, ${plural(info.items, "action item")}.`;
  $("order").hidden = true;
  showWarnings(info.warnings.map((w) => `${name}: ${w}`));
  showFindings(JSON.parse(findings).findings);
  const base = stem(name);
  const make = (to) => () => run("convert", handle, to);
  download("JSON", make("json"), `${base}.json`, "application/json");
  download("Word report", make("docx"), `${base}-report.docx`, DOCX);
  download("Markdown", make("md"), `${base}.md`, "text/markdown");
  download("Status-update sheet (.xlsx)", make("xlsx"), `${base}-status-update.xlsx`, XLSX);
  await frame(text(html));
}

async function showDiff(older, newer) {
  const diff = (to) => run("diff", older.handle, newer.handle, to);
  const [html, json] = await Promise.all([diff("html"), diff("json")]);
  const changes = JSON.parse(text(json)).changes.length;
  $("result-h").textContent = plural(changes, "change");
  $("summary").textContent = `From ${title(older)} to ${title(newer)}.`;
  $("old-name").textContent = older.name;
  $("new-name").textContent = newer.name;
  $("order-why").textContent = orderReason;
  $("order").hidden = false;
  showWarnings(editions.flatMap((e) => e.info.warnings.map((w) => `${e.name}: ${w}`)));
  const base = `${stem(older.name)}-to-${stem(newer.name)}`;
  download("Word redline", () => diff("docx"), `${base}-redline.docx`, DOCX);
  download("JSON changes", async () => json, `${base}-changes.json`, "application/json");
  await frame(text(html));
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "TD 123 (Geneva, 22-26 July 2024)", from the cover, else the file name. */
function title({ name, info }) {
  const cover = info.cover || {};
  const parts = [cover.td_number, cover.meeting].filter(Boolean);
  return parts.length ? parts.join(", ") : name;
}

function showWarnings(warnings) {
  const list = $("warnings");
  list.replaceChildren(...warnings.map((w) => item(`Warning: ${w}`)));
  list.hidden = warnings.length === 0;
}

function showFindings(findings) {
  const count = (severity) => findings.filter((f) => f.severity === severity).length;
  $("findings-summary").textContent =
    `Check: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${plural(count("info"), "info")}`;
  $("findings-list").replaceChildren(
    ...findings.map((f) => {
      const where = [f.location?.resolution, f.location?.item].filter(Boolean).join(" ");
      const li = item(`${f.severity}: ${where ? `${where}: ` : ""}${f.message}`);
      li.className = `finding ${f.severity}`;
      return li;
    }),
  );
  $("findings").hidden = false;
}

function item(content) {
  const li = document.createElement("li");
  li.textContent = content;
  return li;
}

/** A button that makes the file on demand and saves it. */
function download(label, make, fileName, type) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = `Download ${label}`;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const bytes = await make();
      const url = URL.createObjectURL(new Blob([bytes], { type }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      fail(error.message);
    } finally {
      button.disabled = false;
    }
  });
  $("downloads").append(button);
}

/** Show a report page in the frame, resolved once it has loaded; its outside links open in a new tab. */
function frame(html) {
  const iframe = $("report");
  return new Promise((resolve) => {
    iframe.onload = () => {
      const doc = iframe.contentDocument;
      for (const a of doc ? doc.querySelectorAll('a[href^="http:"], a[href^="https:"], a[href^="mailto:"]') : []) {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      }
      resolve();
    };
    iframe.srcdoc = html;
  });
}

$("files").addEventListener("change", (event) => {
  pick([...event.target.files]);
  event.target.value = "";
});
$("swap").addEventListener("click", () => {
  editions.reverse();
  orderReason = "Swapped by hand.";
  started = performance.now();
  show().catch((error) => fail(error.message));
});
document.addEventListener("dragover", (event) => {
  event.preventDefault();
  document.body.classList.add("dragging");
});
document.addEventListener("dragleave", (event) => {
  if (!event.relatedTarget) {
    document.body.classList.remove("dragging");
  }
});
document.addEventListener("drop", (event) => {
  event.preventDefault();
  document.body.classList.remove("dragging");
  pick([...event.dataTransfer.files]);
});
