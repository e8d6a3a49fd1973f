//! The detection & response table as document fields: one cell per
//! (phase slot, column). The five standard phases have fixed slots and
//! appear when first written; other phases follow in file order.

use serde::{Deserialize, Serialize};

use crate::model::{Postmortem, RESPONSE_PHASES, ResponsePhase};

/// A column of the detection & response table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseColumn {
    /// What happened in the phase.
    Happened,
    /// What worked.
    Worked,
    /// What did not.
    DidNotWork,
}

impl ResponseColumn {
    /// The three columns, in table order.
    pub const ALL: [ResponseColumn; 3] = [
        ResponseColumn::Happened,
        ResponseColumn::Worked,
        ResponseColumn::DidNotWork,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            ResponseColumn::Happened => "happened",
            ResponseColumn::Worked => "worked",
            ResponseColumn::DidNotWork => "didn't work",
        }
    }

    pub(crate) fn cell(self, phase: &ResponsePhase) -> &String {
        match self {
            ResponseColumn::Happened => &phase.happened,
            ResponseColumn::Worked => &phase.worked,
            ResponseColumn::DidNotWork => &phase.did_not_work,
        }
    }

    pub(crate) fn cell_mut(self, phase: &mut ResponsePhase) -> &mut String {
        match self {
            ResponseColumn::Happened => &mut phase.happened,
            ResponseColumn::Worked => &mut phase.worked,
            ResponseColumn::DidNotWork => &mut phase.did_not_work,
        }
    }
}

/// Number of response-table slots `doc` shows: the five standard phases
/// plus its other phases.
pub fn response_slots(doc: &Postmortem) -> usize {
    RESPONSE_PHASES.len()
        + doc
            .response
            .iter()
            .filter(|p| standard_rank(&p.phase).is_none())
            .count()
}

/// The phase name shown for `slot`.
pub fn response_phase(doc: &Postmortem, slot: u8) -> String {
    let slot = slot as usize;
    match RESPONSE_PHASES.get(slot) {
        Some(name) => name.to_string(),
        None => response_row(doc, slot)
            .map(|i| doc.response[i].phase.clone())
            .unwrap_or_default(),
    }
}

/// The slot of the phase named `phase` in `doc`, if it has one.
pub fn response_slot_of(doc: &Postmortem, phase: &str) -> Option<u8> {
    if let Some(rank) = standard_rank(phase) {
        return u8::try_from(rank).ok();
    }
    let custom = doc
        .response
        .iter()
        .filter(|p| standard_rank(&p.phase).is_none())
        .position(|p| p.phase == phase)?;
    u8::try_from(RESPONSE_PHASES.len() + custom).ok()
}

fn standard_rank(phase: &str) -> Option<usize> {
    RESPONSE_PHASES
        .iter()
        .position(|p| p.eq_ignore_ascii_case(phase.trim()))
}

/// The row of `doc.response` behind `slot`.
pub(super) fn response_row(doc: &Postmortem, slot: usize) -> Option<usize> {
    match RESPONSE_PHASES.get(slot) {
        Some(name) => doc
            .response
            .iter()
            .position(|p| p.phase.trim().eq_ignore_ascii_case(name)),
        None => doc
            .response
            .iter()
            .enumerate()
            .filter(|(_, p)| standard_rank(&p.phase).is_none())
            .nth(slot - RESPONSE_PHASES.len())
            .map(|(i, _)| i),
    }
}

pub(super) fn set_response(doc: &mut Postmortem, slot: usize, column: ResponseColumn, text: &str) {
    let row = match response_row(doc, slot) {
        Some(row) => row,
        None if slot < RESPONSE_PHASES.len() && !text.is_empty() => {
            // A standard phase is written for the first time: it takes its
            // place in the seed's order among the phases already there.
            let at = doc
                .response
                .iter()
                .position(|p| standard_rank(&p.phase).is_some_and(|r| r > slot))
                .unwrap_or(doc.response.len());
            doc.response.insert(
                at,
                ResponsePhase {
                    phase: RESPONSE_PHASES[slot].to_string(),
                    ..ResponsePhase::default()
                },
            );
            at
        }
        None => return,
    };
    let phase = &mut doc.response[row];
    *column.cell_mut(phase) = text.to_string();
    let emptied = ResponseColumn::ALL.iter().all(|c| c.cell(phase).is_empty());
    if emptied && slot < RESPONSE_PHASES.len() {
        doc.response.remove(row);
    }
}
