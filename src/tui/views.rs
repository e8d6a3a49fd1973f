//! Views derived from the document and the selections, read by panes and
//! by `update`: the visible whys rows, factor groups, the action board, the
//! selected item and what links to it.

use std::cell::RefCell;
use std::rc::Rc;

use super::app::App;
use super::app::{Grouping, Pane};
use crate::model::{ActionStatus, Priority, Timeframe};

/// Items grouped under headings: factor categories, board columns.
pub type Groups = Vec<(String, Vec<usize>)>;

/// A value derived from the document, kept until its key (the revision
/// of the list it reads and what else it depends on) changes: panes and key handling ask for
/// the same grouping several times per key.
#[derive(Debug)]
pub struct Cached<K, V>(RefCell<Option<(K, Rc<V>)>>);

impl<K, V> Default for Cached<K, V> {
    fn default() -> Self {
        Cached(RefCell::new(None))
    }
}

impl<K: PartialEq, V> Cached<K, V> {
    /// The value for `key`, made by `make` when the key changed.
    pub fn get(&self, key: K, make: impl FnOnce() -> V) -> Rc<V> {
        if let Some((k, value)) = self.0.borrow().as_ref()
            && *k == key
        {
            return Rc::clone(value);
        }
        let value = Rc::new(make());
        *self.0.borrow_mut() = Some((key, Rc::clone(&value)));
        value
    }
}

impl<K, V> Cached<K, V> {
    /// The value and its key, taken out (to be patched and put back).
    fn take(&self) -> Option<(K, Rc<V>)> {
        self.0.borrow_mut().take()
    }

    /// Keeps `value` for `key`.
    fn put(&self, key: K, value: Rc<V>) {
        *self.0.borrow_mut() = Some((key, value));
    }
}

/// The groupings derived per revision.
#[derive(Debug, Default)]
pub struct GroupsCache {
    /// The whys in tree order, per revision of the whys.
    walk: Cached<(u64, usize), Vec<(usize, usize)>>,
    factors: Cached<(u64, usize, Grouping), Groups>,
    board: Cached<(u64, usize, Grouping), Groups>,
    /// The relations of each list pane's selection: every pane's detail
    /// strip shows its own, so one slot for all would be refilled four
    /// times a frame.
    relations: [Cached<LinksKey, Relations>; 4],
}

