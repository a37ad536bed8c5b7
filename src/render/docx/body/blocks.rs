//! Paragraph lists of the model (operative text, status, notes, footnote bodies): one
//! `w:p` per block, list numbering, and the nested tables a block can hold.

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
            return self.nested_table(rows, width);
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

    /// A table inside a block: equal columns sharing `width`, every cell ending with a
    /// paragraph.
    fn nested_table(&mut self, rows: &[Vec<Vec<Block>>], width: u32) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let column_width = (width / columns as u32).max(1);
        let grid = vec![column_width; columns];
        let text = self.style(names::TABLE_TEXT);
        self.table_start(&grid, Borders::Grid);
        for row in rows {
            self.row_start(false);
            for index in 0..columns {
                self.cell_start(column_width, 1, Merge::None);
                match row.get(index) {
                    Some(blocks) if !blocks.is_empty() => {
                        self.blocks(blocks, Some(&text), column_width);
                        self.ensure_paragraph_in_cell(
                            blocks.last().is_some_and(|b| b.rows.is_none()),
                        );
                    }
                    _ => self.empty_paragraph_styled(&text),
                }
                self.w.end("w:tc");
            }
            self.w.end("w:tr");
        }
        self.w.end("w:tbl");
    }
}
