//! Questions: yes / no, and the session's questions (locked, recover,
//! changed on disk). Each lists its answers as actions; their keys come
//! from the key map section of its mode.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::Request;
use super::centered;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::component::{Component, Hint, Input, Outcome};
use crate::tui::keymap::Mode;

/// The keys of a yes / no question.
pub const CONFIRM: Mode = Mode {
    section: "confirm",
    title: "In a yes / no question",
    question: true,
};

/// The answers when the file is open in another debrief.
pub const LOCKED: Mode = Mode {
    section: "locked",
    title: "When the file is open in another debrief",
    question: true,
};

/// The answers when unsaved edits of a crashed session are found.
pub const RECOVER: Mode = Mode {
    section: "recover",
    title: "When unsaved edits of a crashed session are found",
    question: true,
};

/// The answers when the file changed on disk.
pub const CHANGED: Mode = Mode {
    section: "changed",
    title: "When the file changed on disk",
    question: true,
};

/// The answers to a merge conflict `debrief merge` left in the document.
pub const CONFLICT: Mode = Mode {
    section: "conflict",
    title: "On a merge conflict (:conflicts)",
    question: true,
};

/// What is being asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Quit with unsaved changes?
    QuitUnsaved,
    /// Create the missing file?
    CreateFile,
    /// A journal of unsaved edits was found: what differs.
    Recover(String),
    /// Another debrief holds the lock: who, where, since.
    LockHeld(String),
    /// The file changed on disk since it was loaded or saved.
    ChangedOnDisk,
    /// Replace an existing file (saving an imported document)?
    Overwrite(std::path::PathBuf),
    /// `:w FILE`, `:wq FILE` or `:export FILE` named a file that exists.
    Replace(std::path::PathBuf, AfterReplace),
    /// A merge conflict (its index in `doc.conflicts`): ours or theirs?
    Conflict(usize),
    /// A key mark another event already has: move it, or keep both?
    DuplicateMark {
        /// The event the mark is for.
        event: String,
        /// The mark.
        mark: crate::model::Mark,
        /// The event that has it.
        holder: String,
    },
}

/// What `:w FILE` / `:export FILE` does once the user agrees to replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterReplace {
    /// Save the document there (and quit, for `:wq`).
    Save {
        /// Quit after a successful save.
        quit: bool,
    },
    /// Write the Markdown export there.
    Export,
}

/// One answer: its action, what it does, and whether the question shows
/// it (an answer may be a silent alias, like Esc).
struct Answer {
    action: Action,
    label: &'static str,
    shown: bool,
    /// Start a new line after this answer in the question.
    breaks: bool,
}

const fn shown(action: Action, label: &'static str) -> Answer {
    Answer {
        action,
        label,
        shown: true,
        breaks: false,
    }
}

const fn silent(action: Action) -> Answer {
    Answer {
        action,
        label: "",
        shown: false,
        breaks: false,
    }
}

const QUIT_UNSAVED: &[Answer] = &[
    shown(Action::Yes, "save and quit"),
    shown(Action::No, "quit without saving"),
    shown(Action::Close, "stay"),
];
const CREATE_FILE: &[Answer] = &[
    shown(Action::Yes, "create"),
    shown(Action::No, "quit"),
    silent(Action::Close),
];
const RECOVER_ANSWERS: &[Answer] = &[
    shown(Action::Recover, "recover"),
    shown(Action::Discard, "discard"),
    shown(Action::SaveCopy, "save the recovered version as a copy"),
];
const LOCKED_ANSWERS: &[Answer] = &[
    shown(Action::ReadOnly, "open read-only"),
    shown(Action::TakeOver, "take over"),
    shown(Action::QuitNow, "quit"),
];
const CHANGED_ANSWERS: &[Answer] = &[
    Answer {
        breaks: true,
        ..shown(
            Action::Reload,
            "reload (your version goes to the recovery file)",
        )
    },
    shown(Action::Overwrite, "overwrite it"),
    shown(Action::SaveAs, "save as…"),
    shown(Action::Close, "not now"),
];
const REPLACE: &[Answer] = &[
    shown(Action::Yes, "replace"),
    shown(Action::No, "keep it"),
    silent(Action::Close),
];
const DUPLICATE_MARK: &[Answer] = &[
    shown(Action::Yes, "move it here"),
    shown(Action::No, "keep both"),
    shown(Action::Close, "cancel"),
];
const CONFLICT_ANSWERS: &[Answer] = &[
    shown(Action::TakeOurs, "keep ours"),
    shown(Action::TakeTheirs, "take theirs"),
    shown(Action::Close, "later (:conflicts)"),
];
const OVERWRITE: &[Answer] = &[
    shown(Action::Yes, "replace"),
    shown(Action::No, "keep it (ctrl-s asks again)"),
    silent(Action::Close),
];

