//! `App`: the document plus the editor's UI state. Rendering reads it;
//! only `update` changes it.

use std::collections::HashSet;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::keymap::{Chord, Keymap};
use super::layout::Layout;
use super::popups::Popup;
use super::summary::{Summary, SummaryCache};
use super::theme::Theme;
use crate::model::edit::{DocField, Edit, List};
use crate::model::{ActionStatus, Postmortem, Priority, Timeframe};

/// A pane (or full-screen view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Timeline of events.
    Timeline,
    /// 5 Whys tree.
    Whys,
    /// Contributing factors.
    Factors,
    /// Action board.
    Actions,
    /// Meta, summary, impact.
    Overview,
    /// Response, went well / poorly / lucky, lessons…
    Review,
    /// Exported Markdown.
    Preview,
}

impl Pane {
    /// Every pane, in tab order (number keys 1–7).
    pub const ALL: [Pane; 7] = [
        Pane::Timeline,
        Pane::Whys,
        Pane::Factors,
        Pane::Actions,
        Pane::Overview,
        Pane::Review,
        Pane::Preview,
    ];

    /// The four panes of the grid.
    pub const GRID: [Pane; 4] = [Pane::Timeline, Pane::Whys, Pane::Factors, Pane::Actions];

    /// Title shown on the border and the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::Whys => "5 Whys",
            Pane::Factors => "Factors",
            Pane::Actions => "Actions",
            Pane::Overview => "Overview",
            Pane::Review => "Review",
            Pane::Preview => "Preview",
        }
    }

    /// The key map section.
    pub fn section(self) -> &'static str {
        match self {
            Pane::Timeline => "timeline",
            Pane::Whys => "whys",
            Pane::Factors => "factors",
            Pane::Actions => "actions",
            Pane::Overview => "overview",
            Pane::Review => "review",
            Pane::Preview => "preview",
        }
    }

    /// The number key.
    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    /// The list of items this pane edits, if any.
    pub fn list(self) -> Option<List> {
        match self {
            Pane::Timeline => Some(List::Timeline),
            Pane::Whys => Some(List::Whys),
            Pane::Factors => Some(List::Factors),
            Pane::Actions => Some(List::Actions),
            _ => None,
        }
    }
}

/// How the action board groups its cards into columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

/// A field of a list item that can be edited in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemField {
    /// Event time.
    Time,
    /// Event / why / factor text.
    Text,
    /// Event source.
    Source,
    /// Event actor.
    Actor,
    /// Why question.
    Question,
    /// Factor contribution.
    Contribution,
    /// Factor category.
    Category,
    /// Action title.
    Title,
    /// Action owner.
    Owner,
    /// Action due date.
    Due,
    /// Action ticket.
    Ticket,
    /// Action notes.
    Notes,
}

impl ItemField {
    /// The fields of a list's items, main field first, in Tab order.
    pub fn of(list: List) -> &'static [ItemField] {
        use ItemField::*;
        match list {
            List::Timeline => &[Text, Time, Source, Actor],
            List::Whys => &[Text, Question],
            List::Factors => &[Text, Contribution, Category],
            List::Actions => &[Title, Owner, Due, Ticket, Notes],
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        use ItemField::*;
        match self {
            Time => "time",
            Text => "text",
            Source => "source",
            Actor => "actor",
            Question => "question",
            Contribution => "contribution",
            Category => "category",
            Title => "title",
            Owner => "owner",
            Due => "due (YYYY-MM-DD)",
            Ticket => "ticket",
            Notes => "notes",
        }
    }

    /// Whether Enter inserts a new line instead of finishing.
    pub fn multiline(self) -> bool {
        matches!(self, ItemField::Notes | ItemField::Contribution)
    }
}

/// What a field editor writes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A field of a list item, by id.
    Item {
        /// The list.
        list: List,
        /// The item id.
        id: String,
        /// The field.
        field: ItemField,
    },
    /// A document-level field.
    Doc(DocField),
}

/// A field being edited in place.
#[derive(Debug)]
pub struct FieldEditor {
    /// Where the text goes.
    pub target: Target,
    /// The text being typed.
    pub textarea: TextArea<'static>,
    /// Why the last attempt to apply it failed (shown beside the field).
    pub error: Option<String>,
    /// Whether Enter adds a line.
    pub multiline: bool,
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
    /// Problems found in the document, refreshed after every edit.
    pub findings: Vec<Finding>,
    /// Journal, lock and on-disk state of a file-backed document.
    pub session: super::session::Session,
    /// Live lint findings and the findings panel.
    pub lint: super::findings::LintState,
    /// Set when the document was imported from Markdown.
    pub imported: Option<super::import::Imported>,
    /// Intervals, gaps and mark positions of the timeline, per revision.
    pub summary: SummaryCache,
    /// The rendered Markdown preview, per revision and width.
    pub preview: super::panes::preview::PreviewCache,
}

/// One problem with the document, shown as a count in the header.
///
/// This is the seam for the lint engine: today the structural problems of
/// [`crate::model::check`] fill it; lint findings join them when it lands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Which checker found it (`check`, later lint rule ids).
    pub source: &'static str,
    /// The item concerned, when there is one.
    pub item: String,
    /// What is wrong.
    pub message: String,
}

/// The findings of every checker over `doc`.
pub fn diagnose(doc: &Postmortem) -> Vec<Finding> {
    crate::model::check(doc)
        .into_iter()
        .map(|p| Finding {
            source: "check",
            item: p.item.clone(),
            message: p.to_string(),
        })
        .collect()
}

