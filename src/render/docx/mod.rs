//! The Word writer (work in progress).

use super::RenderError;
use crate::model::ActionPlan;

/// Write the plan as a .docx in the ITU TD layout.
pub fn write_docx(_plan: &ActionPlan, _reference: Option<&[u8]>) -> Result<Vec<u8>, RenderError> {
    Err(RenderError::Unsupported(
        "Word output is not implemented yet".into(),
    ))
}
