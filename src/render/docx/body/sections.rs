//! Sections: the page geometry and header/footer references (`w:sectPr`), and the
//! section breaks around the landscape Section I.

use super::Writer;

/// Page geometry and the header/footer references of each section.
#[derive(Debug, Clone)]
pub(crate) struct PageSetup {
    /// Page width, height (twips, portrait).
    pub size: (u32, u32),
    /// Margins: top, right, bottom, left, header, footer.
    pub margins: [u32; 6],
    /// Header and footer references: (element "w:headerReference"/"w:footerReference",
    /// type "default"/"first"/"even", relationship id).
    pub references: Vec<(String, String, String)>,
    /// Whether the first page has its own header (titlePg).
    pub title_page: bool,
}

impl Default for PageSetup {
    fn default() -> Self {
        PageSetup {
            size: (11906, 16838),
            margins: [1418, 1134, 1418, 1134, 567, 567],
            references: Vec::new(),
            title_page: true,
        }
    }
}

impl PageSetup {
    /// Width of the text area.
    pub(crate) fn text_width(&self, landscape: bool) -> u32 {
        let [top, right, bottom, left, ..] = self.margins;
        if landscape {
            self.size.1.saturating_sub(top + bottom)
        } else {
            self.size.0.saturating_sub(left + right)
        }
    }
}

impl Writer<'_> {
    /// End the current section with a paragraph carrying its properties.
    pub(super) fn section_break(&mut self, page: &PageSetup, landscape: bool, title_page: bool) {
        self.w.start("w:p", &[]);
        self.w.start("w:pPr", &[]);
        self.section_properties(page, landscape, title_page);
        self.w.end("w:pPr");
        self.w.end("w:p");
    }

    /// `w:sectPr`; `title_page` gives the section a distinct (header-less) first page.
    pub(super) fn section_properties(
        &mut self,
        page: &PageSetup,
        landscape: bool,
        title_page: bool,
    ) {
        self.w.start("w:sectPr", &[]);
        for (element, kind, id) in &page.references {
            self.w.empty(element, &[("w:type", kind), ("r:id", id)]);
        }
        self.w.empty("w:type", &[("w:val", "nextPage")]);
        let (width, height) = page.size;
        let [top, right, bottom, left, header, footer] = page.margins;
        // Landscape turns the page a quarter turn: the margins turn with it.
        let (width, height, top, right, bottom, left) = if landscape {
            (height, width, left, top, right, bottom)
        } else {
            (width, height, top, right, bottom, left)
        };
        let mut size = vec![("w:w", width.to_string()), ("w:h", height.to_string())];
        if landscape {
            size.push(("w:orient", "landscape".to_string()));
        }
        let size: Vec<(&str, &str)> = size.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.w.empty("w:pgSz", &size);
        let margins = [top, right, bottom, left, header, footer, 0].map(|v| v.to_string());
        self.w.empty(
            "w:pgMar",
            &[
                ("w:top", &margins[0]),
                ("w:right", &margins[1]),
                ("w:bottom", &margins[2]),
                ("w:left", &margins[3]),
                ("w:header", &margins[4]),
                ("w:footer", &margins[5]),
                ("w:gutter", &margins[6]),
            ],
        );
        if page.title_page && title_page {
            self.w.empty("w:titlePg", &[]);
        }
        self.w.end("w:sectPr");
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, written, Element};
    use super::super::PORTRAIT_WIDTH;
    use super::*;

    fn page() -> PageSetup {
        PageSetup {
            references: vec![("w:headerReference".into(), "default".into(), "rIdH1".into())],
            ..PageSetup::default()
        }
    }

    fn attributes<'e>(element: &'e Element, names: &[&str]) -> Vec<&'e str> {
        names.iter().map(|n| element.attr(n).unwrap()).collect()
    }

    #[test]
    fn the_default_text_width_is_the_portrait_width_the_layout_assumes() {
        assert_eq!(PageSetup::default().text_width(false), PORTRAIT_WIDTH);
        assert_eq!(PageSetup::default().text_width(true), 16838 - 2 * 1418);
    }

    #[test]
    fn a_portrait_section_has_its_header_page_and_margins() {
        let xml = written(&empty_plan(), |w| {
            w.section_properties(&page(), false, false)
        });
        let section = xml.child("w:sectPr");
        assert_eq!(
            section.element_names(),
            ["w:headerReference", "w:type", "w:pgSz", "w:pgMar"]
        );
        let header = section.child("w:headerReference");
        assert_eq!(
            attributes(header, &["w:type", "r:id"]),
            ["default", "rIdH1"]
        );
        assert_eq!(section.child("w:type").attr("w:val"), Some("nextPage"));
        let size = section.child("w:pgSz");
        assert_eq!(attributes(size, &["w:w", "w:h"]), ["11906", "16838"]);
        assert_eq!(size.attr("w:orient"), None);
        let margins = section.child("w:pgMar");
        assert_eq!(
            attributes(
                margins,
                &["w:top", "w:right", "w:bottom", "w:left", "w:gutter"]
            ),
            ["1418", "1134", "1418", "1134", "0"]
        );
    }

    #[test]
    fn a_landscape_section_turns_the_page_and_its_margins() {
        let xml = written(&empty_plan(), |w| {
            w.section_properties(&page(), true, false)
        });
        let section = xml.child("w:sectPr");
        let size = section.child("w:pgSz");
        assert_eq!(
            attributes(size, &["w:w", "w:h", "w:orient"]),
            ["16838", "11906", "landscape"]
        );
        let margins = section.child("w:pgMar");
        assert_eq!(
            attributes(margins, &["w:top", "w:right", "w:bottom", "w:left"]),
            ["1134", "1418", "1134", "1418"]
        );
        assert_eq!(
            attributes(margins, &["w:header", "w:footer"]),
            ["567", "567"]
        );
    }

    #[test]
    fn a_title_page_only_when_asked_and_the_page_setup_allows_it() {
        let title_page = |page: &PageSetup, asked: bool| {
            written(&empty_plan(), |w| w.section_properties(page, false, asked)).has("w:titlePg")
        };
        let without = PageSetup {
            title_page: false,
            ..page()
        };
        assert!(title_page(&page(), true));
        assert!(!title_page(&page(), false));
        assert!(!title_page(&without, true));
    }

    #[test]
    fn a_section_break_is_a_paragraph_carrying_the_section_properties() {
        let xml = written(&empty_plan(), |w| w.section_break(&page(), true, false));
        let paragraph = xml.child("w:p");
        assert_eq!(paragraph.element_names(), ["w:pPr"]);
        let size = paragraph.path(&["w:pPr", "w:sectPr", "w:pgSz"]).unwrap();
        assert_eq!(size.attr("w:orient"), Some("landscape"));
    }
}
