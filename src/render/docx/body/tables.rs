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
        let total: u32 = grid.iter().sum();
        self.w.start("w:tbl", &[]);
        self.w.start("w:tblPr", &[]);
        self.w
            .empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")]);
        self.table_borders(borders);
        self.w.empty("w:tblLayout", &[("w:type", "fixed")]);
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
        self.w.start("w:tr", &[]);
        self.w.start("w:trPr", &[]);
        self.w.empty("w:cantSplit", &[]);
        if header {
            self.w.empty("w:tblHeader", &[]);
        }
        // A whole row inserted or deleted.
        self.revision_mark();
        self.w.end("w:trPr");
    }

    /// Open a cell `width` twips wide spanning `span` grid columns.
    pub(super) fn cell_start(&mut self, width: u32, span: u32, merge: Merge) {
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
        self.w.end("w:tcPr");
    }
}
