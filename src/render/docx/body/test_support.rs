//! Test helpers for the part modules: small plans, a writer over the built-in styles, and
//! a minimal element tree of what a part wrote, to assert on its content.

use super::footnotes::footnote_ids;
use super::Writer;
use crate::model::{ActionPlan, Block, Inline, Item, Kind, Resolution};
use crate::render::docx::styles::Styles;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeMap;

/// A plan with nothing in it.
pub(super) fn empty_plan() -> ActionPlan {
    ActionPlan {
        schema_version: 1,
        cover: None,
        title: None,
        summary: None,
        progress: None,
        resolutions: Vec::new(),
        appendices: Vec::new(),
        footnotes: BTreeMap::new(),
    }
}

/// An open, unmarked item with an action and a milestone and no status.
pub(super) fn item(id: &str) -> Item {
    Item {
        id: id.into(),
        cross_reference: None,
        bookmarks: Vec::new(),
        action: format!("Action of {id}"),
        milestone: "WTSA-24".into(),
        periodic_goals_met: false,
        completed: false,
        status: Vec::new(),
        ..Item::default()
    }
}

/// Resolution `number` with a title and the given items, no text, no bookmarks.
pub(super) fn resolution(number: &str, items: Vec<Item>) -> Resolution {
    Resolution {
        kind: Kind::Resolution,
        number: number.into(),
        title: format!("Title of {number}"),
        anchor: None,
        bookmarks: Vec::new(),
        operative_text: Vec::new(),
        action_items: items,
        notes: Vec::new(),
    }
}

/// A paragraph citing footnote `id` (with a custom `mark` when given) after "See".
pub(super) fn citing(id: &str, mark: Option<&str>) -> Block {
    Block {
        text: "See".into(),
        inlines: vec![
            Inline {
                text: "See".into(),
                ..Inline::default()
            },
            Inline {
                footnote: Some(id.into()),
                mark: mark.map(str::to_string),
                ..Inline::default()
            },
        ],
        ..Block::default()
    }
}

