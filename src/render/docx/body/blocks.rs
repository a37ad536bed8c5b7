//! Paragraph lists of the model (operative text, status, notes, footnote bodies): one
//! `w:p` per block, list numbering, and the nested tables a block can hold.

use super::actions::CELL_MARGINS;
use super::paragraphs::ParagraphProps;
use super::tables::{Borders, Merge};
use super::Writer;
use crate::model::{Block, ListKind};
use crate::render::docx::styles::names;

impl Writer<'_> {
    /// A list of blocks, each numbered list (a run of ordered blocks) with a numbering
    /// instance of its own; `width` is the width nested tables may take.
    pub(super) fn blocks(&mut self, blocks: &[Block], default_style: Option<&str>, width: u32) {
        let mut in_ordered = false;
        for block in blocks {
            let ordered = block.list_kind == Some(ListKind::Ordered);
            if ordered && !in_ordered {
                // Each numbered list restarts at 1: it gets its own w:num.
                self.ordered_lists += 1;
            }
            in_ordered = ordered;
            self.block(block, default_style, width);
        }
    }

    /// The `w:numPr` of a list paragraph: the current numbered list's instance, or the
    /// bullets (instance 1); the level capped at 8.
    pub(super) fn list_of(&self, block: &Block) -> Option<(u32, u32)> {
        let level = block.list_level?;
        let num = match block.list_kind {
            Some(ListKind::Ordered) => self.ordered_lists + 1,
            _ => 1,
        };
        Some((num, level.min(8)))
    }

    /// One block: a paragraph in its own style (else `default_style`), or a nested table.
    pub(super) fn block(&mut self, block: &Block, default_style: Option<&str>, width: u32) {
        if let Some(rows) = &block.rows {
            let header_rows = block.header_rows.map_or(0, |n| n as usize);
            return self.nested_table(rows, header_rows, width);
        }
        let style = match &block.style {
            Some(name) => Some(self.style(name)),
            None => default_style.map(str::to_string),
        };
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: style.as_deref(),
            list: self.list_of(block),
            ..Default::default()
        });
        self.inlines(&block.spans());
        self.w.end("w:p");
    }

    /// A table inside a block, its columns sharing `width` by their content (each wide
    /// enough for its longest word when the width allows), every cell ending with a
    /// paragraph; its first `header_rows` rows repeat on each page with the header look.
    fn nested_table(&mut self, rows: &[Vec<Vec<Block>>], header_rows: usize, width: u32) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let grid = nested_grid(rows, columns, width);
        let body = self.style(names::TABLE_TEXT);
        let head = self.style(names::TABLE_HEAD);
        let look = if header_rows > 0 {
            Borders::GridWithHeader
        } else {
            Borders::Grid
        };
        self.table_start(&grid, look);
        for (row_index, row) in rows.iter().enumerate() {
            let header = row_index < header_rows;
            let text = if header { &head } else { &body };
            self.row_start(header);
            for (index, column_width) in grid.iter().copied().enumerate() {
                self.cell_start(column_width, 1, Merge::None);
                match row.get(index) {
                    Some(blocks) if !blocks.is_empty() => {
                        self.blocks(blocks, Some(text), column_width);
                        self.ensure_paragraph_in_cell(
                            blocks.last().is_some_and(|b| b.rows.is_none()),
                        );
                    }
                    _ => self.empty_paragraph_styled(text),
                }
                self.w.end("w:tc");
            }
            self.w.end("w:tr");
        }
        self.w.end("w:tbl");
    }
}

/// Width of a character of the table text (10 pt), in twips, generous.
const CHAR_WIDTH: u32 = 110;

