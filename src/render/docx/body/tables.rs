//! Table scaffolding: `w:tbl` with its properties and grid, rows and cells. The caller
//! writes the cell content and closes `w:tc`, `w:tr` and `w:tbl` itself.

use super::Writer;
use crate::render::docx::styles::names;

/// How a table looks: its borders and whether its first rows are a header.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Borders {
    /// The "Action Plan Table" style (every border single), no header rows (appendix
    /// tables, nested tables without a header).
    Grid,
    /// The "Action Plan Table" style with its header look (grey, centred vertically) on
    /// the rows opened with `row_start(true)` at the top: action tables, the matrix,
    /// nested tables with header rows. The look is the style's, so a reference document
    /// that defines the style changes it.
    GridWithHeader,
    /// Horizontal rules only, as direct formatting (the cover).
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
    /// Top-aligned, no shading; in a header row the table style's header look.
    Plain,
    /// Content centred vertically (the √ marks).
    Middle,
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
        if borders != Borders::Cover {
            let style = self.style(names::TABLE);
            self.w.empty("w:tblStyle", &[("w:val", &style)]);
        }
        self.w
            .empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")]);
        if borders == Borders::Cover {
            self.cover_borders();
        }
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
        let header = borders == Borders::GridWithHeader;
        self.w.empty(
            "w:tblLook",
            &[
                ("w:val", if header { "0620" } else { "0600" }),
                ("w:firstRow", if header { "1" } else { "0" }),
                ("w:lastRow", "0"),
                ("w:firstColumn", "0"),
                ("w:lastColumn", "0"),
                ("w:noHBand", "1"),
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

    /// The cover's `w:tblBorders`: horizontal rules, nothing on its sides or between its
    /// columns.
    fn cover_borders(&mut self) {
        self.w.start("w:tblBorders", &[]);
        for side in SIDES {
            if matches!(side, "w:top" | "w:bottom" | "w:insideH") {
                self.w.empty(
                    side,
                    &[
                        ("w:val", "single"),
                        ("w:sz", "4"),
                        ("w:space", "0"),
                        ("w:color", "auto"),
                    ],
                );
            } else {
                self.w.empty(side, &[("w:val", "nil")]);
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
        if look == CellLook::Middle {
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
    fn a_grid_table_is_fixed_width_in_the_table_style_with_its_grid() {
        let xml = table(Borders::Grid);
        let table = xml.child("w:tbl");
        assert_eq!(table.grid(), [100, 250]);
        let properties = table.child("w:tblPr");
        assert_eq!(
            properties.element_names(),
            ["w:tblStyle", "w:tblW", "w:tblLayout", "w:tblLook"]
        );
        assert_eq!(
            properties.child("w:tblStyle").attr("w:val"),
            Some("ActionPlanTable")
        );
        let width = properties.child("w:tblW");
        assert_eq!(
            (width.attr("w:w"), width.attr("w:type")),
            (Some("350"), Some("dxa"))
        );
        assert_eq!(
            properties.child("w:tblLayout").attr("w:type"),
            Some("fixed")
        );
        assert_eq!(properties.child("w:tblLook").attr("w:firstRow"), Some("0"));
    }

    #[test]
    fn a_table_with_header_rows_asks_for_the_styles_header_look() {
        let xml = table(Borders::GridWithHeader);
        let look = xml.child("w:tbl").path(&["w:tblPr", "w:tblLook"]).unwrap();
        assert_eq!(
            (look.attr("w:val"), look.attr("w:firstRow")),
            (Some("0620"), Some("1"))
        );
    }

    #[test]
    fn the_table_style_borders_every_cell_and_shades_the_header_rows() {
        let styles = super::super::super::styles::BUILT_IN;
        let start = styles
            .find("w:styleId=\"ActionPlanTable\"")
            .expect("table style");
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            assert!(
                style.contains(&format!("<w:{side} w:val=\"single\"")),
                "{side}: {style}"
            );
        }
        let header = &style[style.find("<w:tblStylePr w:type=\"firstRow\">").unwrap()..];
        assert!(header.contains("w:fill=\"D9D9D9\""), "{header}");
        assert!(header.contains("<w:vAlign w:val=\"center\"/>"), "{header}");
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
    fn marks_are_centred_vertically_header_cells_take_the_style() {
        let xml = written(&empty_plan(), |w| {
            for look in [CellLook::Middle, CellLook::Plain] {
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
                vec!["w:tcW", "w:gridSpan", "w:vMerge", "w:vAlign"],
                vec!["w:tcW", "w:gridSpan", "w:vMerge"],
            ]
        );
    }
}
