//! The LibreOffice layout pass of the Word report: lay the report out to PDF with
//! `soffice`, read the page of every heading from the PDF's outline (`pdftohtml -xml`,
//! poppler), and write the report again with those pages in its contents, until the
//! pages no longer move (at most [`MAX_PASSES`] layouts). The same PDF is what
//! `convert -o report.pdf` writes.

use actplan::{ActionPlan, Format, RenderOptions};
use std::path::PathBuf;
use std::process::Command;

/// At most this many layouts: the first finds the pages, the next ones check that
/// writing them moved nothing.
const MAX_PASSES: usize = 3;

/// The programs of the layout pass.
pub(crate) struct Layout {
    soffice: PathBuf,
    pdftohtml: PathBuf,
    /// A private folder: the documents and LibreOffice's profile (removed on drop).
    dir: PathBuf,
}

/// The report laid out: the Word document with its contents' pages, and its PDF.
pub(crate) struct LaidOut {
    /// The .docx whose contents carry the pages of the PDF.
    pub(crate) docx: Vec<u8>,
    /// The PDF LibreOffice made of it.
    pub(crate) pdf: Vec<u8>,
}

/// `program` found in a folder of PATH.
fn on_path(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

impl Layout {
    /// The layout pass, when LibreOffice and poppler's `pdftohtml` are installed; else
    /// the line saying what is missing.
    pub(crate) fn find() -> Result<Layout, String> {
        let soffice = on_path("soffice")
            .or_else(|| on_path("libreoffice"))
            .ok_or("LibreOffice (soffice) is not installed")?;
        let pdftohtml = on_path("pdftohtml").ok_or("pdftohtml (poppler-utils) is not installed")?;
        let dir = std::env::temp_dir().join(format!(
            "actplan-layout-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Layout {
            soffice,
            pdftohtml,
            dir,
        })
    }

    /// Render `plan` as Word and lay it out, writing the pages of its headings into its
    /// contents until they no longer move.
    pub(crate) fn paginate(
        &self,
        plan: &ActionPlan,
        options: &RenderOptions,
    ) -> Result<LaidOut, String> {
        let headings = actplan::render::docx::contents_headings(plan);
        let mut options = options.clone();
        options.heading_pages = Vec::new();
        let mut docx = render(plan, &options)?;
        let mut pdf = self.pdf(&docx)?;
        for _ in 1..MAX_PASSES {
            let pages = heading_pages(&headings, &self.outline(&pdf)?);
            if pages == options.heading_pages {
                break;
            }
            options.heading_pages = pages;
            docx = render(plan, &options)?;
            pdf = self.pdf(&docx)?;
        }
        Ok(LaidOut { docx, pdf })
    }

    /// The PDF LibreOffice lays `docx` out to.
    pub(crate) fn pdf(&self, docx: &[u8]) -> Result<Vec<u8>, String> {
        let source = self.dir.join("report.docx");
        let target = self.dir.join("report.pdf");
        std::fs::write(&source, docx).map_err(|e| format!("{}: {e}", source.display()))?;
        let _ = std::fs::remove_file(&target);
        let output = Command::new(&self.soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                self.dir.join("profile").display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(&self.dir)
            .arg(&source)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.soffice.display()))?;
        // LibreOffice exits 0 even when it wrote nothing.
        std::fs::read(&target).map_err(|_| {
            format!(
                "LibreOffice did not lay the report out: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )
        })
    }

    /// The outline of `pdf`: each entry's title and page, in order.
    fn outline(&self, pdf: &[u8]) -> Result<Vec<(String, u32)>, String> {
        let path = self.dir.join("outline.pdf");
        std::fs::write(&path, pdf).map_err(|e| format!("{}: {e}", path.display()))?;
        let output = Command::new(&self.pdftohtml)
            .args(["-xml", "-i", "-q", "-stdout"])
            .arg(&path)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.pdftohtml.display()))?;
        if !output.status.success() {
            return Err(format!(
                "pdftohtml cannot read the laid-out report: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        Ok(outline_items(&String::from_utf8_lossy(&output.stdout)))
    }
}

impl Drop for Layout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The Word report of `plan`.
fn render(plan: &ActionPlan, options: &RenderOptions) -> Result<Vec<u8>, String> {
    actplan::render(plan, Format::Docx, options).map_err(|e| e.to_string())
}

/// The `<item page="N">title</item>` entries of `pdftohtml -xml` output's outline, in
/// document order (nested outlines flattened).
pub(crate) fn outline_items(xml: &str) -> Vec<(String, u32)> {
    let Ok(item) = regex::Regex::new(r#"<item page="(\d+)">([^<]*)</item>"#) else {
        return Vec::new();
    };
    let reference = regex::Regex::new(r"&(#?[0-9A-Za-z]+);").ok();
    item.captures_iter(xml)
        .filter_map(|c| {
            let page = c[1].parse().ok()?;
            let title = match &reference {
                Some(r) => r.replace_all(&c[2], |e: &regex::Captures<'_>| entity(&e[1])),
                None => c[2].into(),
            };
            Some((title.into_owned(), page))
        })
        .collect()
}

/// The text of an XML entity or character reference (`amp`, `#8211`, `#x2013`).
fn entity(name: &str) -> String {
    let code = match name {
        "amp" => return "&".into(),
        "lt" => return "<".into(),
        "gt" => return ">".into(),
        "quot" => return "\"".into(),
        "apos" => return "'".into(),
        hex if hex.starts_with("#x") => u32::from_str_radix(&hex[2..], 16).ok(),
        dec if dec.starts_with('#') => dec[1..].parse().ok(),
        _ => None,
    };
    code.and_then(char::from_u32)
        .map_or_else(String::new, String::from)
}

/// A title compared loosely: whitespace runs as one space, U+2011 and U+2010 as '-'.
fn loose(text: &str) -> String {
    text.replace(['\u{2011}', '\u{2010}'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page of each heading: the first outline entry with its title after the entry
/// matched for the heading before (headings and outline are both in document order).
pub(crate) fn heading_pages(headings: &[String], outline: &[(String, u32)]) -> Vec<Option<u32>> {
    let mut next = 0;
    headings
        .iter()
        .map(|heading| {
            let wanted = loose(heading);
            let found = outline[next.min(outline.len())..]
                .iter()
                .position(|(title, _)| loose(title) == wanted)?;
            next += found + 1;
            Some(outline[next - 1].1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTLINE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
<page number="1" position="absolute" top="0" left="0" height="1263" width="892"></page>
<outline>
<item page="3">Section I &#8211; Summary</item>
<item page="5">Section II</item>
<outline>
<item page="5">Resolution 1 &amp; 2 – Rules</item>
<item page="9">Resolution 2 – Study</item>
</outline>
<item page="40">Appendix I</item>
</outline>
</pdf2xml>"#;

    #[test]
    fn the_outline_lists_every_entry_with_its_page_nested_ones_flattened() {
        assert_eq!(
            outline_items(OUTLINE),
            [
                ("Section I – Summary".to_string(), 3),
                ("Section II".to_string(), 5),
                ("Resolution 1 & 2 – Rules".to_string(), 5),
                ("Resolution 2 – Study".to_string(), 9),
                ("Appendix I".to_string(), 40),
            ]
        );
    }

    #[test]
    fn headings_take_the_pages_of_their_outline_entries_in_order() {
        let outline = outline_items(OUTLINE);
        let headings = [
            "Section I – Summary",
            "Section  II",
            "Resolution 2 – Study",
            "Resolution 9 – Absent",
            "Appendix I",
        ]
        .map(String::from);
        assert_eq!(
            heading_pages(&headings, &outline),
            [Some(3), Some(5), Some(9), None, Some(40)]
        );
        // The same title twice takes the next entry each time.
        let twice = [("A".to_string(), 1), ("A".to_string(), 2)];
        let headings = ["A".to_string(), "A".to_string()];
        assert_eq!(heading_pages(&headings, &twice), [Some(1), Some(2)]);
    }
}