/// The grid of a nested table `width` wide: each column its longest word, the rest shared
/// by how much text the column holds.
fn nested_grid(rows: &[Vec<Vec<Block>>], columns: usize, width: u32) -> Vec<u32> {
    let cells = |index: usize| rows.iter().filter_map(move |r| r.get(index)).flatten();
    let minimum: Vec<u32> = (0..columns)
        .map(|i| {
            let longest = cells(i)
                .flat_map(|b| b.text.split_whitespace())
                .map(|w| w.chars().count() as u32)
                .max()
                .unwrap_or(1);
            longest.max(1) * CHAR_WIDTH + CELL_MARGINS
        })
        .collect();
    let weights: Vec<u32> = (0..columns)
        .map(|i| cells(i).map(|b| b.text.chars().count() as u32).sum::<u32>() + 1)
        .collect();
    super::matrix::share(&minimum, &weights, width)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, with_writer, written, xml_of, Element};
    use crate::model::{Block, ListKind};

    fn listed(text: &str, kind: ListKind, level: u32) -> Block {
        Block {
            text: text.into(),
            list_level: Some(level),
            list_kind: Some(kind),
            ..Block::default()
        }
    }

    fn num_id(paragraph: &Element) -> Option<&str> {
        paragraph
            .path(&["w:pPr", "w:numPr", "w:numId"])?
            .attr("w:val")
    }

    #[test]
    fn each_numbered_list_gets_a_numbering_instance_of_its_own() {
        let blocks = [
            listed("first", ListKind::Ordered, 0),
            listed("second", ListKind::Ordered, 1),
            Block::plain("between"),
            listed("again", ListKind::Ordered, 0),
            listed("bullet", ListKind::Bullet, 0),
        ];
        with_writer(&empty_plan(), |w| {
            w.blocks(&blocks, None, 9000);
            assert_eq!(w.ordered_lists, 2);
            let xml = xml_of(w);
            let ids: Vec<_> = xml.children("w:p").iter().map(|p| num_id(p)).collect();
            assert_eq!(
                ids,
                [Some("2"), Some("2"), None, Some("3"), Some("1")],
                "numbered lists restart (nums 2, 3); bullets are num 1"
            );
        });
    }

    #[test]
    fn the_list_level_is_capped_at_8() {
        let xml = written(&empty_plan(), |w| {
            w.blocks(&[listed("deep", ListKind::Bullet, 12)], None, 9000)
        });
        let level = xml
            .child("w:p")
            .path(&["w:pPr", "w:numPr", "w:ilvl"])
            .unwrap();
        assert_eq!(level.attr("w:val"), Some("8"));
    }

    #[test]
    fn a_block_takes_its_own_style_else_the_default() {
        let note = Block {
            style: Some("Note".into()),
            ..Block::plain("A note")
        };
        let xml = written(&empty_plan(), |w| {
            w.blocks(&[note, Block::plain("Status")], Some("Tabletext"), 9000)
        });
        let styles: Vec<_> = xml
            .children("w:p")
            .iter()
            .map(|p| p.paragraph_style())
            .collect();
        assert_eq!(styles, [Some("Note"), Some("Tabletext")]);
        assert_eq!(xml.paragraph_texts(), ["A note", "Status"]);
    }

    #[test]
    fn a_nested_table_sizes_its_columns_by_content() {
        let table = Block {
            rows: Some(vec![
                vec![
                    vec![Block::plain("Id")],
                    vec![Block::plain("A long description of it")],
                ],
                vec![
                    vec![Block::plain("2")],
                    vec![Block::plain("More words in this column")],
                ],
            ]),
            ..Block::default()
        };
        let xml = written(&empty_plan(), |w| w.blocks(&[table], None, 8000));
        let grid = xml.child("w:tbl").grid();
        assert!(grid[1] > 3 * grid[0], "{grid:?}");
        assert!(
            grid[0] >= 2 * 110 + super::CELL_MARGINS,
            "the id fits: {grid:?}"
        );
        assert!(grid.iter().sum::<u32>() <= 8000);
    }

    #[test]
    fn a_nested_table_shares_the_width_and_every_cell_ends_with_a_paragraph() {
        let inner = Block {
            rows: Some(vec![vec![vec![Block::plain("inner")]]]),
            ..Block::default()
        };
        let table = Block {
            rows: Some(vec![
                vec![vec![Block::plain("A")], vec![]],
                vec![vec![inner]],
            ]),
            ..Block::default()
        };
        let xml = written(&empty_plan(), |w| w.blocks(&[table], None, 1000));
        let table = xml.child("w:tbl");
        assert_eq!(table.grid().len(), 2);
        assert!(table.grid().iter().sum::<u32>() <= 1000);
        let rows = table.rows();
        assert_eq!(rows[0][0].paragraph_texts(), ["A"]);
        assert_eq!(
            rows[0][1].paragraph_texts(),
            [""],
            "an empty cell gets a paragraph"
        );
        assert_eq!(rows[1].len(), 2, "short rows are filled up to the widest");
        // A cell whose last block is a table still ends with a paragraph.
        assert_eq!(rows[1][0].element_names(), ["w:tcPr", "w:tbl", "w:p"]);
        assert_eq!(rows[1][0].child("w:tbl").grid().len(), 1);
        assert_eq!(rows[0][0].child("w:p").paragraph_style(), Some("Tabletext"));
    }

    #[test]
    fn a_nested_tables_header_rows_repeat_in_the_header_look() {
        let row = |a: &str, b: &str| vec![vec![Block::plain(a)], vec![Block::plain(b)]];
        let table = Block {
            rows: Some(vec![row("Region", "Date"), row("East Africa", "2023")]),
            header_rows: Some(1),
            ..Block::default()
        };
        let xml = written(&empty_plan(), |w| w.blocks(&[table], None, 4000));
        let table = xml.child("w:tbl");
        let look = table.path(&["w:tblPr", "w:tblLook"]).unwrap();
        assert_eq!(look.attr("w:firstRow"), Some("1"));
        let rows = table.children("w:tr");
        assert!(rows[0].child("w:trPr").has("w:tblHeader"));
        assert!(!rows[1].child("w:trPr").has("w:tblHeader"));
        let style = |row: &Element| {
            row.children("w:tc")[0]
                .child("w:p")
                .paragraph_style()
                .map(str::to_string)
        };
        assert_eq!(style(rows[0]).as_deref(), Some("Tablehead"));
        assert_eq!(style(rows[1]).as_deref(), Some("Tabletext"));
    }
}
