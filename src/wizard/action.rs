//! Everything a user can ask the wizard to do. Keys map to these only through the keymap
//! table; `update` is the only place that carries them out.

/// A user intent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move to the next field (or row, or item).
    NextField,
    /// Move to the previous field.
    PrevField,
    /// Caret down a line in a multi-line field; from its last line (or in a one-line
    /// field) the next field.
    CaretDown,
    /// Caret up a line; from the first line the previous field.
    CaretUp,
    /// Go to the next step, never blocked by an invalid field.
    NextStep,
    /// Go to the previous step.
    PrevStep,
    /// Confirm a field; open a list, a row or a choice; activate an item.
    Confirm,
    /// Leave the current editor or dialog without losing what was typed.
    Cancel,
    /// Toggle a yes/no field or a checklist item.
    Toggle,
    /// Next option of a choice.
    ChoiceNext,
    /// Previous option of a choice.
    ChoicePrev,
    /// Add a row to the open list.
    AddRow,
    /// Add a row from the module catalogue.
    AddFromCatalog,
    /// Delete the selected row.
    DeleteRow,
    /// Move the selected row up.
    MoveRowUp,
    /// Move the selected row down.
    MoveRowDown,
    /// Accept the selected finding with a reason, or withdraw the acceptance.
    Waive,
    /// Next tab of the review step.
    NextTab,
    /// Scroll the preview or the review up.
    ScrollUp,
    /// Scroll the preview or the review down.
    ScrollDown,
    /// A page down or up in the text being read (the contract, the help).
    PageDown,
    PageUp,
    /// Save the draft now.
    Save,
    /// Save the draft under another name (when its folder fails).
    SaveAs,
    /// Jump to any field by part of its label (Ctrl-K).
    Jump,
    /// Undo the last change (Ctrl-Z), redo the last undone one (Ctrl-Y).
    Undo,
    Redo,
    /// Show or hide the live preview.
    TogglePreview,
    /// Export the contract to Markdown beside the draft.
    Export,
    /// Show the help.
    Help,
    /// Quit; asks first when something is unsaved.
    Quit,
    /// Answer yes in a confirmation dialog.
    Yes,
    /// Answer no in a confirmation dialog.
    No,
    /// A key for the focused text editor.
    Edit(crossterm::event::KeyEvent),
    /// Text pasted (bracketed paste) or committed by an input method.
    Paste(String),
    /// An Enter that came in a burst of keys (a paste in a terminal without bracketed
    /// paste): a line break of the pasted text, not "go to the next field".
    PastedBreak,
    /// A key that does nothing where the user is: the status line says so.
    Unbound(crossterm::event::KeyEvent),
}

/// Whether the wizard may write the draft it opened.
#[derive(Debug)]
pub enum Access {
    /// The lock is ours.
    Ours,
    /// Another wizard (this process id, when known) holds it.
    HeldBy(Option<u32>),
    /// The lock could not be taken, and why: read-only.
    Refused(String),
}

/// What the edge reports back after carrying out an effect (saving, taking a lock, reading
/// a file); `update::report` turns it into state, as `update` does for actions.
#[derive(Debug)]
pub enum Report {
    /// A save of the draft as it was at `edits` reached the disk.
    Saved { edits: u64, announce: bool, backup_failed: Option<String> },
    /// A save failed (full disk, read-only or deleted folder, ...): the draft is in memory.
    SaveFailed { error: String },
    /// Another wizard took the draft over (its process id, when known).
    Lost(Option<u32>),
    /// Another program changed the file since this wizard read or wrote it.
    ChangedOnDisk,
    /// The file as another program left it, loaded on the user's request.
    Reloaded(Result<crate::draft::Draft, String>),
    /// Taking the draft over from another wizard worked, or why not.
    TookOver(Result<(), String>),
    /// Save-as: the new name is ours (and the draft goes there next), or why not.
    Retargeted(Result<std::path::PathBuf, String>),
    /// The recovery file's draft, or why it could not be read.
    Recovered(Result<crate::draft::Draft, String>),
    /// An export was written (the line saying what and where), or why not.
    Exported(Result<String, String>),
    /// A draft was opened (by `new`, `open`, the start screen or recovery): how.
    Opened {
        /// The recovery file the draft was restored from, when its own file was gone.
        restored_from: Option<std::path::PathBuf>,
        access: Access,
        /// A recovery file to offer (only when the draft is ours to write).
        recovery: Option<crate::draft::recovery::Found>,
    },
    /// The edits up to `edits` went to the saver.
    Queued { edits: u64 },
    /// Leave once the last save is done.
    Leave,
    /// The start screen's choice opened: the wizard on that draft replaces the start screen.
    Entered(Box<super::app::App>),
    /// The start screen's choice could not be opened, and why.
    NotOpened(String),
    /// A frame was drawn: how much of each scrolling pane it showed.
    Drawn(super::app::Viewport),
    /// The contract rendered for the preview at the draft's `edits`, or why it could not be.
    Previewed { edits: u64, document: Result<crate::document::Document, String> },
    /// A comparison: the 变更对照表 (Markdown) and the line saying where it was written, or
    /// why there is none.
    Compared(Result<(String, String), String>),
}
