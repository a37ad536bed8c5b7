//! actplan in the browser: the library behind a small JS API (wasm-bindgen, `--target web`).
//!
//! ```js
//! import init, { convert, diff, check, inspect, Edition, diffEditions } from "./actplan.js";
//! await init({ module_or_path: wasmBytesOrUrl });
//! const html = convert(docxBytes, "html", { name: "TD-123.docx" });
//! ```
//!
//! Each function takes what the command line takes and returns the very bytes the command
//! line writes for the same input and options; an error throws a JS `Error` whose message
//! is the command line's one-line message (without its "actplan: " prefix). The work is done
//! by the functions of [`run`], which know nothing of JS and are tested natively; the
//! exported functions only convert the JS values and read the clock.

pub mod options;
pub mod run;

pub use options::Options;
use wasm_bindgen::prelude::*;

/// An edition (.docx or JSON bytes) converted: `to` is "json", "md", "html", "docx" (as
/// `actplan convert --to`), "xlsx" or "csv" (as `actplan export`).
#[wasm_bindgen]
pub fn convert(input: &[u8], to: &str, options: JsValue) -> Result<Vec<u8>, JsError> {
    let options = parse(&options)?;
    run::convert(input, to, &options).map_err(|e| JsError::new(&e))
}

/// What changed from `old` to `new` (.docx or JSON bytes): `to` is "json", "md", "html",
/// "text" or "docx" (the Word redline), as `actplan diff --to`.
#[wasm_bindgen]
pub fn diff(old: &[u8], new: &[u8], to: &str, options: JsValue) -> Result<Vec<u8>, JsError> {
    let options = parse(&options)?;
    run::diff(old, new, to, &options, now()).map_err(|e| JsError::new(&e))
}

/// The consistency findings of an edition as JSON, as `actplan check --to json`.
#[wasm_bindgen]
pub fn check(input: &[u8], options: JsValue) -> Result<String, JsError> {
    let options = parse(&options)?;
    run::check(input, &options, now()).map_err(|e| JsError::new(&e))
}

/// What a page shows about an edition before any report, as JSON: its format, cover,
/// meeting start date, counts and reading warnings.
#[wasm_bindgen]
pub fn inspect(input: &[u8], options: JsValue) -> Result<String, JsError> {
    let options = parse(&options)?;
    run::inspect(input, &options).map_err(|e| JsError::new(&e))
}

/// An edition read once, for several outputs: what a page that shows a report, its
/// findings and downloads uses, so that the file is read only once.
///
/// ```js
/// const edition = new Edition(bytes, { name: file.name });
/// edition.info();  edition.convert("html");  edition.check();  edition.free();
/// ```
#[wasm_bindgen]
pub struct Edition {
    opened: run::Opened,
}

#[wasm_bindgen]
impl Edition {
    /// Read an edition (.docx or JSON bytes); `options` as for [`convert`] (`name`, `from`,
    /// `revisions`, size limits).
    #[wasm_bindgen(constructor)]
    pub fn new(input: &[u8], options: JsValue) -> Result<Edition, JsError> {
        let options = parse(&options)?;
        let opened = run::open(input, &options, "<input>").map_err(|e| JsError::new(&e))?;
        Ok(Edition { opened })
    }

    /// As [`inspect`].
    pub fn info(&self) -> String {
        run::info(&self.opened)
    }

    /// As [`convert`], without reading the input again.
    pub fn convert(&self, to: &str, options: JsValue) -> Result<Vec<u8>, JsError> {
        let options = parse(&options)?;
        run::convert_opened(&self.opened, to, &options).map_err(|e| JsError::new(&e))
    }

    /// As [`check`], without reading the input again.
    pub fn check(&self, options: JsValue) -> Result<String, JsError> {
        let options = parse(&options)?;
        run::check_opened(&self.opened, &options, now()).map_err(|e| JsError::new(&e))
    }
}

/// As [`diff`], on editions already read.
#[wasm_bindgen(js_name = diffEditions)]
pub fn diff_editions(
    old: &Edition,
    new: &Edition,
    to: &str,
    options: JsValue,
) -> Result<Vec<u8>, JsError> {
    let options = parse(&options)?;
    run::diff_opened(&old.opened, &new.opened, to, &options, now()).map_err(|e| JsError::new(&e))
}

/// Take every path once on a small built-in edition, so that the first real file is not
/// slowed by compiling: a page calls it while it loads. The number of items it read back.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() -> Result<usize, JsError> {
    run::warm_up().map_err(|e| JsError::new(&e))
}

/// Runs when the module is initialised: a panic (a bug: the library does not panic on any
/// input) is written to the console before the wasm traps, so that it can be reported.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!(
            "actplan: internal error, please report it: {info}"
        ));
    }));
}

/// The options object (undefined, null or a plain object) as [`Options`].
fn parse(options: &JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let text = stringify(options)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new("options: expected a plain object"))?;
    Options::from_json(&text).map_err(|e| JsError::new(&e))
}

/// Now, in seconds since 1970 (UTC), from the JS clock: `std::time` has no clock on
/// wasm32-unknown-unknown.
fn now() -> i64 {
    (date_now() / 1000.0).floor() as i64
}

// The JS built-ins used, declared here rather than through the js-sys crate.
#[wasm_bindgen]
extern "C" {
    /// `JSON.stringify(value)`: a string, or undefined; throws on cycles and BigInts.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    fn stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    /// `Date.now()`: milliseconds since 1970.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
    /// `console.error(message)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}
