//! Errors of every layer, wrapped at the top in [`enum@Error`].
//!
//! Each variant carries where the problem arose (part name, line/column, JSON path) so that
//! the CLI can print one line that a user can act on.

use thiserror::Error;

pub use crate::ingest::IngestError;
pub use crate::json::JsonError;
pub use crate::ooxml::XmlError;
pub use crate::package::PackageError;

/// Any error actplan reports.
#[derive(Debug, Error)]
pub enum Error {
    /// The file is not a readable WordprocessingML package.
    #[error(transparent)]
    Package(#[from] PackageError),
    /// A part of the package is not well-formed or not allowed XML.
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// The document reads, but is not an Action Plan.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// A JSON input is malformed or breaks the schema.
    #[error(transparent)]
    Json(#[from] JsonError),
}
