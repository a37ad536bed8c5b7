//! Sections: the page geometry and header/footer references (`w:sectPr`), and the
//! section breaks around the landscape Section I.

use super::Writer;

/// Page geometry and the header/footer references of each section.
#[derive(Debug, Clone)]
pub struct PageSetup {
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
    pub fn text_width(&self, landscape: bool) -> u32 {
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
