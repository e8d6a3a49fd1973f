//! Every user intent has a name. Key bindings map keys to these names, so
//! the keymap is plain TOML (`"ctrl-s" = "save"`) and help is built from it.

use serde::{Deserialize, Serialize};

/// A named user intent, bound to keys in `assets/keymap.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move left (board column; collapse a why).
    Left,
    /// Move right (board column; expand a why).
    Right,
    /// Jump to the first item.
    Top,
    /// Jump to the last item.
    Bottom,
    /// Scroll a page up.
    PageUp,
    /// Scroll a page down.
    PageDown,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Show the timeline.
    ViewTimeline,
    /// Show the 5 Whys tree.
    ViewWhys,
    /// Show the contributing factors.
    ViewFactors,
    /// Show the action board.
    ViewActions,
    /// Show the overview (meta, summary, impact).
    ViewOverview,
    /// Show the review (response, went well/poorly/lucky, lessons…).
    ViewReview,
    /// Show the Markdown preview.
    ViewPreview,
    /// Edit the selected item's main field.
    Edit,
    /// Add an item after the selection and start typing its text.
    Add,
    /// Add a child cause under the selected why.
    AddChild,
    /// Delete the selected item.
    Delete,
    /// Move the selected item down.
    MoveDown,
    /// Move the selected item up.
    MoveUp,
    /// Make the selected why a child of the why above it.
    Indent,
    /// Make the selected why a sibling of its parent.
    Outdent,
    /// Collapse or expand the selected why.
    ToggleCollapse,
    /// Mark or unmark the selected why as a root cause.
    ToggleRoot,
    /// Mark the selected event, why or factor private (kept out of the
    /// customer export) or not; an action goes internal → public → private.
    TogglePrivate,
    /// Switch the Preview between the internal, customer and exec exports.
    CycleAudience,
    /// Cycle category / status where that fits.
    Cycle,
    /// Cycle an action's priority.
    CyclePriority,
    /// Cycle an action's time frame.
    CycleTimeframe,
    /// Cycle an action's type (prevent, detect, mitigate, process).
    CycleType,
    /// Set or clear a key-moment mark on the selected event.
    Mark,
    /// Switch the action board grouping (status, time frame, priority).
    SwitchGrouping,
    /// Link the selection to an item picked from a list.
    Link,
    /// Jump to an item linked to the selection (repeat to go round).
    GotoLink,
    /// Go back to where the last `g d` jumps started.
    GotoBack,
    /// Jump to any item by its id (a list to filter by typing).
    GotoId,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Search the whole document.
    Search,
    /// Next search match.
    SearchNext,
    /// Previous search match.
    SearchPrev,
    /// Open the command line (`:w`, `:q` …).
    CommandLine,
    /// Save the document.
    Save,
    /// Show the key bindings of the focused pane.
    Help,
    /// Quit (asks when there are unsaved changes).
    Quit,
    /// Show or hide the findings panel.
    ToggleFindings,
    /// Go to the next lint finding.
    NextFinding,
    /// Go to the previous lint finding.
    PrevFinding,
    /// Apply the selected finding's suggested rewrite (one undo step).
    ApplyFix,
    /// Accept the selected finding with a reason (`[[lint.suppress]]`).
    SuppressFinding,
    /// Start or leave facilitation (the meeting's agenda and timer).
    Facilitate,
    /// Show the focused pane alone on the whole screen (again: back).
    Zoom,
    /// Hide drafting noise for a shared screen (again: back).
    Present,

    // ---- keys while a meeting runs (`[meeting]`, before the panes')
    /// Leave the step for the next one (after its checks).
    NextStep,
    /// Go back to the previous step.
    PrevStep,
    /// Pause or resume the step's timer.
    PauseTimer,
    /// Park an off-topic point.
    Park,
    /// Add an attendee (role and name).
    Attend,
    /// Take a note stamped with the time.
    MeetingNote,
    /// Close the meeting: the summary and the follow-up date.
    CloseMeeting,

    // ---- keys of popups, questions and text fields (their own sections)
    /// Close the popup (or cancel what it asks).
    Close,
    /// Accept: run the command line, apply the edit, import the kept rows.
    Accept,
    /// Answer yes.
    Yes,
    /// Answer no.
    No,
    /// Toggle the selected choice (a link, a mark, keep / drop a row).
    Toggle,
    /// Keep or drop every row.
    ToggleAll,
    /// Edit the selected row's text.
    EditText,
    /// Edit the selected row's time.
    EditTime,
    /// Keep the row's marks where the timeline already has them.
    KeepMarks,
    /// Clear the line being typed.
    Clear,
    /// Finish editing the field (apply the text).
    Finish,
    /// Leave the field: apply the text (pressed again on an invalid value,
    /// discard it).
    Leave,
    /// Start a new line in a multi-line field.
    NewLine,
    /// Apply the text and edit the next field.
    NextField,
    /// Apply the text and edit the previous field.
    PrevField,
    /// Open the file read-only (another debrief holds it).
    ReadOnly,
    /// Take the lock over from another debrief.
    TakeOver,
    /// Quit at once, without saving.
    QuitNow,
    /// Recover the unsaved edits of the last session.
    Recover,
    /// Discard the unsaved edits of the last session.
    Discard,
    /// Save the recovered version as a copy beside the file.
    SaveCopy,
    /// Reload the file from disk (your version goes to the recovery file).
    Reload,
    /// Overwrite the file that changed on disk.
    Overwrite,
    /// Save under another name.
    SaveAs,
    /// Resolve a merge conflict with our side's value.
    TakeOurs,
    /// Resolve a merge conflict with their side's value.
    TakeTheirs,
    /// Sort the library by the next column.
    SortNext,
    /// Reverse the library's sort order.
    SortReverse,
    /// Back to the library view (when the document was opened from one).
    Back,
    /// Show the postmortems of the same folder whose causes resemble this one's.
    Related,
}

