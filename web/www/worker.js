// The page's worker: loads the wasm once, then runs the JS API's functions off the main
// thread. Message in: {id, op, args}; out: {id, ok: true, result} or {id, ok: false, message}.
import init, * as actplan from "./actplan.js";

const OPS = new Set(["convert", "diff", "check", "inspect"]);

const ready = init({ module_or_path: new URL("actplan_bg.wasm", import.meta.url) }).then(
  () => self.postMessage({ id: 0, ok: true, result: "ready" }),
  (error) => self.postMessage({ id: 0, ok: false, message: `cannot load actplan: ${error}` }),
);

self.onmessage = async (event) => {
  const { id, op, args } = event.data;
  await ready;
  try {
    if (!OPS.has(op)) {
      throw new Error(`unknown operation ${op}`);
    }
    const result = actplan[op](...args);
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
