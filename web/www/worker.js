// The page's worker: loads the wasm once, then runs the JS API off the main thread, each
// edition read once and kept (by handle) for its report, findings, downloads and diff.
// In: {id, op, args}; out: {id, ok: true, result} or {id, ok: false, message, fatal}.
import init, { Edition, diffEditions, warmUp } from "./actplan.js";

const editions = new Map();
let nextHandle = 1;

const edition = (handle) => {
  const found = editions.get(handle);
  if (!found) {
    throw new Error(`no edition ${handle}`);
  }
  return found;
};

const OPS = {
  /** (bytes, options) → {handle, info}. */
  open(bytes, options) {
    const opened = new Edition(bytes, options);
    const handle = nextHandle++;
    editions.set(handle, opened);
    return { handle, info: JSON.parse(opened.info()) };
  },
  convert: (handle, to, options) => edition(handle).convert(to, options),
  check: (handle, options) => edition(handle).check(options),
  diff: (old, next, to, options) => diffEditions(edition(old), edition(next), to, options),
  close(handle) {
    editions.get(handle)?.free();
    editions.delete(handle);
    return null;
  },
};

// Ready once the wasm is loaded and has taken each path once on a small edition (warmUp):
// the first real file then reads at full speed.
const ready = init({ module_or_path: new URL("actplan_bg.wasm", import.meta.url) }).then(
  () => {
    warmUp();
    self.postMessage({ id: 0, ok: true, result: "ready" });
  },
  (error) => self.postMessage({ id: 0, ok: false, message: `cannot load actplan: ${error}` }),
);

self.onmessage = async (event) => {
  const { id, op, args } = event.data;
  await ready;
  try {
    if (!Object.hasOwn(OPS, op)) {
      throw new Error(`unknown operation ${op}`);
    }
    const result = OPS[op](...args);
    const transfer = result instanceof Uint8Array ? [result.buffer] : [];
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    // A trap (a panic: a bug) leaves the module unusable: the page starts a new worker.
    const fatal = error instanceof WebAssembly.RuntimeError;
    const message = fatal
      ? `actplan stopped on this file with an internal error (${error.message}): please report it, with the file if you can`
      : error instanceof Error ? error.message : String(error);
    self.postMessage({ id, ok: false, message, fatal });
  }
};