impl Action {
    /// A short description for the help overlay and docs/keys.md.
    pub fn describe(self) -> &'static str {
        use Action::*;
        match self {
            Up => "move up",
            Down => "move down",
            Left => "move left / collapse",
            Right => "move right / expand",
            Top => "first item",
            Bottom => "last item",
            PageUp => "page up",
            PageDown => "page down",
            FocusNext => "next pane",
            FocusPrev => "previous pane",
            ViewTimeline => "timeline",
            ViewWhys => "5 whys",
            ViewFactors => "contributing factors",
            ViewActions => "action items",
            ViewOverview => "overview",
            ViewReview => "review",
            ViewPreview => "markdown preview",
            Edit => "edit (Enter applies, Tab: next field, Esc leaves)",
            Add => "add after selection",
            AddChild => "add child cause",
            Delete => "delete (a field: clear it)",
            MoveDown => "move item down",
            MoveUp => "move item up",
            Indent => "indent why",
            Outdent => "outdent why",
            ToggleCollapse => "collapse / expand",
            ToggleRoot => "toggle root cause",
            TogglePrivate => "toggle private (actions: public → private)",
            CycleAudience => "preview for internal → customer → exec",
            Cycle => "cycle category / status",
            CyclePriority => "cycle priority",
            CycleTimeframe => "cycle time frame",
            CycleType => "cycle type (prevent / detect / mitigate / process)",
            Mark => "set timeline mark",
            SwitchGrouping => "group board by status / time frame / priority",
            Link => "link to…",
            GotoLink => "jump to linked item (again: the next one)",
            GotoBack => "back to where g d started",
            GotoId => "jump to an item by id (also :W9)",
            Undo => "undo",
            Redo => "redo",
            Search => "search all panes",
            SearchNext => "next match",
            SearchPrev => "previous match",
            CommandLine => "command line (:w :q … — listed below)",
            Save => "save",
            Help => "this help",
            Quit => "quit",
            ToggleFindings => "show / hide the findings panel",
            NextFinding => "next finding",
            PrevFinding => "previous finding",
            ApplyFix => "apply the finding's suggested rewrite",
            SuppressFinding => "accept the finding with a reason",
            Facilitate => "facilitate the meeting (again: leave)",
            Zoom => "zoom the focused pane (again: back)",
            Present => "presenter view (again: back)",
            NextStep => "next agenda step (checks the step first)",
            PrevStep => "previous agenda step",
            PauseTimer => "pause / resume the step's timer",
            Park => "park an off-topic point",
            Attend => "add an attendee (role: name)",
            MeetingNote => "take a note stamped with the time",
            CloseMeeting => "close the meeting: summary and follow-up date",
            Close => "close",
            Accept => "accept",
            Yes => "yes",
            No => "no",
            Toggle => "toggle the selected choice",
            ToggleAll => "keep or drop every row",
            EditText => "edit the row's text",
            EditTime => "edit the row's time",
            KeepMarks => "keep the row's key marks (the timeline has them already)",
            Clear => "clear the text",
            Finish => "apply the text and leave the field",
            Leave => "leave the field (again on an invalid value: discard it)",
            NewLine => "new line",
            NextField => "apply and edit the next field",
            PrevField => "apply and edit the previous field",
            ReadOnly => "open read-only",
            TakeOver => "take the lock over",
            QuitNow => "quit without saving",
            Recover => "recover the unsaved edits",
            Discard => "discard the unsaved edits",
            SaveCopy => "save the recovered version as a copy",
            Reload => "reload from disk (your version goes to the recovery file)",
            Overwrite => "overwrite the file on disk",
            SaveAs => "save as another file",
            TakeOurs => "resolve the merge conflict with ours",
            TakeTheirs => "resolve the merge conflict with theirs",
            SortNext => "sort by the next column",
            SortReverse => "reverse the order",
            Back => "cancel; else back to the library view",
            Related => "related incidents (Enter adds one)",
        }
    }
}
