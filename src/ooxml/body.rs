//! The streaming parser of document.xml and footnotes.xml into the generic tree.
//!
//! One pass over borrowed quick-xml events. Containers (body, footnote, table, row, cell)
//! live on an explicit stack, never on the call stack, so deeply nested input cannot
//! overflow it; table nesting is capped at [`MAX_TABLE_DEPTH`].

use super::styles::{ListDefinitions, StyleSheet};
use super::symbols::{has_private_use, map_private_use, map_symbol, SymbolFont};
use super::{
    Cell, Document, ListInfo, Node, Paragraph, RevisionCount, RevisionMode, Row, Span, Table,
    VMerge,
};
use crate::package::Relationship;
use crate::xml::{attr_value, local_name, on_off, raw_attr, Ns, XmlError, XmlReader};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, HashMap};

/// Deepest table nesting accepted.
pub(super) const MAX_TABLE_DEPTH: usize = 64;

/// Largest `w:gridSpan` and `w:gridBefore` taken as given; larger values are clamped so
/// that grid positions stay small (no row of a real table is a thousand columns wide).
pub(super) const MAX_GRID_SPAN: u32 = 1000;

/// What the parser needs besides the part itself.
pub(super) struct Context<'c> {
    /// Paragraph styles.
    pub styles: &'c StyleSheet,
    /// List definitions.
    pub lists: &'c ListDefinitions,
    /// Accept or reject tracked changes.
    pub mode: RevisionMode,
}

/// Parse a part: the main document (its `body`) or a footnotes part (its `footnotes`
/// hold every real footnote, separators left out).
pub(super) fn parse_part(
    bytes: &[u8],
    part: &str,
    rels: &HashMap<String, Relationship>,
    context: &Context<'_>,
) -> Result<Document, XmlError> {
    Parser::new(bytes, part, rels, context).run()
}

enum Frame {
    Table(Table),
    Row {
        row: Row,
        dropped: bool,
        grid_before: u32,
    },
    Cell(Cell),
    Note {
        id: String,
        blocks: Vec<Node>,
    },
    /// A text box (`w:txbxContent`): its paragraphs follow the paragraph it sits in.
    TextBox {
        blocks: Vec<Node>,
    },
}

/// What a text box interrupts: the paragraph it is anchored in, the run properties and a
/// carried paragraph, restored at the end of the text box.
struct Interrupted {
    paragraph: Option<ParagraphBuilder>,
    run: RunProps,
    carried: Option<ParagraphBuilder>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    Pending,
    Hyperlink,
    Toc,
    PageRef,
    Other,
}

struct Field {
    instruction: String,
    in_result: bool,
    kind: FieldKind,
    href: Option<String>,
    /// Where the result began (paragraph serial, span count, length of the last span), so
    /// that a PAGEREF result that is only a page number can be taken back.
    result_start: Option<(u64, usize, usize)>,
}

#[derive(Default, Clone)]
struct RunProps {
    bold: bool,
    italic: bool,
    font: SymbolFont,
}

#[derive(Default)]
struct ParagraphBuilder {
    style_id: Option<String>,
    outline_level: Option<u8>,
    num_id: Option<String>,
    num_level: Option<u32>,
    mark_merges: bool,
    spans: Vec<Span>,
    bookmarks: Vec<String>,
    touched_by_toc: bool,
    pictures: u32,
}

impl ParagraphBuilder {
    fn push_text(&mut self, text: &str, props: &RunProps, href: Option<&str>) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.spans.last_mut() {
            if last.footnote.is_none()
                && last.bold == props.bold
                && last.italic == props.italic
                && last.href.as_deref() == href
            {
                last.text.push_str(text);
                return;
            }
        }
        self.spans.push(Span {
            text: text.to_string(),
            bold: props.bold,
            italic: props.italic,
            href: href.map(str::to_string),
            footnote: None,
            mark: None,
        });
    }
}

struct Parser<'a, 'c> {
    reader: XmlReader<'a>,
    context: &'c Context<'c>,
    rels: &'c HashMap<String, Relationship>,
    body: Vec<Node>,
    frames: Vec<Frame>,
    table_depth: usize,
    paragraph: Option<ParagraphBuilder>,
    carried: Option<ParagraphBuilder>,
    run: RunProps,
    custom_mark_pending: bool,
    fields: Vec<Field>,
    links: Vec<Option<String>>,
    alternate_content: Vec<bool>,
    /// One entry per open content control: true when it shows its placeholder.
    content_controls: Vec<bool>,
    pending_bookmarks: Vec<String>,
    paragraph_serial: u64,
    footnotes: BTreeMap<String, Vec<Node>>,
    revisions: RevisionCount,
    /// The paragraphs interrupted by open text boxes, innermost last.
    interrupted: Vec<Interrupted>,
    /// The `w:drawing` / `w:pict` elements open, each with whether it held a text box.
    drawings: Vec<bool>,
    /// Text box content waiting for its paragraph to end.
    deferred: Vec<Node>,
}

