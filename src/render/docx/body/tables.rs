//! Table scaffolding: `w:tbl` with its properties and grid, rows and cells. The caller
//! writes the cell content and closes `w:tc`, `w:tr` and `w:tbl` itself.

use super::Writer;

/// The border set of a table.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Borders {
    /// Every border single (action tables, the matrix, nested tables).
    Grid,
    /// Horizontal rules only (the cover).
    Cover,
}

/// Vertical merge of a cell with the cells above and below.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Merge {
    /// Not merged.
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// A cell merged into the one above.
    Continue,
}

/// How a cell looks besides its width and merge.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CellLook {
    /// Top-aligned, no shading.
    Plain,
    /// A header cell: grey (as the source's 228 header cells), its text centred
    /// vertically.
    Header,
    /// Content centred vertically (the √ marks).
    Middle,
}

/// The grey of header cells (the source's).
const HEADER_SHADING: &str = "D9D9D9";

/// The table sides in the order `w:tblBorders` wants them.
const SIDES: [&str; 6] = [
    "w:top",
    "w:left",
    "w:bottom",
    "w:right",
    "w:insideH",
    "w:insideV",
];

impl Writer<'_> {
    /// Open a fixed-layout table of the given column widths (twips): `w:tblPr` and
    /// `w:tblGrid`.
    pub(super) fn table_start(&mut self, grid: &[u32], borders: Borders) {
        self.table_start_margins(grid, borders, None);
    }

    /// Open a table as [`Self::table_start`] does, its cells' left and right margins
    /// `margin` twips when given (else Word's 108).
    pub(super) fn table_start_margins(
        &mut self,
        grid: &[u32],
        borders: Borders,
        margin: Option<u32>,
    ) {
        let total: u32 = grid.iter().sum();
        self.w.start("w:tbl", &[]);
        self.w.start("w:tblPr", &[]);
        self.w
            .empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")]);
        self.table_borders(borders);
        self.w.empty("w:tblLayout", &[("w:type", "fixed")]);
        if let Some(margin) = margin {
            let margin = margin.to_string();
            self.w.start("w:tblCellMar", &[]);
            for side in ["w:left", "w:right"] {
                self.w
                    .empty(side, &[("w:w", margin.as_str()), ("w:type", "dxa")]);
            }
            self.w.end("w:tblCellMar");
        }
        self.w.empty(
            "w:tblLook",
            &[
                ("w:val", "04A0"),
                ("w:firstRow", "1"),
                ("w:lastRow", "0"),
                ("w:firstColumn", "1"),
                ("w:lastColumn", "0"),
                ("w:noHBand", "0"),
                ("w:noVBand", "1"),
            ],
        );
        self.w.end("w:tblPr");
        self.w.start("w:tblGrid", &[]);
        for width in grid {
            self.w.empty("w:gridCol", &[("w:w", &width.to_string())]);
        }
        self.w.end("w:tblGrid");
    }

    /// `w:tblBorders`: single lines, or none on the cover's sides and between its columns.
    fn table_borders(&mut self, borders: Borders) {
        self.w.start("w:tblBorders", &[]);
        let (outer, inner_v) = match borders {
            Borders::Grid => ("single", "single"),
            Borders::Cover => ("nil", "nil"),
        };
        for side in SIDES {
            let value = match (side, borders) {
                ("w:insideV", _) => inner_v,
                ("w:top" | "w:bottom" | "w:insideH", Borders::Cover) => "single",
                _ => outer,
            };
            if value == "nil" {
                self.w.empty(side, &[("w:val", "nil")]);
            } else {
                self.w.empty(
                    side,
                    &[
                        ("w:val", value),
                        ("w:sz", "4"),
                        ("w:space", "0"),
                        ("w:color", "auto"),
                    ],
                );
            }
        }
        self.w.end("w:tblBorders");
    }

    /// Open a row that never splits across pages; `header` repeats it on every page.
    pub(super) fn row_start(&mut self, header: bool) {
        self.row_start_split(header, false);
    }

    /// Open a row that may break across pages when `splits` (a long status), else never
    /// splits; `header` repeats it on every page.
    pub(super) fn row_start_split(&mut self, header: bool, splits: bool) {
        self.w.start("w:tr", &[]);
        self.w.start("w:trPr", &[]);
        if !splits {
            self.w.empty("w:cantSplit", &[]);
        }
        if header {
            self.w.empty("w:tblHeader", &[]);
        }
        // A whole row inserted or deleted.
        self.revision_row_mark();
        self.w.end("w:trPr");
    }

    /// Open a cell `width` twips wide spanning `span` grid columns.
    pub(super) fn cell_start(&mut self, width: u32, span: u32, merge: Merge) {
        self.cell_start_look(width, span, merge, CellLook::Plain);
    }

    /// Open a cell as [`Self::cell_start`] does, with the look of `look`.
    pub(super) fn cell_start_look(&mut self, width: u32, span: u32, merge: Merge, look: CellLook) {
        self.w.start("w:tc", &[]);
        self.w.start("w:tcPr", &[]);
        self.w
            .empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
        if span > 1 {
            self.w.empty("w:gridSpan", &[("w:val", &span.to_string())]);
        }
        match merge {
            Merge::None => {}
            Merge::Restart => self.w.empty("w:vMerge", &[("w:val", "restart")]),
            Merge::Continue => self.w.empty("w:vMerge", &[]),
        }
        if look == CellLook::Header {
            self.w.empty(
                "w:shd",
                &[
                    ("w:val", "clear"),
                    ("w:color", "auto"),
                    ("w:fill", HEADER_SHADING),
                ],
            );
        }
        if look != CellLook::Plain {
            self.w.empty("w:vAlign", &[("w:val", "center")]);
        }
        self.w.end("w:tcPr");
    }
}

