//! The subcommands, one file each (arguments, help text, `run`), and what they share:
//! exit codes ([`exit`]), reading editions and writing outputs ([`io`]), output formats
//! inferred from `-o` ([`format`]).

pub(crate) mod check;
pub(crate) mod convert;
pub(crate) mod diff;
pub(crate) mod exit;
pub(crate) mod export;
pub(crate) mod format;
pub(crate) mod import;
pub(crate) mod io;
pub(crate) mod items;
pub(crate) mod layout;
pub(crate) mod schema;
pub(crate) mod stats;
pub(crate) mod templates;

pub(crate) use exit::{Exit, Failure};

/// `actplan --help`: what the tool does, by example, and the exit codes.
pub(crate) const OVERVIEW: &str = "\
Examples:
  actplan convert edition.docx -o plan.json             the edition as JSON
  actplan convert plan.json -o TSAG-TD.docx             the TSAG report as Word (also .html, .md)
  actplan diff old.docx new.docx                        what changed, on the terminal
  actplan diff old.docx new.docx -o TD-rev-marks.docx   the Word redline
  actplan check edition.docx                            consistency findings
  actplan items edition.docx --owner SG17 --open        SG17's open items
  actplan stats edition.docx -o stats.html              counts per resolution and owner
  actplan export edition.docx -o sg17.xlsx --owner SG17 a status-update sheet
  actplan import plan.json sg17.xlsx -o next.json       merge the filled-in sheet
  actplan templates --dump my-templates                 the report templates, for editing
  actplan schema > actplan.schema.json                  the JSON Schema of the model

Run `actplan COMMAND --help` for a command's options, examples and exit codes.

Exit codes: 0 success, 1 differences (diff) or findings (check), 2 usage, 3 input/output
error, 4 not a Word .docx (legacy .doc, encrypted, OpenDocument, not a zip), 5 corrupt
package, 6 size limit exceeded, 7 malformed XML, 8 not an Action Plan, 9 invalid JSON,
10 template error, 11 unusable reference document, 12 unusable update sheet.
diff exits 2 on any trouble, as diff(1) does.";