impl<'a, 'c> Parser<'a, 'c> {
    fn new(
        bytes: &'a [u8],
        part: &str,
        rels: &'c HashMap<String, Relationship>,
        context: &'c Context<'c>,
    ) -> Self {
        Parser {
            reader: XmlReader::new(bytes, part),
            context,
            rels,
            body: Vec::new(),
            frames: Vec::new(),
            table_depth: 0,
            paragraph: None,
            carried: None,
            run: RunProps::default(),
            custom_mark_pending: false,
            fields: Vec::new(),
            links: Vec::new(),
            alternate_content: Vec::new(),
            content_controls: Vec::new(),
            pending_bookmarks: Vec::new(),
            paragraph_serial: 0,
            footnotes: BTreeMap::new(),
            revisions: RevisionCount::default(),
            interrupted: Vec::new(),
            drawings: Vec::new(),
            deferred: Vec::new(),
        }
    }

    fn run(mut self) -> Result<Document, XmlError> {
        loop {
            let (ns, event) = self.reader.next_ns()?;
            match event {
                Event::Start(e) => self.start(ns, &e, false)?,
                Event::Empty(e) => self.start(ns, &e, true)?,
                Event::End(e) => self.end(ns, local_name(e.name().as_ref()))?,
                Event::Eof => break,
                _ => {}
            }
        }
        self.finish_paragraph();
        self.flush_carried();
        while let Some(frame) = self.frames.pop() {
            self.close_frame(frame);
        }
        self.flush_deferred();
        Ok(Document {
            body: self.body,
            footnotes: self.footnotes,
            default_style: None,
            revisions: self.revisions,
        })
    }

    fn start(&mut self, ns: Ns, e: &BytesStart<'a>, empty: bool) -> Result<(), XmlError> {
        match ns {
            Ns::W => self.start_w(e, empty),
            Ns::Mc => self.start_mc(e, empty),
            Ns::Other => Ok(()),
        }
    }

    fn start_mc(&mut self, e: &BytesStart<'a>, empty: bool) -> Result<(), XmlError> {
        if empty {
            return Ok(());
        }
        match local_name(e.name().as_ref()) {
            "AlternateContent" => self.alternate_content.push(false),
            "Choice" => match self.alternate_content.last_mut() {
                Some(taken) if !*taken => *taken = true,
                _ => self.reader.skip(e)?,
            },
            "Fallback" => self.reader.skip(e)?,
            _ => {}
        }
        Ok(())
    }

    fn start_w(&mut self, e: &BytesStart<'a>, empty: bool) -> Result<(), XmlError> {
        let qname = e.name();
        let name = local_name(qname.as_ref());
        match name {
            "p" => self.start_paragraph(empty),
            "pPr" if !empty => self.read_paragraph_properties()?,
            "r" => {
                self.run = RunProps::default();
                self.custom_mark_pending = false;
            }
            "rPr" if !empty => self.read_run_properties()?,
            "t" | "delText" | "instrText" | "delInstrText" if !empty => {
                self.start_text(name, e)?;
            }
            "tab" | "ptab" | "br" | "cr" | "noBreakHyphen" | "sym" => self.start_mark(name, e),
            "fldChar" => self.field_char(e),
            "fldSimple" if !empty => self.start_simple_field(e),
            "hyperlink" if !empty => {
                let href = self.hyperlink_target(e);
                self.links.push(href);
            }
            "footnoteReference" => self.footnote_reference(e),
            "bookmarkStart" => self.bookmark(e),
            "ins" | "moveTo" | "del" | "moveFrom" if !empty => self.start_revision(name, e)?,
            "tbl" | "tr" if !empty => self.start_table_or_row(name)?,
            "gridCol" => self.grid_column(e),
            "trPr" if !empty => self.read_row_properties()?,
            "tc" => self.start_cell(empty),
            "tcPr" if !empty => self.read_cell_properties()?,
            "footnote" | "endnote" if !empty => self.start_note(e)?,
            "sdt" | "sdtPr" | "sdtContent" if !empty => self.start_content_control(name, e)?,
            "txbxContent" if !empty => {
                if let Some(has_text_box) = self.drawings.last_mut() {
                    *has_text_box = true;
                }
                self.start_text_box()
            }
            "drawing" | "pict" if !empty => self.drawings.push(false),
            "object" if !empty => {
                self.count_picture();
                self.reader.skip(e)?
            }
            "sdtEndPr" | "tblPr" | "tblGridChange" | "sectPr" | "commentReference" | "comments"
                if !empty =>
            {
                self.reader.skip(e)?
            }
            _ => {}
        }
        Ok(())
    }

