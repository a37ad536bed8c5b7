//! The HTML and Markdown listings of `actplan items` and `actplan stats`, and the stats
//! charts (inline SVG) that the HTML report embeds too. The rows and counts come from
//! [`crate::query`]; this module only writes them.

use super::markdown::{self, Mode};
use crate::model::milestone::Date;
use crate::model::ActionPlan;
use crate::query::{Counts, ItemRow, Stats, COLUMNS};
use crate::text::{escape_html, escape_html_lines as html_lines};
use std::fmt::Write as _;

/// A GFM table of the items, one row each, document text escaped.
pub fn items_markdown(rows: &[ItemRow], as_of: Date) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} action item{}; overdue as of {as_of}\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    out.push_str("| Resolution | Id | Owners | Milestone | State | Action |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for row in rows {
        let mut state = row.state.label().to_string();
        if row.overdue {
            state.push_str(", overdue");
        }
        let cells = [
            markdown::escape(&row.resolution, Mode::Cell),
            markdown::escape(&row.id, Mode::Cell),
            markdown::escape(&row.owners.join(", "), Mode::Cell),
            markdown::escape(&row.milestone, Mode::Cell),
            markdown::escape(&state, Mode::Cell),
            markdown::escape(&row.action, Mode::Cell),
        ];
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

const PAGE_STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5rem;color:#1a1a1a;line-height:1.4}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}\
table{border-collapse:collapse;margin:.5rem 0 1.5rem}\
th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;vertical-align:top;text-align:left}\
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}\
tr.overdue td{background:#fff1f0}\
@media print{body{margin:0}h2{break-before:auto}}";

/// The stylesheet of the charts [`stats_charts`] draws: legend swatches and bar colours.
/// One stylesheet, in the `stats` page and in the HTML report.
pub const CHART_STYLE: &str = "\
.chart-legend{display:flex;gap:1rem;flex-wrap:wrap;margin:.25rem 0}\
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}\
.completed{fill:#2e7d32;background:#2e7d32}.periodic{fill:#1565c0;background:#1565c0}\
.open{fill:#b0b0b0;background:#b0b0b0}.overdue-bar{fill:#c62828;background:#c62828}\
svg text{font-size:11px;fill:currentColor}svg .grid{stroke:#e0e0e0}\
@media print{svg rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{PAGE_STYLE}{CHART_STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n\
         <footer><p>actplan {}</p></footer>\n</body>\n</html>\n",
        escape_html(title),
        env!("CARGO_PKG_VERSION")
    )
}

/// One self-contained HTML page with a table of the items (no script, nothing fetched).
pub fn items_html(rows: &[ItemRow], title: &str, as_of: Date) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape_html(title));
    let _ = writeln!(
        body,
        "<p>{} action item{}; overdue as of {as_of}.</p>",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    body.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Resolution</th><th scope=\"col\">Id</th>\
         <th scope=\"col\">Owners</th><th scope=\"col\">Milestone</th><th scope=\"col\">State</th>\
         <th scope=\"col\">Action</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        let mut state = row.state.label().to_string();
        if row.overdue {
            state.push_str(", overdue");
        }
        let _ = writeln!(
            body,
            "<tr{}><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if row.overdue { " class=\"overdue\"" } else { "" },
            escape_html(&row.resolution),
            escape_html(&row.id),
            escape_html(&row.owners.join(", ")),
            html_lines(&row.milestone),
            escape_html(&state),
            html_lines(&row.action),
            row.status
                .iter()
                .map(|s| html_lines(s))
                .collect::<Vec<_>>()
                .join("<br>"),
        );
    }
    body.push_str("</tbody>\n</table>\n");
    page(title, &body)
}

