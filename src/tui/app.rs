//! `App`: the document plus the editor's UI state. Rendering reads it;
//! only `update` changes it.

use std::collections::HashSet;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::NaiveDate;
use ratatui::layout::Rect;

pub use super::panes::Pane;
pub use super::popups::FieldEditor;
pub use super::target::{ItemField, Target};

use super::keymap::{Chord, Keymap};
use super::layout::Layout;
use super::popups::Popup;
use super::summary::{Summary, SummaryCache};
use super::theme::Theme;
use crate::model::Postmortem;
use crate::model::edit::Edit;

/// How the action board groups its cards into columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Grouping {
    /// A column per status.
    #[default]
    Status,
    /// A column per time frame.
    Timeframe,
    /// A column per priority.
    Priority,
}

impl Grouping {
    /// The next grouping.
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Status => Grouping::Timeframe,
            Grouping::Timeframe => Grouping::Priority,
            Grouping::Priority => Grouping::Status,
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            Grouping::Status => "status",
            Grouping::Timeframe => "time frame",
            Grouping::Priority => "priority",
        }
    }
}

/// The whys rows last derived, with the key they were derived for
/// (revision of the whys, node count, collapsed set).
pub type WhyRowsCache =
    std::cell::RefCell<Option<((u64, usize, u64), Rc<Vec<(usize, Option<usize>)>>)>>;

/// Text typed into a field and left with Esc while it was not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The field.
    pub target: Target,
    /// What was typed.
    pub text: String,
    /// Why it could not be applied.
    pub error: String,
}

/// Undo and redo stacks, and where the file was last saved.
#[derive(Debug, Default)]
pub struct History {
    /// Applied edits, oldest first.
    pub undo: Vec<Edit>,
    /// Undone edits, most recently undone last.
    pub redo: Vec<Edit>,
    /// `undo.len()` when the document matched the file, if reachable.
    pub clean: Option<usize>,
    /// Bumped on every change to the document (edit, undo, redo): what
    /// derived views cache on.
    pub revision: u64,
    /// The revision that last changed each list, for views of one list
    /// (an edit of the timeline leaves the whys rows as they were).
    pub lists: ListRevisions,
    /// Edits from the live session applied so far. While there are none,
    /// an undo is carried onto nothing (no search through the document).
    pub remote: u64,
}

/// The revision that last changed each list, and the other fields.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ListRevisions {
    /// `timeline`.
    pub timeline: u64,
    /// `whys.node`.
    pub whys: u64,
    /// `factors`.
    pub factors: u64,
    /// `actions`.
    pub actions: u64,
    /// Every field that is not a list item.
    pub fields: u64,
}

impl ListRevisions {
    /// Every part changed at `revision` (a new document).
    pub fn all(revision: u64) -> ListRevisions {
        ListRevisions {
            timeline: revision,
            whys: revision,
            factors: revision,
            actions: revision,
            fields: revision,
        }
    }

    /// Records the parts `edit` changed as changed at `revision`.
    pub fn bump(&mut self, edit: &Edit, revision: u64) {
        let list = match edit {
            Edit::Insert { item, .. } | Edit::Remove { item, .. } => item.list(),
            Edit::Replace { before, after, .. } => {
                // A replace is of one list; both sides are bumped in case.
                *self.of(before.list()) = revision;
                after.list()
            }
            Edit::Move { list, .. } => *list,
            Edit::SetText { .. } => {
                self.fields = revision;
                return;
            }
            Edit::Batch(edits) => {
                edits.iter().for_each(|e| self.bump(e, revision));
                return;
            }
        };
        *self.of(list) = revision;
    }

    fn of(&mut self, list: crate::model::edit::List) -> &mut u64 {
        use crate::model::edit::List;
        match list {
            List::Timeline => &mut self.timeline,
            List::Whys => &mut self.whys,
            List::Factors => &mut self.factors,
            List::Actions => &mut self.actions,
        }
    }
}

/// A search across the whole document.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// What was searched for.
    pub query: String,
    /// Every match, in pane order.
    pub hits: Vec<Hit>,
    /// The current match.
    pub current: usize,
}

/// Where a search matched: a pane and its item (doc index, or row for
/// overview / review).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The pane.
    pub pane: Pane,
    /// Item index in its list, or field row.
    pub index: usize,
}

/// How a status message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Information.
    Info,
    /// Something went wrong.
    Error,
}

/// Selections and scroll offsets of every pane.
#[derive(Debug, Clone, Default)]
pub struct Cursor {
    /// Selected event (index into `timeline`).
    pub timeline: usize,
    /// Selected row of the visible whys tree (0 is the problem).
    pub whys: usize,
    /// Selected factor (index into `factors`).
    pub factors: usize,
    /// Selected action (index into `actions`).
    pub actions: usize,
    /// Selected overview field.
    pub overview: usize,
    /// Selected review field.
    pub review: usize,
    /// First visible row of each pane, by `Pane::ALL` position.
    pub offset: [usize; 7],
    /// How the panes scroll (the config's `[editor] scroll`).
    pub scroll: crate::config::Scroll,
}

impl Cursor {
    /// The selected field of a field pane (Overview, Review).
    pub fn field(&self, pane: Pane) -> usize {
        if pane == Pane::Review {
            self.review
        } else {
            self.overview
        }
    }

