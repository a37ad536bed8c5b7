//! actplan: read the ITU-T WTSA Action Plan Word document into a versioned JSON model.
//!
//! Data flows one way:
//! [`package`] (zip + limits) → [`ooxml`] (a small generic document tree) →
//! [`ingest`] (the action plan recognised in that tree) → [`model`] (serde types).
//!
//! ```no_run
//! let bytes = std::fs::read("edition.docx").unwrap();
//! let read = actplan::read_docx(&bytes, &actplan::ReadOptions::default()).unwrap();
//! println!("{} resolutions", read.plan.resolutions.len());
//! ```

pub mod check;
pub mod diff;
pub mod error;
pub mod ingest;
pub mod json;
pub mod milestone;
pub mod model;
pub mod ooxml;
pub mod owners;
pub mod package;
pub mod query;
pub mod render;
pub mod sheet;

pub use error::Error;
pub use ingest::{Ingested, Warning};
pub use model::ActionPlan;
pub use ooxml::RevisionMode;
pub use package::Limits;

/// How to read a .docx edition.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Size limits on the zip package.
    pub limits: Limits,
    /// Whether unaccepted tracked changes are read accepted (default) or rejected.
    pub revisions: RevisionMode,
}

/// Read a .docx edition (its bytes) into the model, with the warnings met on the way.
pub fn read_docx(bytes: &[u8], options: &ReadOptions) -> Result<Ingested, Error> {
    let package = package::Package::open(bytes, &options.limits)?;
    let document = ooxml::read_document(&package, options.revisions)?;
    Ok(ingest::ingest(&document)?)
}