/// Relations of an item in reading order: `("cites", ids)`, ….
pub type Relations = Vec<(&'static str, Vec<String>)>;

/// Links live on factors and actions only: what links to an item changes
/// with those two lists (their revisions), the pane and the item.
type LinksKey = (u64, u64, Pane, String);

impl App {
    /// The visible whys rows: `None` is the problem row, then node indexes
    /// in tree order with their depth, skipping collapsed subtrees.
    pub fn why_rows(&self) -> Rc<Vec<(usize, Option<usize>)>> {
        // Derived once per revision and set of collapsed nodes: several
        // panes and the key handling ask for it on every key.
        let collapsed = {
            use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
            let hasher = BuildHasherDefault::<DefaultHasher>::default();
            self.collapsed
                .iter()
                .fold(self.collapsed.len() as u64, |acc, id| {
                    acc ^ hasher.hash_one(id)
                })
        };
        let key = (
            self.history.lists.whys,
            self.doc.whys.nodes.len(),
            collapsed,
        );
        if let Some((k, rows)) = self.why_rows_cache.borrow().as_ref()
            && *k == key
        {
            return Rc::clone(rows);
        }
        let walk = self.why_walk();
        let mut rows = Vec::with_capacity(walk.len() + 1);
        rows.push((0, None));
        let nodes = &self.doc.whys.nodes;
        let mut skip_below: Option<usize> = None;
        for &(depth, index) in walk.iter() {
            if let Some(d) = skip_below {
                if depth > d {
                    continue;
                }
                skip_below = None;
            }
            rows.push((depth + 1, Some(index)));
            if !self.collapsed.is_empty() && self.collapsed.contains(&nodes[index].id) {
                skip_below = Some(depth);
            }
        }
        let rows = Rc::new(rows);
        *self.why_rows_cache.borrow_mut() = Some((key, Rc::clone(&rows)));
        rows
    }

    /// Every why node in tree order with its depth from 0, collapsed or
    /// not ([`crate::model::Whys::walk_indexed`]), once per revision: the
    /// rows and a deleted subtree are read from it.
    pub fn why_walk(&self) -> Rc<Vec<(usize, usize)>> {
        let key = (self.history.lists.whys, self.doc.whys.nodes.len());
        self.groups_cache
            .walk
            .get(key, || self.doc.whys.walk_indexed())
    }

    /// Follows `edit`, just applied, when the whys were at revision
    /// `whys_before`: their walk is patched rather than walked again when
    /// the edit allows ([`crate::model::Whys::patch_walk`]: a text, a leaf).
    pub fn follow_why_walk(&self, edit: &crate::model::edit::Edit, whys_before: u64) {
        let now = (self.history.lists.whys, self.doc.whys.nodes.len());
        if now.0 == whys_before {
            return;
        }
        let cache = &self.groups_cache.walk;
        let Some(((revision, _), walk)) = cache.take() else {
            return;
        };
        if revision != whys_before {
            return;
        }
        let mut walk = Rc::unwrap_or_clone(walk);
        if self.doc.whys.patch_walk(&mut walk, edit) {
            cache.put(now, Rc::new(walk));
        }
    }

    /// The indexes of the why node `index` and of every node below it, in
    /// tree order (empty when the node is not in the tree).
    pub fn why_subtree(&self, index: usize) -> Vec<usize> {
        let walk = self.why_walk();
        let Some(at) = walk.iter().position(|&(_, i)| i == index) else {
            return Vec::new();
        };
        let depth = walk[at].0;
        std::iter::once(index)
            .chain(
                walk[at + 1..]
                    .iter()
                    .take_while(|&&(d, _)| d > depth)
                    .map(|&(_, i)| i),
            )
            .collect()
    }

    /// The selected why node index, if a node (not the problem) is selected.
    pub fn selected_why(&self) -> Option<usize> {
        self.why_rows().get(self.cursor.whys).and_then(|(_, i)| *i)
    }

    /// Factor indexes in display order (grouped by category), with the
    /// categories: the document's, then any others in use.
    pub fn factor_groups(&self) -> Rc<Groups> {
        // The categories are a field of the document; the members a list.
        let lists = &self.history.lists;
        let key = (
            lists.factors.max(lists.fields),
            self.doc.factors.len(),
            Grouping::Status,
        );
        self.groups_cache
            .factors
            .get(key, || self.make_factor_groups())
    }

    fn make_factor_groups(&self) -> Groups {
        // One pass over the factors; a category named twice in the
        // document's list is one group (a factor shows once).
        let mut groups: Groups = Vec::new();
        for category in self.doc.factor_categories() {
            if !groups.iter().any(|(c, _)| *c == category) {
                groups.push((category, Vec::new()));
            }
        }
        for (i, f) in self.doc.factors.iter().enumerate() {
            match groups.iter_mut().find(|(c, _)| *c == f.category) {
                Some((_, members)) => members.push(i),
                None => groups.push((f.category.clone(), vec![i])),
            }
        }
        groups
    }

    /// Factor indexes in display order.
    pub fn factor_order(&self) -> Vec<usize> {
        self.factor_groups()
            .iter()
            .flat_map(|(_, m)| m.iter().copied())
            .collect()
    }

    /// The action board columns: heading and action indexes.
    pub fn board(&self) -> Rc<Groups> {
        let key = (
            self.history.lists.actions,
            self.doc.actions.len(),
            self.grouping,
        );
        self.groups_cache.board.get(key, || self.make_board())
    }

    fn make_board(&self) -> Groups {
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
    /// what gets highlighted and where `gd` goes. They are the ids of its
    /// relations ([`App::links_of_selection`]) in reading order, each once.
    pub fn linked_ids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, ids) in self.links_of_selection(self.focus) {
            for id in ids {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        out
    }

    fn links_key(&self, pane: Pane, id: &str) -> LinksKey {
        let lists = &self.history.lists;
        (lists.factors, lists.actions, pane, id.to_string())
    }

    /// What the selected item of `pane` links to and what links to it, as
    /// relations in reading order (`cites T3, W2`, `addressed by A1`).
    pub fn links_of_selection(&self, pane: Pane) -> Relations {
        let Some(id) = self.selected_id(pane) else {
            return Vec::new();
        };
        let slot = match pane {
            Pane::Timeline => 0,
            Pane::Whys => 1,
            Pane::Factors => 2,
            Pane::Actions => 3,
            _ => return Vec::new(),
        };
        let key = self.links_key(pane, &id);
        let relations =
            self.groups_cache.relations[slot].get(key, || self.find_relations(pane, id));
        relations.as_ref().clone()
    }

    fn find_relations(&self, pane: Pane, id: String) -> Relations {
        let doc = &self.doc;
        let citing = |pick: &dyn Fn(&crate::model::Factor) -> bool| -> Vec<String> {
            doc.factors
                .iter()
                .filter(|f| pick(f))
                .map(|f| f.id.clone())
                .collect()
        };
        let addressing = |pick: &dyn Fn(&crate::model::ActionItem) -> bool| -> Vec<String> {
            doc.actions
                .iter()
                .filter(|a| pick(a))
                .map(|a| a.id.clone())
                .collect()
        };
        let relations = match pane {
            Pane::Timeline => vec![("cited by", citing(&|f| f.events.contains(&id)))],
            Pane::Whys => vec![
                ("cited by", citing(&|f| f.whys.contains(&id))),
                ("addressed by", addressing(&|a| a.whys.contains(&id))),
            ],
            Pane::Factors => {
                let cites = doc
                    .factor(&id)
                    .map(|f| f.events.iter().chain(&f.whys).cloned().collect())
                    .unwrap_or_default();
                vec![
                    ("cites", cites),
                    ("addressed by", addressing(&|a| a.factors.contains(&id))),
                ]
            }
            Pane::Actions => {
                let addresses = doc
                    .action(&id)
                    .map(|a| a.factors.iter().chain(&a.whys).cloned().collect())
                    .unwrap_or_default();
                vec![("addresses", addresses)]
            }
            _ => Vec::new(),
        };
        relations
            .into_iter()
            .filter(|(_, ids)| !ids.is_empty())
            .collect()
    }

    /// The pane and a short text of the item `id`, for lists of links.
    pub fn item_summary(&self, id: &str) -> Option<(Pane, String)> {
        use crate::model::edit::List;
        let doc = &self.doc;
        let (list, at) = self.ids.get(doc, id)?;
        match list {
            List::Timeline => doc
                .timeline
                .get(at)
                .map(|e| (Pane::Timeline, e.text.clone())),
            List::Whys => doc.whys.nodes.get(at).map(|w| (Pane::Whys, w.text.clone())),
            List::Factors => doc.factors.get(at).map(|f| (Pane::Factors, f.text.clone())),
            List::Actions => doc
                .actions
                .get(at)
                .map(|a| (Pane::Actions, a.title.clone())),
        }
    }
}

#[cfg(test)]
mod tests;