impl Confirm {
    fn answers(&self) -> &'static [Answer] {
        match self {
            Confirm::QuitUnsaved => QUIT_UNSAVED,
            Confirm::CreateFile => CREATE_FILE,
            Confirm::Recover(_) => RECOVER_ANSWERS,
            Confirm::LockHeld(_) => LOCKED_ANSWERS,
            Confirm::ChangedOnDisk => CHANGED_ANSWERS,
            Confirm::Replace(..) => REPLACE,
            Confirm::Overwrite(_) => OVERWRITE,
            Confirm::DuplicateMark { .. } => DUPLICATE_MARK,
            Confirm::Conflict(_) => CONFLICT_ANSWERS,
        }
    }

    /// What is asked, before the answers.
    fn ask(&self, app: &App) -> String {
        match self {
            Confirm::QuitUnsaved => "There are unsaved changes. Save before quitting?".into(),
            Confirm::CreateFile => {
                let name = match &app.origin {
                    crate::tui::app::Origin::NewFile(p) => p.display().to_string(),
                    _ => String::new(),
                };
                format!("{name} does not exist.\nCreate it?")
            }
            Confirm::Recover(summary) => format!("Recover unsaved edits?\n{summary}"),
            Confirm::Conflict(index) => conflict_question(app, *index),
            Confirm::LockHeld(owner) => format!("This file is open in another debrief:\n{owner}"),
            Confirm::ChangedOnDisk => {
                "The file changed on disk since it was loaded or saved.".into()
            }
            Confirm::Replace(path, then) => format!(
                "{} already exists.\nReplace it with {}?",
                path.display(),
                match then {
                    AfterReplace::Save { .. } => "this document",
                    AfterReplace::Export => "the Markdown export",
                }
            ),
            Confirm::Overwrite(path) => format!(
                "{} already exists.\nReplace it with this document?",
                path.display()
            ),
            Confirm::DuplicateMark {
                event,
                mark,
                holder,
            } => format!(
                "{holder} already has the {} mark, and an incident has that moment once:\nthe intervals use the earliest. Move it to {event}?",
                mark.label()
            ),
        }
    }

    /// The question with its answers, keys from the key map.
    pub fn question(&self, app: &App) -> String {
        let mode = self.mode();
        let mut answers = String::from(" ");
        let shown: Vec<&Answer> = self.answers().iter().filter(|a| a.shown).collect();
        for (i, answer) in shown.iter().enumerate() {
            let key = app
                .keymap
                .mode_keys(mode, answer.action)
                .first()
                .copied()
                .unwrap_or("?");
            answers.push_str(&format!("{key}: {}", answer.label));
            if i + 1 < shown.len() {
                answers.push_str(if answer.breaks { "\n " } else { "   " });
            }
        }
        format!("{}\n\n{answers}", self.ask(app))
    }

    /// Whether `action` answers this question.
    pub fn accepts(&self, action: Action) -> bool {
        self.answers().iter().any(|a| a.action == action)
    }
}

/// A merge conflict as a question: where, and each side's value (long
/// values cut to a few lines).
fn conflict_question(app: &App, index: usize) -> String {
    let Some(conflict) = app.doc.conflicts.get(index) else {
        return "No such merge conflict.".into();
    };
    let text = |value: Option<&toml::Value>| -> String {
        match value {
            None => "(deleted)".to_string(),
            Some(toml::Value::String(s)) => s.replace('\n', " ⏎ "),
            Some(toml::Value::Table(t)) => t
                .get("text")
                .or_else(|| t.get("title"))
                .and_then(toml::Value::as_str)
                .map_or_else(|| t.to_string(), |s| format!("the item: {s}")),
            Some(other) => other.to_string(),
        }
    };
    let (ours, theirs) = (text(conflict.ours.as_ref()), text(conflict.theirs.as_ref()));
    // Long texts that differ late: both shown from a little before the
    // first difference.
    let same = ours
        .char_indices()
        .zip(theirs.chars())
        .find(|((_, a), b)| a != b)
        .map_or(ours.len().min(theirs.len()), |((i, _), _)| i);
    let mut back = same.saturating_sub(60);
    while !ours.is_char_boundary(back) {
        back -= 1;
    }
    let from = ours[..back]
        .rfind(' ')
        .filter(|_| same > 80)
        .map_or(0, |i| i + 1);
    let show = |text: &str| -> String {
        let rest = text.get(from..).unwrap_or(text);
        let mut cut: String = rest.chars().take(200).collect();
        if cut.len() < rest.len() {
            cut.push('…');
        }
        if from > 0 { format!("…{cut}") } else { cut }
    };
    format!(
        "Merge conflict {} of {} at {} (the document holds {}):\n\nours:   {}\ntheirs: {}",
        index + 1,
        app.doc.conflicts.len(),
        conflict.at,
        conflict.kept.as_str(),
        show(&ours),
        show(&theirs),
    )
}

impl Component for Confirm {
    fn mode(&self) -> Mode {
        match self {
            Confirm::Recover(_) => RECOVER,
            Confirm::LockHeld(_) => LOCKED,
            Confirm::ChangedOnDisk => CHANGED,
            Confirm::Conflict(_) => CONFLICT,
            _ => CONFIRM,
        }
    }

    fn handle(&mut self, input: Input, _app: &App) -> Outcome {
        match input.action {
            // A question waits for one of its answers.
            Some(action) if self.accepts(action) => {
                Outcome::Then(Request::Answer(self.clone(), action))
            }
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lines: Vec<Line> = self
            .question(app)
            .lines()
            .map(|l| Line::from(l.to_string()))
            .collect();
        let width = match self {
            Confirm::QuitUnsaved | Confirm::CreateFile => 60,
            _ => 60.max(area.width.saturating_sub(4).min(76)),
        };
        // Room for the lines, with some for wrapping, inside the border.
        let height = (lines.len() as u16 + 2).max(7) + u16::from(lines.len() > 5) * 2;
        let rect = centered(area, width, height);
        Clear.render(rect, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .style(app.theme.base)
            .block(
                Block::bordered()
                    .title(" Confirm ")
                    .border_style(app.theme.border_focused),
            )
            .render(rect, buf);
    }

    fn hints(&self) -> &'static [Hint] {
        &[]
    }
}
