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
    /// The old place of moved content (`w:moveFrom`): gone when accepted, like a deletion.
    MoveFrom,
    /// The new place of moved content (`w:moveTo`): kept when accepted, like an insertion.
    MoveTo,
}

impl Revision {
    /// The wrapper element of runs and the mark of paragraphs.
    fn element(self) -> &'static str {
        match self {
            Revision::Insert => "w:ins",
            Revision::Delete => "w:del",
            Revision::MoveFrom => "w:moveFrom",
            Revision::MoveTo => "w:moveTo",
        }
    }

    /// The mark of a table row, which has no move mark: a moved row is deleted at its old
    /// place and inserted at its new one (its text is marked as moved).
    fn row_element(self) -> &'static str {
        if self.is_removal() {
            "w:del"
        } else {
            "w:ins"
        }
    }

    /// True for what accepting the change removes (a deletion, a move's old place).
    pub(super) fn is_removal(self) -> bool {
        matches!(self, Revision::Delete | Revision::MoveFrom)
    }

    /// The range elements around a move: `w:moveFromRangeStart`/`End` or
    /// `w:moveToRangeStart`/`End`; none for an insertion or deletion.
    fn range_elements(self) -> Option<(&'static str, &'static str)> {
        match self {
            Revision::MoveFrom => Some(("w:moveFromRangeStart", "w:moveFromRangeEnd")),
            Revision::MoveTo => Some(("w:moveToRangeStart", "w:moveToRangeEnd")),
            Revision::Insert | Revision::Delete => None,
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

    /// The mark of a whole table row inserted or deleted (`w:ins`/`w:del` in `w:trPr`).
    pub(super) fn revision_row_mark(&mut self) {
        if let Some(revision) = self.revision {
            let attributes = self.revision_attributes();
            let attributes: Vec<(&str, &str)> =
                attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.w.empty(revision.row_element(), &attributes);
        }
    }

    /// Write what `content` writes as one side of a move named `name` (the same name at the
    /// old and the new place pairs them): inside `w:moveFromRangeStart`/`End` (or the
    /// `moveTo` ones), its text marked `w:moveFrom` (`w:moveTo`). An insertion or deletion
    /// is written as [`Writer::tracked`] does.
    pub(super) fn move_range(
        &mut self,
        revision: Revision,
        name: &str,
        content: impl FnOnce(&mut Self),
    ) {
        let Some((start, end)) = revision.range_elements() else {
            return self.tracked(Some(revision), content);
        };
        let [id, author, date] = self.revision_attributes();
        self.w.empty(
            start,
            &[
                (id.0, id.1.as_str()),
                (author.0, author.1.as_str()),
                (date.0, date.1.as_str()),
                ("w:name", name),
            ],
        );
        self.tracked(Some(revision), content);
        self.w.empty(end, &[(id.0, id.1.as_str())]);
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

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, written};
    use super::*;

    const DATE: &str = "2024-01-22T00:00:00Z";

    #[test]
    fn an_insertion_is_wrapped_in_w_ins_with_author_date_and_an_id() {
        let xml = written(&empty_plan(), |w| {
            w.revision_date = DATE.into();
            w.next_bookmark = 7;
            w.tracked(Some(Revision::Insert), |w| w.run("new", false, false, None));
        });
        let ins = xml.child("w:ins");
        assert_eq!(ins.attr("w:author"), Some("actplan"));
        assert_eq!(ins.attr("w:date"), Some(DATE));
        assert_eq!(ins.attr("w:id"), Some("7"));
        assert_eq!(ins.child("w:r").child("w:t").own_text(), "new");
    }

    #[test]
    fn a_deletion_is_wrapped_in_w_del_and_its_text_is_del_text() {
        let xml = written(&empty_plan(), |w| {
            w.tracked(Some(Revision::Delete), |w| w.run("old", false, false, None));
        });
        let run = xml.child("w:del").child("w:r");
        assert_eq!(run.element_names(), ["w:delText"]);
        assert_eq!(run.text(), "old");
    }

    #[test]
    fn a_move_is_a_named_range_around_move_from_or_move_to_text() {
        let xml = written(&empty_plan(), |w| {
            w.revision_date = DATE.into();
            w.move_range(Revision::MoveFrom, "move-54-06", |w| {
                w.run("old place", false, false, None)
            });
            w.move_range(Revision::MoveTo, "move-54-06", |w| {
                w.run("new place", false, false, None)
            });
        });
        assert_eq!(
            xml.element_names(),
            [
                "w:moveFromRangeStart",
                "w:moveFrom",
                "w:moveFromRangeEnd",
                "w:moveToRangeStart",
                "w:moveTo",
                "w:moveToRangeEnd"
            ]
        );
        let start = xml.child("w:moveFromRangeStart");
        assert_eq!(start.attr("w:name"), Some("move-54-06"));
        assert_eq!(start.attr("w:author"), Some("actplan"));
        assert_eq!(
            xml.child("w:moveFromRangeEnd").attr("w:id"),
            start.attr("w:id")
        );
        assert_eq!(
            xml.child("w:moveToRangeStart").attr("w:name"),
            Some("move-54-06")
        );
        // The old place's text is deleted text, the new place's plain text.
        let from = xml.child("w:moveFrom").child("w:r");
        assert_eq!(from.element_names(), ["w:delText"]);
        assert_eq!(
            xml.child("w:moveTo").child("w:r").child("w:t").own_text(),
            "new place"
        );
    }

    #[test]
    fn without_a_revision_a_run_is_not_wrapped() {
        let xml = written(&empty_plan(), |w| w.run("same", false, false, None));
        assert_eq!(xml.element_names(), ["w:r"]);
    }

    #[test]
    fn tracked_none_keeps_the_enclosing_change_and_restores_it_after() {
        let xml = written(&empty_plan(), |w| {
            w.tracked(Some(Revision::Delete), |w| {
                w.tracked(None, |w| w.run("inside", false, false, None));
            });
            w.run("after", false, false, None);
        });
        assert_eq!(xml.element_names(), ["w:del", "w:r"]);
        assert_eq!(xml.child("w:del").text(), "inside");
        assert_eq!(xml.child("w:r").child("w:t").own_text(), "after");
    }

    #[test]
    fn changes_and_bookmarks_share_one_id_space() {
        let xml = written(&empty_plan(), |w| {
            w.tracked(Some(Revision::Insert), |w| {
                w.heading("heading 1", "Heading", &["Anchor".into()], None);
            });
        });
        let paragraph = xml.child("w:p");
        let mark = paragraph.path(&["w:pPr", "w:rPr", "w:ins"]).expect("mark");
        assert_eq!(mark.attr("w:id"), Some("0"));
        // The bookmark takes its id before its wrappers and the run's take theirs.
        let wrappers = paragraph.children("w:ins");
        let ids: Vec<_> = wrappers.iter().map(|i| i.attr("w:id").unwrap()).collect();
        assert_eq!(ids, ["2", "3", "4"]);
        assert_eq!(wrappers[0].child("w:bookmarkStart").attr("w:id"), Some("1"));
        assert_eq!(wrappers[1].text(), "Heading");
        assert_eq!(wrappers[2].child("w:bookmarkEnd").attr("w:id"), Some("1"));
    }
}