#[cfg(test)]
mod tests {
    use super::super::revisions::Revision;
    use super::super::test_support::{empty_plan, written, Element};
    use super::*;

    fn borders(table: &Element) -> Vec<(String, String)> {
        table
            .path(&["w:tblPr", "w:tblBorders"])
            .expect("borders")
            .elements()
            .iter()
            .map(|side| (side.name.clone(), side.attr("w:val").unwrap().to_string()))
            .collect()
    }

    fn table(borders: Borders) -> Element {
        written(&empty_plan(), |w| {
            w.table_start(&[100, 250], borders);
            w.w.end("w:tbl");
        })
    }

    #[test]
    fn a_grid_table_is_fixed_width_with_single_borders_and_its_grid() {
        let xml = table(Borders::Grid);
        let table = xml.child("w:tbl");
        assert_eq!(table.grid(), [100, 250]);
        let width = table.path(&["w:tblPr", "w:tblW"]).unwrap();
        assert_eq!(
            (width.attr("w:w"), width.attr("w:type")),
            (Some("350"), Some("dxa"))
        );
        let layout = table.path(&["w:tblPr", "w:tblLayout"]).unwrap();
        assert_eq!(layout.attr("w:type"), Some("fixed"));
        let sides = borders(table);
        assert_eq!(sides.len(), 6);
        assert!(
            sides.iter().all(|(_, value)| value == "single"),
            "{sides:?}"
        );
    }

    #[test]
    fn the_cover_has_horizontal_rules_only() {
        let xml = table(Borders::Cover);
        let sides = borders(xml.child("w:tbl"));
        let value = |name: &str| sides.iter().find(|(n, _)| n == name).unwrap().1.clone();
        for side in ["w:top", "w:bottom", "w:insideH"] {
            assert_eq!(value(side), "single", "{side}");
        }
        for side in ["w:left", "w:right", "w:insideV"] {
            assert_eq!(value(side), "nil", "{side}");
        }
    }

    #[test]
    fn rows_never_split_and_header_rows_repeat() {
        let xml = written(&empty_plan(), |w| {
            w.row_start(true);
            w.w.end("w:tr");
            w.row_start(false);
            w.w.end("w:tr");
        });
        let rows = xml.children("w:tr");
        assert_eq!(
            rows[0].child("w:trPr").element_names(),
            ["w:cantSplit", "w:tblHeader"]
        );
        assert_eq!(rows[1].child("w:trPr").element_names(), ["w:cantSplit"]);
    }

    #[test]
    fn a_row_in_a_tracked_change_is_marked_inserted_or_deleted() {
        let xml = written(&empty_plan(), |w| {
            w.tracked(Some(Revision::Delete), |w| w.row_start(false));
            w.w.end("w:tr");
        });
        let properties = xml.child("w:tr").child("w:trPr");
        assert_eq!(properties.element_names(), ["w:cantSplit", "w:del"]);
        assert_eq!(properties.child("w:del").attr("w:author"), Some("actplan"));
    }

    #[test]
    fn cells_carry_their_width_span_and_vertical_merge() {
        let xml = written(&empty_plan(), |w| {
            for (width, span, merge) in [
                (500, 1, Merge::None),
                (900, 3, Merge::Restart),
                (500, 1, Merge::Continue),
            ] {
                w.cell_start(width, span, merge);
                w.w.end("w:tc");
            }
        });
        let cells = xml.children("w:tc");
        let seen: Vec<_> = cells
            .iter()
            .map(|c| (c.cell_width(), c.grid_span(), c.vertical_merge()))
            .collect();
        assert_eq!(
            seen,
            [
                (500, 1, None),
                (900, 3, Some("restart")),
                (500, 1, Some(""))
            ]
        );
        assert!(!cells[0].has("w:gridSpan"));
    }

    #[test]
    fn header_cells_are_grey_and_centred_vertically_marks_centred_only() {
        let xml = written(&empty_plan(), |w| {
            for look in [CellLook::Header, CellLook::Middle, CellLook::Plain] {
                w.cell_start_look(500, 2, Merge::Restart, look);
                w.w.end("w:tc");
            }
        });
        let cells = xml.children("w:tc");
        let names: Vec<_> = cells
            .iter()
            .map(|c| c.child("w:tcPr").element_names())
            .collect();
        assert_eq!(
            names,
            [
                vec!["w:tcW", "w:gridSpan", "w:vMerge", "w:shd", "w:vAlign"],
                vec!["w:tcW", "w:gridSpan", "w:vMerge", "w:vAlign"],
                vec!["w:tcW", "w:gridSpan", "w:vMerge"],
            ]
        );
        let shading = cells[0].path(&["w:tcPr", "w:shd"]).unwrap();
        assert_eq!(shading.attr("w:fill"), Some("D9D9D9"));
    }
}