    /// The selected field of a field pane, to change.
    pub fn field_mut(&mut self, pane: Pane) -> &mut usize {
        if pane == Pane::Review {
            &mut self.review
        } else {
            &mut self.overview
        }
    }
}

/// Consecutive `g d` presses go round the links of the item they started
/// from, rather than following the links of each item reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRound {
    /// The item the round started from.
    pub origin: String,
    /// Its linked ids, in `App::linked_ids` order.
    pub links: Vec<String>,
    /// Index into `links` of the item last jumped to.
    pub turn: usize,
}

/// Where the editor was opened from and what it may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// A new file that does not exist yet.
    NewFile(PathBuf),
    /// A scratch copy of a bundled example: never written back.
    Scratch(String),
}

/// The whole editor state.
#[derive(Debug)]
pub struct App {
    /// The document.
    pub doc: Postmortem,
    /// Where it came from.
    pub origin: Origin,
    /// Today, for overdue checks (injected for tests).
    pub today: NaiveDate,
    /// Styles.
    pub theme: Theme,
    /// Key bindings.
    pub keymap: Keymap,
    /// Terminal size.
    pub size: (u16, u16),
    /// The focused pane.
    pub focus: Pane,
    /// Selections and scroll.
    pub cursor: Cursor,
    /// Collapsed why ids.
    pub collapsed: HashSet<String>,
    /// Action board grouping.
    pub grouping: Grouping,
    /// Undo / redo.
    pub history: History,
    /// The field being edited.
    pub editor: Option<FieldEditor>,
    /// Text left in a field with Esc that could not be applied: `e` on the
    /// field edits it again, Esc discards it.
    pub draft: Option<Draft>,
    /// The popup on top, which sees keys first.
    pub popup: Option<Popup>,
    /// First key of a two-key sequence.
    pub pending: Option<Chord>,
    /// The last search.
    pub search: Option<Search>,
    /// A message for the status bar.
    pub message: Option<(String, Tone)>,
    /// The round of `g d` jumps under way, if the last action was one.
    pub link_round: Option<LinkRound>,
    /// Where the last round of `g d` jumps started (`ctrl-o` goes back).
    pub jump_origin: Option<(Pane, String)>,
    /// Set when the user has quit.
    pub quit: bool,
    /// Opened from the library view (`debrief DIR`): Esc goes back to it.
    pub from_library: bool,
    /// Journal, lock and on-disk state of a file-backed document.
    pub session: super::session::Session,
    /// Live lint findings and the findings panel.
    pub lint: super::findings::LintState,
    /// Set when the document was imported from Markdown.
    pub imported: Option<super::import::Imported>,
    /// Intervals, gaps and mark positions of the timeline, per revision.
    pub summary: SummaryCache,
    /// Factor groups and board columns, per revision.
    pub groups_cache: super::views::GroupsCache,
    /// Item positions by id, kept up to date edit by edit.
    pub ids: super::ids::IdIndex,
    /// The visible whys rows, per revision and collapsed set.
    pub why_rows_cache: WhyRowsCache,
    /// The rendered Markdown preview, per revision and width.
    pub preview: super::panes::preview::PreviewCache,
    /// Whose export the Preview shows (`a` in the Preview switches).
    pub audience: crate::export::Audience,
    /// What the customer export must leave out (the config's `[export]`
    /// and `[lint] roster`).
    pub privacy: crate::export::Privacy,
    /// Text `:yank` copied, written to the terminal (OSC 52) after the next
    /// draw.
    pub clipboard: Option<String>,
    /// Zoom, presenter view and the meeting under way.
    pub stage: super::meeting::Stage,
    /// The live session this editor owns or takes part in.
    pub collab: Option<super::collab::Collab>,
}

impl App {
    /// A new editor on `doc`.
    pub fn new(doc: Postmortem, origin: Origin, today: NaiveDate) -> App {
        let lint = super::findings::LintState::new(&doc);
        let ids = super::ids::IdIndex::new();
        App {
            doc,
            origin,
            today,
            theme: Theme::default(),
            keymap: Keymap::defaults(),
            size: (80, 24),
            focus: Pane::Timeline,
            cursor: Cursor::default(),
            collapsed: HashSet::new(),
            grouping: Grouping::default(),
            history: History {
                clean: Some(0),
                ..History::default()
            },
            editor: None,
            draft: None,
            popup: None,
            pending: None,
            search: None,
            message: None,
            link_round: None,
            jump_origin: None,
            quit: false,
            from_library: false,
            session: Default::default(),
            lint,
            imported: None,
            summary: SummaryCache::default(),
            why_rows_cache: WhyRowsCache::default(),
            groups_cache: Default::default(),
            ids,
            preview: Default::default(),
            audience: Default::default(),
            privacy: Default::default(),
            clipboard: None,
            stage: Default::default(),
            collab: None,
        }
    }

    /// Intervals, gaps and marks of the timeline, derived at most once per
    /// revision.
    pub fn summary(&self) -> Rc<Summary> {
        self.summary.get(&self.doc, self.history.revision)
    }

    /// Whether the document differs from the file.
    pub fn modified(&self) -> bool {
        self.history.clean != Some(self.history.undo.len())
            || matches!(self.origin, Origin::NewFile(_))
    }

    /// The screen layout for the current size and focus.
    pub fn layout(&self) -> Layout {
        super::meeting::layout(self, Rect::new(0, 0, self.size.0, self.size.1)).0
    }

    /// Shows a message in the status bar.
    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
    }
}
