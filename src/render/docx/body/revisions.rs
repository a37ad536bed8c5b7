//! Tracked changes: the `w:ins`/`w:del` wrappers around runs and bookmarks, and the marks
//! of inserted or deleted paragraphs and table rows (the redline only; the plain report
//! never sets a revision).
//!
//! Revisions share one id space with bookmarks (`Writer::next_bookmark`) and carry the
//! author "actplan" and the redline's date.

use super::Writer;

/// A tracked change: what the text written inside it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Revision {
    /// Only in the new edition (`w:ins`).
    Insert,
    /// Only in the old edition (`w:del`).
    Delete,
}

impl Revision {
    /// The wrapper element: `w:ins` or `w:del`.
    pub(super) fn element(self) -> &'static str {
        match self {
            Revision::Insert => "w:ins",
            Revision::Delete => "w:del",
        }
    }
}

impl Writer<'_> {
    /// Open the `w:ins`/`w:del` wrapper of the current tracked change, if any.
    pub(super) fn revision_start(&mut self) {
        if let Some(revision) = self.revision {
            let attributes = self.revision_attributes();
            let attributes: Vec<(&str, &str)> =
                attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.w.start(revision.element(), &attributes);
        }
    }

    /// Close the wrapper `revision_start` opened, if any.
    pub(super) fn revision_end(&mut self) {
        if let Some(revision) = self.revision {
            self.w.end(revision.element());
        }
    }

    /// The mark of a tracked change as an empty element (paragraph marks, rows).
    pub(super) fn revision_mark(&mut self) {
        if let Some(revision) = self.revision {
            let attributes = self.revision_attributes();
            let attributes: Vec<(&str, &str)> =
                attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.w.empty(revision.element(), &attributes);
        }
    }

    /// `w:id` (the next annotation id), `w:author` and `w:date` of one change.
    fn revision_attributes(&mut self) -> [(&'static str, String); 3] {
        let id = self.next_bookmark;
        self.next_bookmark += 1;
        [
            ("w:id", id.to_string()),
            ("w:author", "actplan".to_string()),
            ("w:date", self.revision_date.clone()),
        ]
    }

    /// Write what `content` writes as a tracked insertion or deletion (or plainly: `None`).
    /// `None` keeps the change in force: a part common to both editions inside a deleted
    /// resolution is deleted with it.
    pub(super) fn tracked(&mut self, revision: Option<Revision>, content: impl FnOnce(&mut Self)) {
        let saved = self.revision;
        if revision.is_some() {
            self.revision = revision;
        }
        content(self);
        self.revision = saved;
    }
}