/// Run `write` on a fresh document writer for `plan` (built-in styles, the plan's
/// footnote ids) and give back what it returns.
pub(super) fn with_writer<R>(plan: &ActionPlan, write: impl FnOnce(&mut Writer<'_>) -> R) -> R {
    let mut styles = Styles::built_in();
    let ids = footnote_ids(plan);
    let mut writer = Writer::new(&mut styles, &ids, "rIdL");
    write(&mut writer)
}

/// What `write` writes on a fresh writer for `plan`, parsed.
pub(super) fn written(plan: &ActionPlan, write: impl FnOnce(&mut Writer<'_>)) -> Element {
    with_writer(plan, |writer| {
        write(writer);
        xml_of(writer)
    })
}

/// What the writer wrote so far, parsed (the writer starts a new part).
pub(super) fn xml_of(writer: &mut Writer<'_>) -> Element {
    parse(&std::mem::take(&mut writer.w).finish())
}

/// An XML part or fragment (after its declaration) as an element tree under a
/// `fragment` root.
pub(super) fn parse(xml: &str) -> Element {
    let body = xml.strip_prefix("<?xml").map_or(xml, |rest| {
        rest.split_once("?>")
            .map_or(rest, |(_, after)| after)
            .trim_start()
    });
    let wrapped = format!("<fragment>{body}</fragment>");
    let mut reader = Reader::from_str(&wrapped);
    let mut stack = vec![Element::named("root")];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(Element::from_start(&e)),
            Event::Empty(e) => {
                let element = Element::from_start(&e);
                push_child(&mut stack, Node::Element(element));
            }
            Event::End(_) => {
                let element = stack.pop().expect("balanced tags");
                push_child(&mut stack, Node::Element(element));
            }
            Event::Text(t) => {
                push_child(&mut stack, Node::Text(t.to_string()));
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .expect("predefined entity")
                        .to_string(),
                };
                push_child(&mut stack, Node::Text(text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().expect("root");
    match root.children.pop() {
        Some(Node::Element(fragment)) => fragment,
        _ => panic!("no fragment"),
    }
}

fn push_child(stack: &mut [Element], node: Node) {
    stack
        .last_mut()
        .expect("an open element")
        .children
        .push(node);
}

/// An element: its name, attributes and content.
#[derive(Debug)]
pub(super) struct Element {
    /// Qualified name ("w:p").
    pub(super) name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn named(name: &str) -> Element {
        Element {
            name: name.into(),
            attributes: Vec::new(),
            children: Vec::new(),
        }
    }

    fn from_start(start: &quick_xml::events::BytesStart<'_>) -> Element {
        let mut element = Element::named(start.name().as_ref());
        for attribute in start.attributes().flatten() {
            let key = attribute.key.as_ref().to_string();
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("attribute value")
                .into_owned();
            element.attributes.push((key, value));
        }
        element
    }

    /// The value of attribute `name` ("w:val").
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub(super) fn elements(&self) -> Vec<&Element> {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Element(e) => Some(e),
                Node::Text(_) => None,
            })
            .collect()
    }

    /// The names of the child elements, in order.
    pub(super) fn element_names(&self) -> Vec<&str> {
        self.elements().iter().map(|e| e.name.as_str()).collect()
    }

    /// The child elements named `name`, in order.
    pub(super) fn children(&self, name: &str) -> Vec<&Element> {
        self.elements()
            .into_iter()
            .filter(|e| e.name == name)
            .collect()
    }

    /// The first child element named `name`; panics when there is none.
    pub(super) fn child(&self, name: &str) -> &Element {
        self.children(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no <{name}> in <{}>: {self:?}", self.name))
    }

    /// The first element at the end of a path of child names, if any.
    pub(super) fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |element, name| {
            element.children(name).into_iter().next()
        })
    }

    /// Every element named `name` below this one, in document order (nested ones too).
    pub(super) fn find_all(&self, name: &str) -> Vec<&Element> {
        let mut found = Vec::new();
        for child in self.elements() {
            if child.name == name {
                found.push(child);
            }
            found.extend(child.find_all(name));
        }
        found
    }

    /// The first element named `name` below this one; panics when there is none.
    pub(super) fn find(&self, name: &str) -> &Element {
        self.find_all(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no <{name}> below <{}>", self.name))
    }

    /// True when an element named `name` is below this one.
    pub(super) fn has(&self, name: &str) -> bool {
        !self.find_all(name).is_empty()
    }

    /// The text Word shows: `w:t` and `w:delText` content, `w:tab` as TAB, `w:br` as a
    /// line break (field instructions left out).
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Element(e) if e.name == "w:t" || e.name == "w:delText" => {
                    out.push_str(&e.own_text());
                }
                Node::Element(e) if e.name == "w:tab" => out.push('\t'),
                Node::Element(e) if e.name == "w:br" => out.push('\n'),
                Node::Element(e) => e.collect_text(out),
                Node::Text(_) => {}
            }
        }
    }

    /// The character data directly inside this element.
    pub(super) fn own_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    /// The texts of the `w:p` children, in order.
    pub(super) fn paragraph_texts(&self) -> Vec<String> {
        self.children("w:p").iter().map(|p| p.text()).collect()
    }

    /// A paragraph's style id (`w:pPr/w:pStyle`).
    pub(super) fn paragraph_style(&self) -> Option<&str> {
        self.path(&["w:pPr", "w:pStyle"])?.attr("w:val")
    }

    /// True for a centred paragraph (`w:pPr/w:jc` = center).
    pub(super) fn is_centred(&self) -> bool {
        self.path(&["w:pPr", "w:jc"])
            .and_then(|jc| jc.attr("w:val"))
            == Some("center")
    }

    /// A cell's `w:gridSpan` (1 when absent).
    pub(super) fn grid_span(&self) -> u32 {
        self.path(&["w:tcPr", "w:gridSpan"])
            .and_then(|s| s.attr("w:val"))
            .map_or(1, |v| v.parse().expect("numeric span"))
    }

    /// A cell's `w:vMerge`: `None` when not merged, `Some("restart")` or `Some("")` for a
    /// continued cell.
    pub(super) fn vertical_merge(&self) -> Option<&str> {
        self.path(&["w:tcPr", "w:vMerge"])
            .map(|m| m.attr("w:val").unwrap_or(""))
    }

    /// A cell's width (`w:tcPr/w:tcW`).
    pub(super) fn cell_width(&self) -> u32 {
        self.path(&["w:tcPr", "w:tcW"])
            .and_then(|w| w.attr("w:w"))
            .map(|v| v.parse().expect("numeric width"))
            .expect("a cell width")
    }

    /// A table's column widths (`w:tblGrid`).
    pub(super) fn grid(&self) -> Vec<u32> {
        self.child("w:tblGrid")
            .children("w:gridCol")
            .iter()
            .map(|c| c.attr("w:w").expect("w:w").parse().expect("numeric"))
            .collect()
    }

    /// The rows of a table, each as its cells.
    pub(super) fn rows(&self) -> Vec<Vec<&Element>> {
        self.children("w:tr")
            .into_iter()
            .map(|row| row.children("w:tc"))
            .collect()
    }
}
