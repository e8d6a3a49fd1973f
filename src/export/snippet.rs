//! Pieces of an export for the editor: the summary as plain text and one
//! section of the internal Markdown (`:yank`), and what the Preview shows
//! for each audience.

use super::{Audience, Leak, Privacy, builder::Markdown, customer, exec, markdown};
use crate::model::Postmortem;

/// The Markdown the editor's Preview shows for `audience`: the export, with
/// a line naming the audience; for a customer export that would leak, the
/// list of leaks instead.
pub fn preview(doc: &Postmortem, audience: Audience, privacy: &Privacy) -> String {
    let note = |text: &str| {
        format!(
            "*{} export · a switches audience*\n\n{text}",
            audience.as_str()
        )
    };
    match audience {
        Audience::Internal => markdown(doc),
        Audience::Exec => note(&exec(doc)),
        Audience::Customer => match customer(doc, privacy) {
            Ok(text) => note(&text),
            Err(leaks) => note(&leak_report(&leaks)),
        },
    }
}

/// The leaks of a refused customer export, as Markdown.
pub fn leak_report(leaks: &[Leak]) -> String {
    let mut out = Markdown::default();
    out.heading(1, "Not ready for customers");
    out.paragraph(&format!(
        "The customer export would show {} thing(s) that must stay internal. \
         Reword or remove them, or allow a term (`--allow`, `[export] allow`):",
        leaks.len()
    ));
    let items: Vec<String> = leaks.iter().map(ToString::to_string).collect();
    out.list(&items);
    out.finish()
}

/// The summary as written, for pasting into chat.
pub fn summary(doc: &Postmortem) -> String {
    doc.summary.trim().to_string()
}

/// The section of `markdown` (an export) under the level-2 heading `title`,
/// heading included, up to the next level-2 heading; `None` when the export
/// has no such section.
pub fn section(markdown: &str, title: &str) -> Option<String> {
    let mut out: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            if out.is_some() {
                break;
            }
            if heading.trim() == title {
                out = Some(vec![line]);
            }
            continue;
        }
        if let Some(lines) = out.as_mut() {
            lines.push(line);
        }
    }
    out.map(|lines| {
        let mut text = lines.join("\n").trim_end().to_string();
        text.push('\n');
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_runs_to_the_next_level_two_heading() {
        let md = "# T\n\n## Impact\n\n| a |\n\n### Sub\n\nx\n\n## Timeline\n\ny\n";
        assert_eq!(
            section(md, "Impact").as_deref(),
            Some("## Impact\n\n| a |\n\n### Sub\n\nx\n")
        );
        assert_eq!(
            section(md, "Timeline").as_deref(),
            Some("## Timeline\n\ny\n")
        );
        assert!(section(md, "Lessons").is_none());
    }
}