    /// `w:p`: a new paragraph, carrying the bookmarks met before it.
    fn start_paragraph(&mut self, empty: bool) {
        self.finish_paragraph();
        self.paragraph_serial = self.paragraph_serial.wrapping_add(1);
        self.paragraph = Some(ParagraphBuilder {
            bookmarks: std::mem::take(&mut self.pending_bookmarks),
            ..ParagraphBuilder::default()
        });
        if empty {
            self.finish_paragraph();
        }
    }

    /// `w:t`, `w:delText` (kept when changes are rejected) and field instructions.
    fn start_text(&mut self, name: &str, e: &BytesStart<'a>) -> Result<(), XmlError> {
        let text = self.read_text(e)?;
        match name {
            "t" => self.emit_text(&text),
            "delText" if self.context.mode == RevisionMode::Reject => self.emit_text(&text),
            "instrText" | "delInstrText" => {
                if let Some(field) = self.fields.iter_mut().rev().find(|f| !f.in_result) {
                    field.instruction.push_str(&text);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Run content that stands for a character: TABs, line breaks, hyphens, symbols. Page and
    /// column breaks are layout, not text.
    fn start_mark(&mut self, name: &str, e: &BytesStart<'a>) {
        match name {
            "tab" | "ptab" => self.emit_text("\t"),
            "br" => {
                let kind = raw_attr(e, "type");
                if !matches!(kind.as_deref(), Some("page" | "column")) {
                    self.emit_text("\n");
                }
            }
            "cr" => self.emit_text("\n"),
            "noBreakHyphen" => self.emit_text("\u{2011}"),
            "sym" => self.emit_symbol(e),
            _ => {}
        }
    }

    /// `w:fldSimple`: a field whose result is its content.
    fn start_simple_field(&mut self, e: &BytesStart<'a>) {
        let instruction = attr_value(e, "instr").unwrap_or_default();
        let mut field = Field {
            instruction,
            in_result: true,
            kind: FieldKind::Pending,
            href: None,
            result_start: None,
        };
        classify_field(&mut field);
        if field.kind == FieldKind::PageRef {
            field.result_start = self.result_position();
        }
        self.note_toc(&field);
        self.fields.push(field);
    }

    /// Tracked insertions and deletions: skipped when the mode drops them.
    fn start_revision(&mut self, name: &str, e: &BytesStart<'a>) -> Result<(), XmlError> {
        let (kept_in, count) = match name {
            "ins" | "moveTo" => (RevisionMode::Accept, &mut self.revisions.insertions),
            _ => (RevisionMode::Reject, &mut self.revisions.deletions),
        };
        *count = count.saturating_add(1);
        if self.context.mode != kept_in {
            self.reader.skip(e)?;
        }
        Ok(())
    }

    /// `w:tbl` (nesting limited to [`MAX_TABLE_DEPTH`]) or `w:tr`.
    fn start_table_or_row(&mut self, name: &str) -> Result<(), XmlError> {
        if name == "tr" {
            self.frames.push(Frame::Row {
                row: Row::default(),
                dropped: false,
                grid_before: 0,
            });
            return Ok(());
        }
        self.finish_paragraph();
        self.flush_carried();
        self.table_depth = self.table_depth.saturating_add(1);
        if self.table_depth > MAX_TABLE_DEPTH {
            return Err(self.reader.error_here(format!(
                "tables nested deeper than {MAX_TABLE_DEPTH} levels"
            )));
        }
        self.frames.push(Frame::Table(Table::default()));
        Ok(())
    }

    /// `w:gridCol`: a column width of the innermost table.
    fn grid_column(&mut self, e: &BytesStart<'a>) {
        if let Some(Frame::Table(table)) = self.frames.last_mut() {
            let width = raw_attr(e, "w").and_then(|w| w.parse().ok()).unwrap_or(0);
            table.grid.push(width);
        }
    }

    /// `w:tc`: a new cell.
    fn start_cell(&mut self, empty: bool) {
        self.finish_paragraph();
        self.frames.push(Frame::Cell(Cell {
            grid_span: 1,
            ..Cell::default()
        }));
        if empty {
            self.end_cell();
        }
    }

    /// A footnote or endnote body; separators are skipped.
    fn start_note(&mut self, e: &BytesStart<'a>) -> Result<(), XmlError> {
        let kind = attr_value(e, "type").unwrap_or_default();
        if kind == "separator" || kind.starts_with("continuation") {
            return self.reader.skip(e);
        }
        let id = attr_value(e, "id").unwrap_or_default();
        self.frames.push(Frame::Note {
            id,
            blocks: Vec::new(),
        });
        Ok(())
    }

    /// Content controls: their content is read, unless it is Word's placeholder prompt
    /// ("Click or tap here to enter text.").
    fn start_content_control(&mut self, name: &str, e: &BytesStart<'a>) -> Result<(), XmlError> {
        match name {
            "sdt" => self.content_controls.push(false),
            "sdtPr" => {
                let mut placeholder = false;
                self.read_properties("sdtPr", |name, _, _| placeholder |= name == "showingPlcHdr")?;
                if let Some(top) = self.content_controls.last_mut() {
                    *top = placeholder;
                }
            }
            _ if self.content_controls.last() == Some(&true) => self.reader.skip(e)?,
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, ns: Ns, name: &str) -> Result<(), XmlError> {
        if ns == Ns::Mc {
            if name == "AlternateContent" {
                self.alternate_content.pop();
            }
            return Ok(());
        }
        if ns != Ns::W {
            return Ok(());
        }
        match name {
            "p" => self.finish_paragraph(),
            "r" => self.custom_mark_pending = false,
            "sdt" => {
                self.content_controls.pop();
            }
            "hyperlink" => {
                self.links.pop();
            }
            "fldSimple" => {
                if let Some(field) = self.fields.pop() {
                    self.drop_page_number(&field);
                }
            }
            "tc" => self.end_cell(),
            "txbxContent" => self.end_text_box(),
            // The drawing closes either way; it counts when it held no text box.
            "drawing" | "pict" if self.drawings.pop() == Some(false) => self.count_picture(),
            "tr" => {
                self.finish_paragraph();
                if let Some(Frame::Row { .. }) = self.frames.last() {
                    if let Some(frame) = self.frames.pop() {
                        self.close_frame(frame);
                    }
                }
            }
            "tbl" => {
                self.finish_paragraph();
                while let Some(frame) = self.frames.pop() {
                    let was_table = matches!(frame, Frame::Table(_));
                    self.close_frame(frame);
                    if was_table {
                        break;
                    }
                }
            }
            "footnote" | "endnote" => {
                self.finish_paragraph();
                self.flush_carried();
                if let Some(Frame::Note { .. }) = self.frames.last() {
                    if let Some(frame) = self.frames.pop() {
                        self.close_frame(frame);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        self.finish_paragraph();
        self.flush_carried();
        if let Some(Frame::Cell(_)) = self.frames.last() {
            if let Some(frame) = self.frames.pop() {
                self.close_frame(frame);
            }
        }
    }

    /// Attach a finished frame to its parent.
    fn close_frame(&mut self, frame: Frame) {
        match frame {
            Frame::Cell(cell) => match self.frames.last_mut() {
                Some(Frame::Row { row, .. }) => row.cells.push(cell),
                _ => {
                    for node in cell.blocks {
                        self.push_node(node);
                    }
                }
            },
            Frame::Row {
                mut row,
                dropped,
                grid_before,
            } => {
                if dropped {
                    return;
                }
                if let Some(Frame::Table(table)) = self.frames.last_mut() {
                    let mut column = fitting_grid_before(grid_before, &row, &table.grid);
                    for cell in &mut row.cells {
                        cell.grid_col = column;
                        column = column.saturating_add(cell.grid_span.max(1));
                    }
                    table.rows.push(row);
                }
            }
            Frame::Table(table) => {
                self.table_depth = self.table_depth.saturating_sub(1);
                self.push_node(Node::Table(table));
            }
            Frame::Note { id, blocks } => {
                self.footnotes.insert(id, blocks);
            }
            Frame::TextBox { blocks } => self.deferred.extend(blocks),
        }
    }

    /// `w:txbxContent` (in `w:drawing`, `w:pict` or `mc:AlternateContent`): the paragraph
    /// it sits in is set aside; the text box's own paragraphs and tables are read and
    /// placed after that paragraph.
    /// A picture or embedded object met in the current paragraph.
    fn count_picture(&mut self) {
        if let Some(paragraph) = self.paragraph.as_mut() {
            paragraph.pictures = paragraph.pictures.saturating_add(1);
        }
    }

    fn start_text_box(&mut self) {
        self.interrupted.push(Interrupted {
            paragraph: self.paragraph.take(),
            run: std::mem::take(&mut self.run),
            carried: self.carried.take(),
        });
        self.frames.push(Frame::TextBox { blocks: Vec::new() });
    }

    fn end_text_box(&mut self) {
        self.finish_paragraph();
        self.flush_carried();
        while let Some(frame) = self.frames.pop() {
            let was_text_box = matches!(frame, Frame::TextBox { .. });
            self.close_frame(frame);
            if was_text_box {
                break;
            }
        }
        if let Some(outer) = self.interrupted.pop() {
            self.paragraph = outer.paragraph;
            self.run = outer.run;
            self.carried = outer.carried;
        }
        if self.paragraph.is_none() {
            self.flush_deferred();
        }
    }

    /// Place text box content that waited for its paragraph.
    fn flush_deferred(&mut self) {
        for node in std::mem::take(&mut self.deferred) {
            self.push_node(node);
        }
    }

    fn push_node(&mut self, node: Node) {
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Cell(cell) => return cell.blocks.push(node),
                Frame::Note { blocks, .. } | Frame::TextBox { blocks } => return blocks.push(node),
                Frame::Table(_) | Frame::Row { .. } => continue,
            }
        }
        self.body.push(node);
    }

    fn finish_paragraph(&mut self) {
        if self.paragraph.is_none() {
            return;
        }
        self.finish_paragraph_builder();
        self.flush_deferred();
    }

    fn finish_paragraph_builder(&mut self) {
        let Some(mut builder) = self.paragraph.take() else {
            return;
        };
        // Instructions never run past their paragraph in a well-formed file.
        self.fields.retain(|f| f.in_result);
        if builder.mark_merges {
            match self.carried.as_mut() {
                Some(carried) => {
                    carried.spans.append(&mut builder.spans);
                    carried.bookmarks.append(&mut builder.bookmarks);
                    carried.pictures = carried.pictures.saturating_add(builder.pictures);
                }
                None => self.carried = Some(builder),
            }
            return;
        }
        if let Some(mut carried) = self.carried.take() {
            carried.spans.append(&mut builder.spans);
            carried.bookmarks.append(&mut builder.bookmarks);
            builder.spans = carried.spans;
            builder.bookmarks = carried.bookmarks;
            builder.pictures = builder.pictures.saturating_add(carried.pictures);
        }
        if builder.touched_by_toc && builder.spans.iter().all(|s| s.text.trim().is_empty()) {
            return;
        }
        let paragraph = self.resolve_paragraph(builder);
        self.push_node(Node::Paragraph(paragraph));
    }

    fn flush_carried(&mut self) {
        if let Some(mut carried) = self.carried.take() {
            carried.mark_merges = false;
            let paragraph = self.resolve_paragraph(carried);
            self.push_node(Node::Paragraph(paragraph));
        }
    }

    fn resolve_paragraph(&self, builder: ParagraphBuilder) -> Paragraph {
        let styles = self.context.styles;
        let style_id = builder
            .style_id
            .or_else(|| styles.default_paragraph_id().map(str::to_string));
        let heading_level = match builder.outline_level {
            Some(level) if level < 9 => level.checked_add(1),
            _ => style_id.as_deref().and_then(|id| styles.heading_level(id)),
        };
        let style_numbering = style_id.as_deref().and_then(|id| styles.numbering(id));
        let list = match (builder.num_id, style_numbering) {
            (Some(num_id), style) => {
                let level = builder.num_level.or(style.map(|(_, l)| l)).unwrap_or(0);
                self.list_info(&num_id, level)
            }
            (None, Some((num_id, style_level))) => {
                self.list_info(&num_id, builder.num_level.unwrap_or(style_level))
            }
            (None, None) => None,
        };
        Paragraph {
            style: style_id.as_deref().map(|id| styles.name(id).to_string()),
            heading_level,
            list,
            spans: builder.spans,
            bookmarks: builder.bookmarks,
            pictures: builder.pictures,
        }
    }

    fn list_info(&self, num_id: &str, level: u32) -> Option<ListInfo> {
        let level = level.min(8);
        self.context
            .lists
            .kind(num_id, level, self.context.styles)
            .map(|ordered| ListInfo { level, ordered })
    }

    /// Read `w:pPr` up to its end.
    fn read_paragraph_properties(&mut self) -> Result<(), XmlError> {
        let mode = self.context.mode;
        let mut style_id = None;
        let mut outline = None;
        let mut num_id = None;
        let mut num_level = None;
        let mut mark_deleted = false;
        let mut mark_inserted = false;
        let mut numbering_inserted = false;
        self.read_properties("pPr", |name, parent, e| match (name, parent) {
            ("pStyle", _) => style_id = attr_value(e, "val"),
            ("outlineLvl", _) => outline = attr_value(e, "val").and_then(|v| v.parse().ok()),
            ("numId", _) => num_id = attr_value(e, "val"),
            ("ilvl", _) => num_level = attr_value(e, "val").and_then(|v| v.parse().ok()),
            // Only the paragraph mark's run properties record a deleted or inserted mark.
            ("del" | "moveFrom", "rPr") => mark_deleted = true,
            ("ins" | "moveTo", "rPr") => mark_inserted = true,
            // Numbering added as a tracked change.
            ("ins", "numPr") => numbering_inserted = true,
            _ => {}
        })?;
        if numbering_inserted {
            self.revisions.count_insertions(1);
            if mode == RevisionMode::Reject {
                num_id = None;
                num_level = None;
            }
        }
        self.revisions.count_deletions(usize::from(mark_deleted));
        self.revisions.count_insertions(usize::from(mark_inserted));
        if let Some(p) = self.paragraph.as_mut() {
            p.style_id = style_id;
            p.outline_level = outline;
            p.num_id = num_id;
            p.num_level = num_level;
            p.mark_merges = match mode {
                RevisionMode::Accept => mark_deleted,
                RevisionMode::Reject => mark_inserted,
            };
        }
        Ok(())
    }

    /// Read a run's `w:rPr` up to its end.
    fn read_run_properties(&mut self) -> Result<(), XmlError> {
        let mut props = RunProps::default();
        self.read_properties("rPr", |name, _, e| match name {
            "b" => props.bold = on_off(e),
            "i" => props.italic = on_off(e),
            "rFonts" => {
                let font = attr_value(e, "ascii").or_else(|| attr_value(e, "hAnsi"));
                if let Some(font) = font {
                    props.font = SymbolFont::from_name(&font);
                }
            }
            _ => {}
        })?;
        self.run = props;
        Ok(())
    }

    fn read_row_properties(&mut self) -> Result<(), XmlError> {
        let mode = self.context.mode;
        let mut header = false;
        let mut deleted = false;
        let mut inserted = false;
        let mut grid_before = 0;
        self.read_properties("trPr", |name, _, e| match name {
            "tblHeader" => header = on_off(e),
            "del" => deleted = true,
            "ins" => inserted = true,
            // Clamped like gridSpan: a row cannot start a thousand columns in.
            "gridBefore" => {
                grid_before = attr_value(e, "val")
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(0)
                    .min(MAX_GRID_SPAN)
            }
            _ => {}
        })?;
        self.revisions.count_deletions(usize::from(deleted));
        self.revisions.count_insertions(usize::from(inserted));
        if let Some(Frame::Row {
            row,
            dropped,
            grid_before: before,
        }) = self.frames.last_mut()
        {
            row.header = header;
            *before = grid_before;
            *dropped = match mode {
                RevisionMode::Accept => deleted,
                RevisionMode::Reject => inserted,
            };
        }
        Ok(())
    }

    fn read_cell_properties(&mut self) -> Result<(), XmlError> {
        let mut span = 1;
        let mut merge = VMerge::None;
        self.read_properties("tcPr", |name, _, e| match name {
            "gridSpan" => {
                span = attr_value(e, "val")
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_GRID_SPAN)
            }
            "vMerge" => {
                merge = match attr_value(e, "val").as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                }
            }
            _ => {}
        })?;
        if let Some(Frame::Cell(cell)) = self.frames.last_mut() {
            cell.grid_span = span;
            cell.v_merge = merge;
        }
        Ok(())
    }

    /// Walk a properties element to its end, calling `visit` for each W element inside;
    /// former-properties records (`*PrChange`) and section properties are skipped.
    fn read_properties(
        &mut self,
        end_name: &str,
        mut visit: impl FnMut(&str, &str, &BytesStart<'_>),
    ) -> Result<(), XmlError> {
        // Names of the elements open inside the properties, to tell a visit its parent.
        let mut open: Vec<String> = Vec::new();
        loop {
            let (ns, event) = self.reader.next_ns()?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let qname = e.name();
                    let name = local_name(qname.as_ref());
                    let is_start = matches!(event, Event::Start(_));
                    if name.ends_with("PrChange") || name == "sectPr" {
                        if is_start {
                            self.reader.skip(e)?;
                        }
                        continue;
                    }
                    if ns == Ns::W {
                        let parent = open.last().map_or(end_name, String::as_str);
                        visit(name, parent, e);
                    }
                    if is_start {
                        open.push(name.to_string());
                    }
                }
                Event::End(ref e)
                    if open.is_empty()
                        && ns == Ns::W
                        && local_name(e.name().as_ref()) == end_name =>
                {
                    return Ok(())
                }
                Event::End(_) => {
                    open.pop();
                }
                Event::Eof => {
                    return Err(self
                        .reader
                        .error_here("unexpected end of part inside properties"))
                }
                _ => {}
            }
        }
    }

    /// The text content of `w:t` and friends, up to the element's end.
    fn read_text(&mut self, start: &BytesStart<'_>) -> Result<String, XmlError> {
        let end_name = start.name().as_ref().to_string();
        let mut text = String::new();
        loop {
            match self.reader.next_event()? {
                Event::Text(t) => text.push_str(&t),
                Event::CData(t) => text.push_str(&t),
                Event::GeneralRef(r) => text.push_str(&self.reader.resolve_reference(&r)?),
                Event::End(e) if e.name().as_ref() == end_name => break,
                Event::Start(e) => self.reader.skip(&e)?,
                Event::Eof => {
                    return Err(self.reader.error_here("unexpected end of part inside text"))
                }
                _ => {}
            }
        }
        if text.contains(['\r', '\n']) {
            text = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
        }
        Ok(text)
    }

    fn current_href(&self) -> Option<&str> {
        if let Some(Some(href)) = self.links.iter().rev().find(|l| l.is_some()) {
            return Some(href);
        }
        self.fields
            .iter()
            .rev()
            .find(|f| f.in_result && f.kind == FieldKind::Hyperlink)
            .and_then(|f| f.href.as_deref())
    }

    fn emit_text(&mut self, text: &str) {
        if self.paragraph.is_none() {
            return;
        }
        if self.fields.iter().any(|f| !f.in_result) {
            return;
        }
        if self.fields.iter().any(|f| f.kind == FieldKind::Toc) {
            if let Some(p) = self.paragraph.as_mut() {
                p.touched_by_toc = true;
            }
            return;
        }
        if self.custom_mark_pending {
            if let Some(p) = self.paragraph.as_mut() {
                if let Some(span) = p.spans.iter_mut().rev().find(|s| s.footnote.is_some()) {
                    span.mark.get_or_insert_with(String::new).push_str(text);
                    return;
                }
            }
        }
        let mapped;
        let text = if self.run.font != SymbolFont::Text && has_private_use(text) {
            mapped = map_private_use(self.run.font, text);
            mapped.as_str()
        } else {
            text
        };
        let href = self.current_href().map(str::to_string);
        let props = self.run.clone();
        if let Some(p) = self.paragraph.as_mut() {
            p.push_text(text, &props, href.as_deref());
        }
    }

    fn emit_symbol(&mut self, e: &BytesStart<'_>) {
        let font = attr_value(e, "font").map_or(SymbolFont::Symbol, |f| SymbolFont::from_name(&f));
        let font = if font == SymbolFont::Text {
            SymbolFont::Symbol
        } else {
            font
        };
        let code = attr_value(e, "char")
            .and_then(|c| u32::from_str_radix(c.trim(), 16).ok())
            .unwrap_or(0xFFFD);
        let ch = map_symbol(font, code);
        let mut buffer = [0u8; 4];
        let saved = std::mem::take(&mut self.run.font);
        self.emit_text(ch.encode_utf8(&mut buffer));
        self.run.font = saved;
    }

    fn field_char(&mut self, e: &BytesStart<'_>) {
        let kind = raw_attr(e, "fldCharType");
        match kind.as_deref() {
            Some("begin") => self.fields.push(Field {
                instruction: String::new(),
                in_result: false,
                kind: FieldKind::Pending,
                href: None,
                result_start: None,
            }),
            Some("separate") => {
                let position = self.result_position();
                if let Some(index) = self.fields.iter().rposition(|f| !f.in_result) {
                    let field = &mut self.fields[index];
                    field.in_result = true;
                    classify_field(field);
                    if field.kind == FieldKind::PageRef {
                        field.result_start = position;
                    }
                    if field.kind == FieldKind::Toc {
                        if let Some(p) = self.paragraph.as_mut() {
                            p.touched_by_toc = true;
                        }
                    }
                }
            }
            Some("end") => {
                if let Some(field) = self.fields.pop() {
                    self.note_toc(&field);
                    self.drop_page_number(&field);
                }
            }
            _ => {}
        }
    }

    /// Where text emitted next will start: paragraph serial, span count, last span length.
    fn result_position(&self) -> Option<(u64, usize, usize)> {
        self.paragraph.as_ref().map(|p| {
            let last = p.spans.last().map_or(0, |s| s.text.len());
            (self.paragraph_serial, p.spans.len(), last)
        })
    }

    /// A PAGEREF result is a page number and is dropped; a writer that put other text in
    /// it (LibreOffice turns links to heading bookmarks into PAGEREF fields holding the
    /// heading text) keeps that text.
    fn drop_page_number(&mut self, field: &Field) {
        let Some((serial, count, last_len)) = field.result_start else {
            return;
        };
        if serial != self.paragraph_serial {
            return;
        }
        let Some(p) = self.paragraph.as_mut() else {
            return;
        };
        let before = count.checked_sub(1);
        if p.spans.len() < count || before.is_some_and(|b| p.spans[b].text.len() < last_len) {
            return;
        }
        let mut added = String::new();
        if let Some(b) = before {
            added.push_str(p.spans[b].text.get(last_len..).unwrap_or_default());
        }
        for span in &p.spans[count..] {
            added.push_str(&span.text);
        }
        if !is_page_number(&added) {
            return;
        }
        p.spans.truncate(count);
        if let Some(last) = p.spans.last_mut() {
            last.text.truncate(last_len);
        }
    }

    fn note_toc(&mut self, field: &Field) {
        if field.kind == FieldKind::Toc {
            if let Some(p) = self.paragraph.as_mut() {
                p.touched_by_toc = true;
            }
        }
    }

    fn hyperlink_target(&self, e: &BytesStart<'_>) -> Option<String> {
        let anchor = attr_value(e, "anchor").filter(|a| !a.is_empty());
        let url = attr_value(e, "id")
            .and_then(|id| self.rels.get(&id))
            .map(|r| r.target.clone());
        match (url, anchor) {
            (Some(url), Some(anchor)) => Some(format!("{url}#{anchor}")),
            (Some(url), None) => Some(url),
            (None, Some(anchor)) => Some(format!("#{anchor}")),
            (None, None) => None,
        }
    }

    fn footnote_reference(&mut self, e: &BytesStart<'_>) {
        let Some(p) = self.paragraph.as_mut() else {
            return;
        };
        let id = attr_value(e, "id").unwrap_or_default();
        p.spans.push(Span {
            footnote: Some(id),
            ..Span::default()
        });
        self.custom_mark_pending = raw_attr(e, "customMarkFollows")
            .is_some_and(|v| matches!(v.as_ref(), "1" | "true" | "on"));
    }

    fn bookmark(&mut self, e: &BytesStart<'_>) {
        let Some(name) = attr_value(e, "name") else {
            return;
        };
        // Word's last-edit mark, and the anchors actplan's own writer generates (but for
        // the mark of an extra column, which the action table reader needs).
        if name == "_GoBack"
            || (name.starts_with("_Actplan")
                && !name.starts_with(crate::model::EXTRA_COLUMN_BOOKMARK))
        {
            return;
        }
        match self.paragraph.as_mut() {
            Some(p) => p.bookmarks.push(name),
            None => self.pending_bookmarks.push(name),
        }
    }
}

/// A row's `w:gridBefore` as far as the table grid allows: a row cannot start so far in
/// that its cells run past the grid's last column (a value that would is reduced to the
/// largest that fits; Word repairs such rows the same way). Without a grid, the clamped
/// value is kept.
fn fitting_grid_before(grid_before: u32, row: &Row, grid: &[u32]) -> u32 {
    let Ok(columns) = u32::try_from(grid.len()) else {
        return grid_before;
    };
    if columns == 0 {
        return grid_before;
    }
    let width = row
        .cells
        .iter()
        .fold(0u32, |sum, c| sum.saturating_add(c.grid_span.max(1)));
    grid_before.min(columns.saturating_sub(width))
}

/// True for what a PAGEREF field shows: a page number (digits or roman numerals), or
/// nothing.
fn is_page_number(text: &str) -> bool {
    let text = text.trim();
    text.chars().all(|c| c.is_ascii_digit())
        || text
            .chars()
            .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x' | 'l' | 'c'))
}

/// Read a field's instruction: its kind and, for HYPERLINK, the target.
fn classify_field(field: &mut Field) {
    let words = split_instruction(&field.instruction);
    let keyword = words
        .first()
        .map(|w| w.to_ascii_uppercase())
        .unwrap_or_default();
    field.kind = match keyword.as_str() {
        "HYPERLINK" => FieldKind::Hyperlink,
        "TOC" => FieldKind::Toc,
        "PAGEREF" => FieldKind::PageRef,
        _ => FieldKind::Other,
    };
    if field.kind == FieldKind::Hyperlink {
        let mut url = None;
        let mut anchor = None;
        let mut iter = words.iter().skip(1);
        while let Some(word) = iter.next() {
            match word.as_str() {
                "\\l" => anchor = iter.next().cloned(),
                "\\o" | "\\t" | "\\m" | "\\n" => {
                    if word != "\\m" && word != "\\n" {
                        iter.next();
                    }
                }
                w if w.starts_with('\\') => {}
                w => {
                    if url.is_none() {
                        url = Some(w.to_string());
                    }
                }
            }
        }
        field.href = match (url, anchor) {
            (Some(url), Some(anchor)) => Some(format!("{url}#{anchor}")),
            (Some(url), None) => Some(url),
            (None, Some(anchor)) => Some(format!("#{anchor}")),
            (None, None) => None,
        };
    }
}

/// Split a field instruction into words, honouring double quotes.
fn split_instruction(instruction: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut had_quote = false;
    for ch in instruction.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                had_quote = true;
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() || had_quote {
                    words.push(std::mem::take(&mut current));
                }
                had_quote = false;
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() || had_quote {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_instructions() {
        let mut field = Field {
            instruction: " HYPERLINK \"https://www.itu.int/pub/T-RES-T.7-2022\" ".into(),
            in_result: true,
            kind: FieldKind::Pending,
            href: None,
            result_start: None,
        };
        classify_field(&mut field);
        assert_eq!(field.kind, FieldKind::Hyperlink);
        assert_eq!(
            field.href.as_deref(),
            Some("https://www.itu.int/pub/T-RES-T.7-2022")
        );
        field.instruction = "HYPERLINK \\l \"Resolution_07\"".into();
        classify_field(&mut field);
        assert_eq!(field.href.as_deref(), Some("#Resolution_07"));
        field.instruction = " TOC \\o \"1-3\" \\h \\z \\u ".into();
        classify_field(&mut field);
        assert_eq!(field.kind, FieldKind::Toc);
        field.instruction = " PAGEREF _Toc1 \\h ".into();
        classify_field(&mut field);
        assert_eq!(field.kind, FieldKind::PageRef);
    }
}
