//! The live session as editor state: whether this editor owns the
//! session (orders edits, holds lock and journal) or takes part in it,
//! who else is in it and where they are. `update::collab` drives it;
//! panes and the header read it (markers, the list of people).

use std::collections::HashMap;
use std::time::Instant;

use crate::collab::net::{Client, Peers, Server};
use crate::collab::{Hub, Peer, Place, Replica, Who};

/// This editor's part in the session.
#[derive(Debug)]
pub enum Role {
    /// Owns it: the sequencer, the socket and each participant's queue.
    Owner {
        /// Orders the edits.
        hub: Hub,
        /// The listening socket.
        server: Server,
        /// The participants' queues.
        peers: Peers,
    },
    /// Takes part: the copy's state and the connection.
    Participant {
        /// Own edits not yet ordered.
        replica: Replica,
        /// The connection to the owner.
        client: Client,
    },
    /// The owner is gone: taking over or joining the new owner when
    /// `retry` comes (the replica keeps what was acknowledged).
    Orphan {
        /// The copy's state.
        replica: Replica,
        /// When to try next.
        retry: Instant,
        /// Tries left.
        tries: u32,
    },
}

/// A live session.
#[derive(Debug)]
pub struct Collab {
    /// Owner or participant.
    pub role: Role,
    /// This editor's number.
    pub me: Who,
    /// This editor's login name.
    pub user: String,
    /// Everyone in the session, this editor included.
    pub people: Vec<Peer>,
    /// Where the others are.
    pub places: HashMap<Who, Place>,
    /// The last place this editor announced.
    pub announced: Option<Place>,
    /// The participant whose screen this one mirrors, until a key.
    pub following: Option<Who>,
}

impl Collab {
    /// Whether this editor owns the session.
    pub fn is_owner(&self) -> bool {
        matches!(self.role, Role::Owner { .. })
    }

    /// Whether others are in the session (or this editor is between
    /// owners): then the event loop looks for their messages often. An
    /// owner alone answers a join within its usual pause.
    pub fn is_busy(&self) -> bool {
        !self.is_owner() || self.others().next().is_some()
    }

    /// The other people in the session.
    pub fn others(&self) -> impl Iterator<Item = &Peer> {
        self.people.iter().filter(move |p| p.who != self.me)
    }

    /// How `peer` is shown in markers: their initials, with a digit when
    /// someone else in the session has the same (`JD1`, `JD2`, by their
    /// numbers, so every screen shows the same).
    pub fn marker(&self, peer: &Peer) -> String {
        let initials = peer.initials();
        let mut same = self.people.iter().filter(|p| p.initials() == initials);
        let rank = same.clone().filter(|p| p.who < peer.who).count();
        if same.nth(1).is_none() {
            initials
        } else {
            format!("{initials}{}", rank + 1)
        }
    }

    /// Markers of the others whose selection is `id` (an item's id, or a
    /// field's name on the Overview and Review).
    pub fn on_item(&self, id: &str) -> Vec<String> {
        self.others()
            .filter(|p| {
                self.places
                    .get(&p.who)
                    .is_some_and(|place| place.item.as_deref() == Some(id))
            })
            .map(|p| self.marker(p))
            .collect()
    }

    /// The header's list: `with AL BO` (the owner marked `*`).
    pub fn header(&self) -> String {
        let names: Vec<String> = self
            .others()
            .map(|p| {
                let star = if p.owner { "*" } else { "" };
                format!("{}{star}", self.marker(p))
            })
            .collect();
        match (names.is_empty(), self.following) {
            (_, Some(who)) => format!(
                "following {}",
                self.people
                    .iter()
                    .find(|p| p.who == who)
                    .map_or("?".into(), |p| p.user.clone())
            ),
            (true, None) => "live: alone".to_string(),
            (false, None) => format!("live with {}", names.join(" ")),
        }
    }

    /// The participant named `name` (login name or marker, any case).
    pub fn find(&self, name: &str) -> Option<&Peer> {
        let name = name.trim();
        self.others().find(|p| {
            p.user.eq_ignore_ascii_case(name) || self.marker(p).eq_ignore_ascii_case(name)
        })
    }
}