/// A horizontal stacked bar chart as inline SVG: per row, completed, periodic goals met and
/// open items, and a thin red bar for the overdue ones.
fn bar_chart(id: &str, title: &str, rows: &[(String, Counts)]) -> String {
    const LABEL: f64 = 170.0;
    const BARS: f64 = 520.0;
    const ROW: f64 = 20.0;
    const TOP: f64 = 22.0;
    let max = rows.iter().map(|(_, c)| c.items).max().unwrap_or(0).max(1);
    let scale = BARS / max as f64;
    let height = TOP + ROW * rows.len() as f64 + 8.0;
    let width = LABEL + BARS + 60.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\">\n\
         <title id=\"{id}-title\">{}</title>",
        escape_html(title)
    );
    // Grid lines and their values at quarters of the largest bar.
    let step = nice_step(max);
    let mut tick = 0;
    while tick <= max {
        let x = LABEL + tick as f64 * scale;
        let _ = writeln!(
            svg,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>\
             <text x=\"{x:.1}\" y=\"12\" text-anchor=\"middle\">{tick}</text>",
            TOP - 4.0,
            height - 4.0
        );
        tick += step;
    }
    for (i, (label, c)) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LABEL - 6.0,
            y + 12.0,
            escape_html(label)
        );
        let mut x = LABEL;
        for (class, count, what) in [
            ("completed", c.completed, "completed"),
            ("periodic", c.periodic_goals_met, "periodic goals met"),
            ("open", c.open, "open"),
        ] {
            if count == 0 {
                continue;
            }
            let w = count as f64 * scale;
            let _ = writeln!(
                svg,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"12\">\
                 <title>{}: {count} {what}</title></rect>",
                y + 2.0,
                escape_html(label)
            );
            x += w;
        }
        if c.overdue > 0 {
            let _ = writeln!(
                svg,
                "<rect class=\"overdue-bar\" x=\"{LABEL:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"3\">\
                 <title>{}: {} overdue</title></rect>",
                y + 15.0,
                c.overdue as f64 * scale,
                escape_html(label),
                c.overdue
            );
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 4.0,
            y + 12.0,
            c.items
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// A step for grid lines: 1, 2, 5, 10, 20, 50 … giving at most about five lines.
fn nice_step(max: usize) -> usize {
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            if max / (step * factor) <= 5 {
                return step * factor;
            }
        }
        step *= 10;
    }
}

fn html_table(out: &mut String, heading: &str, rows: &[(String, Counts)]) {
    let _ = write!(
        out,
        "<table>\n<thead><tr><th scope=\"col\">{}</th>",
        escape_html(heading)
    );
    for c in COLUMNS {
        let _ = write!(out, "<th scope=\"col\">{c}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (label, counts) in rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape_html(label));
        for n in counts.cells() {
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

const LEGEND: &str =
    "<p class=\"chart-legend\"><span><span class=\"swatch completed\"></span>Completed</span>\
<span><span class=\"swatch periodic\"></span>Periodic goals met</span>\
<span><span class=\"swatch open\"></span>Open</span>\
<span><span class=\"swatch overdue-bar\"></span>Overdue (thin bar)</span></p>\n";

/// One self-contained HTML page: the totals, a bar chart (inline SVG) and a table per
/// resolution and per owner. No script, nothing fetched, document text escaped.
/// The two charts (per resolution, per owner) with their legend, as an HTML fragment of
/// inline SVG: all text escaped, nothing fetched. The HTML report embeds it.
pub fn stats_charts(stats: &Stats) -> String {
    let mut out = String::from(LEGEND);
    out.push_str(&bar_chart(
        "chart-resolutions",
        "Action items per resolution",
        &stats.resolution_rows(),
    ));
    out.push_str(&bar_chart(
        "chart-owners",
        "Action items per owner",
        &stats.owner_rows(),
    ));
    out
}

/// The statistics as one self-contained HTML page titled `title`: totals, the
/// per-resolution and per-owner tables and their bar charts.
pub fn stats_html(stats: &Stats, title: &str) -> String {
    let t = &stats.totals;
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape_html(title));
    let _ = writeln!(
        body,
        "<p>{} action items: {} completed, {} periodic goals met, {} open; {} overdue as of {}.</p>",
        t.items, t.completed, t.periodic_goals_met, t.open, t.overdue, stats.as_of
    );
    let resolutions = stats.resolution_rows();
    let owners = stats.owner_rows();
    body.push_str("<section aria-labelledby=\"per-resolution\">\n<h2 id=\"per-resolution\">Per resolution</h2>\n");
    body.push_str(LEGEND);
    body.push_str(&bar_chart(
        "chart-resolutions",
        "Action items per resolution",
        &resolutions,
    ));
    let mut with_total = resolutions.clone();
    with_total.push(("Total".to_string(), stats.totals));
    html_table(&mut body, "Resolution", &with_total);
    body.push_str("</section>\n<section aria-labelledby=\"per-owner\">\n<h2 id=\"per-owner\">Per owner</h2>\n");
    body.push_str(LEGEND);
    body.push_str(&bar_chart(
        "chart-owners",
        "Action items per owner",
        &owners,
    ));
    html_table(&mut body, "Owner", &owners);
    body.push_str("</section>\n");
    page(title, &body)
}

/// The title of an HTML page: the document title with the cover's TD number.
pub fn page_title(plan: &ActionPlan, what: &str) -> String {
    let mut title = plan
        .title
        .clone()
        .or_else(|| plan.cover.as_ref().and_then(|c| c.title.clone()))
        .unwrap_or_else(|| "Action Plan".to_string());
    if let Some(td) = plan.cover.as_ref().and_then(|c| c.td_number.clone()) {
        title = format!("{title} ({td})");
    }
    format!(
        "{what} — {}",
        title.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(5), 1);
        assert_eq!(nice_step(6), 2);
        assert_eq!(nice_step(28), 5);
        assert_eq!(nice_step(180), 50);
        assert_eq!(nice_step(330), 100);
    }
}
