//! Errors of every layer, wrapped at the top in [`enum@Error`].
//!
//! Each layer has its own error enum with a doc comment on every variant; they are wrapped
//! here with their source, never turned into strings early. Each carries where the problem
//! arose (part name, line/column, JSON path, sheet row) so that a front end can print one
//! line that a user can act on.

use thiserror::Error;

pub use crate::ingest::IngestError;
pub use crate::model::json::JsonError;
pub use crate::model::UnknownCoverField;
pub use crate::package::PackageError;
pub use crate::render::RenderError;
pub use crate::sheet::SheetError;
pub use crate::xml::XmlError;

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
    /// A cover setting names no cover field.
    #[error(transparent)]
    CoverField(#[from] UnknownCoverField),
    /// A report could not be produced (template, reference document).
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A status-update sheet could not be written, read or merged.
    #[error(transparent)]
    Sheet(#[from] SheetError),
}

impl Error {
    /// The one line a front end shows for this error met while working on `name` (a file
    /// name, or "`<stdin>`"): "name: message", line breaks folded, with a hint naming the
    /// option that raises a size limit when one was exceeded.
    pub fn message_for(&self, name: &str) -> String {
        let message = self.to_string().replace('\n', " ");
        let hint = match self {
            Error::Package(PackageError::PartTooLarge { .. }) => {
                " (--max-part-bytes raises the limit)"
            }
            Error::Package(PackageError::TotalTooLarge { .. }) => {
                " (--max-total-bytes raises the limit)"
            }
            Error::Package(PackageError::InputTooLarge { .. }) => {
                " (--max-input-bytes raises the limit)"
            }
            _ => "",
        };
        format!("{name}: {message}{hint}")
    }
}