impl App {
    /// A new editor on `doc`.
    pub fn new(doc: Postmortem, origin: Origin, today: NaiveDate) -> App {
        let lint = super::findings::LintState::new(&doc);
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
            popup: None,
            pending: None,
            search: None,
            message: None,
            link_round: None,
            jump_origin: None,
            quit: false,
            findings: Vec::new(),
            session: Default::default(),
            lint,
            imported: None,
            summary: SummaryCache::default(),
            preview: Default::default(),
        }
        .diagnosed()
    }

    fn diagnosed(mut self) -> App {
        self.findings = diagnose(&self.doc);
        self
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
        Layout::compute(Rect::new(0, 0, self.size.0, self.size.1), self.focus)
    }

    /// Shows a message in the status bar.
    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
    }

    /// The visible whys rows: `None` is the problem row, then node indexes
    /// in tree order with their depth, skipping collapsed subtrees.
    pub fn why_rows(&self) -> Vec<(usize, Option<usize>)> {
        let mut rows = vec![(0, None)];
        let nodes = &self.doc.whys.nodes;
        let mut skip_below: Option<usize> = None;
        for (depth, why) in self.doc.whys.walk() {
            if let Some(d) = skip_below {
                if depth > d {
                    continue;
                }
                skip_below = None;
            }
            let index = nodes.iter().position(|n| std::ptr::eq(n, why)).unwrap_or(0);
            rows.push((depth + 1, Some(index)));
            if self.collapsed.contains(&why.id) {
                skip_below = Some(depth);
            }
        }
        rows
    }

    /// The selected why node index, if a node (not the problem) is selected.
    pub fn selected_why(&self) -> Option<usize> {
        self.why_rows().get(self.cursor.whys).and_then(|(_, i)| *i)
    }

    /// Factor indexes in display order (grouped by category), with the
    /// categories: the document's, then any others in use.
    pub fn factor_groups(&self) -> Vec<(String, Vec<usize>)> {
        let mut categories = self.doc.factor_categories();
        for f in &self.doc.factors {
            if !categories.contains(&f.category) {
                categories.push(f.category.clone());
            }
        }
        categories
            .into_iter()
            .map(|c| {
                let members = self
                    .doc
                    .factors
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.category == c)
                    .map(|(i, _)| i)
                    .collect();
                (c, members)
            })
            .collect()
    }

    /// Factor indexes in display order.
    pub fn factor_order(&self) -> Vec<usize> {
        self.factor_groups()
            .into_iter()
            .flat_map(|(_, m)| m)
            .collect()
    }

    /// The action board columns: heading and action indexes.
    pub fn board(&self) -> Vec<(String, Vec<usize>)> {
        let actions = &self.doc.actions;
        let column = |label: &str, pred: &dyn Fn(&crate::model::ActionItem) -> bool| {
            (
                label.to_string(),
                actions
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| pred(a))
                    .map(|(i, _)| i)
                    .collect(),
            )
        };
        match self.grouping {
            Grouping::Status => ActionStatus::ALL
                .iter()
                .map(|s| column(s.label(), &|a| a.status == *s))
                .collect(),
            Grouping::Timeframe => {
                let mut cols: Vec<(String, Vec<usize>)> = Timeframe::ALL
                    .iter()
                    .map(|t| column(t.label(), &|a| a.timeframe == Some(*t)))
                    .collect();
                cols.push(column("No time frame", &|a| a.timeframe.is_none()));
                cols
            }
            Grouping::Priority => {
                let mut cols: Vec<(String, Vec<usize>)> = Priority::ALL
                    .iter()
                    .map(|p| column(p.label(), &|a| a.priority == Some(*p)))
                    .collect();
                cols.push(column("No priority", &|a| a.priority.is_none()));
                cols
            }
        }
    }

    /// The id of the selected item in the focused pane, if any.
    pub fn selected_id(&self, pane: Pane) -> Option<String> {
        match pane {
            Pane::Timeline => self
                .doc
                .timeline
                .get(self.cursor.timeline)
                .map(|e| e.id.clone()),
            Pane::Whys => self
                .selected_why()
                .map(|i| self.doc.whys.nodes[i].id.clone()),
            Pane::Factors => self
                .doc
                .factors
                .get(self.cursor.factors)
                .map(|f| f.id.clone()),
            Pane::Actions => self
                .doc
                .actions
                .get(self.cursor.actions)
                .map(|a| a.id.clone()),
            _ => None,
        }
    }

    /// Ids linked to the selection in the focused pane, in a stable order:
    /// what gets highlighted and where `gd` goes.
    pub fn linked_ids(&self) -> Vec<String> {
        let Some(id) = self.selected_id(self.focus) else {
            return Vec::new();
        };
        let doc = &self.doc;
        let mut out: Vec<String> = Vec::new();
        let mut push = |s: &str| {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        };
        match self.focus {
            Pane::Timeline => {
                doc.factors
                    .iter()
                    .filter(|f| f.events.contains(&id))
                    .for_each(|f| push(&f.id));
            }
            Pane::Whys => {
                doc.factors
                    .iter()
                    .filter(|f| f.whys.contains(&id))
                    .for_each(|f| push(&f.id));
                doc.actions
                    .iter()
                    .filter(|a| a.whys.contains(&id))
                    .for_each(|a| push(&a.id));
            }
            Pane::Factors => {
                if let Some(f) = doc.factor(&id) {
                    f.events.iter().for_each(|e| push(e));
                    f.whys.iter().for_each(|w| push(w));
                }
                doc.actions
                    .iter()
                    .filter(|a| a.factors.contains(&id))
                    .for_each(|a| push(&a.id));
            }
            Pane::Actions => {
                if let Some(a) = doc.action(&id) {
                    a.factors.iter().for_each(|f| push(f));
                    a.whys.iter().for_each(|w| push(w));
                }
            }
            _ => {}
        }
        out
    }
}
