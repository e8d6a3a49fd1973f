//! Factors, lessons and whys in the order the export prints them.

use crate::model::{Factor, Lesson};

use super::Importer;

impl Importer<'_> {
    /// Factors and lessons in the order the export groups them, so import →
    /// export → import gives back the same order.
    pub(super) fn sort_like_export(&mut self) {
        let mut categories = self.doc.factor_categories();
        for factor in &self.doc.factors {
            if !categories.contains(&factor.category) {
                categories.push(factor.category.clone());
            }
        }
        let numbered =
            |id: &str, prefix: char| id.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok());
        if self.exported_factor_ids {
            // Ids from our own export give back the stored order.
            self.doc.factors.sort_by_key(|f| numbered(&f.id, 'F'));
        } else {
            // Grouped by category the way the export prints them, numbered
            // in that order, so a second import reads the same.
            let rank = |f: &Factor| categories.iter().position(|c| *c == f.category);
            self.doc.factors.sort_by_key(rank);
            for (n, factor) in self.doc.factors.iter_mut().enumerate() {
                factor.id = format!("F{}", n + 1);
            }
        }
        let mut lesson_categories: Vec<String> = Vec::new();
        for lesson in &self.doc.review.lessons {
            let c = lesson.category.trim().to_string();
            if !c.is_empty() && !lesson_categories.contains(&c) {
                lesson_categories.push(c);
            }
        }
        let rank = |l: &Lesson| {
            let c = l.category.trim();
            if c.is_empty() {
                0
            } else {
                1 + lesson_categories.iter().position(|x| x == c).unwrap_or(0)
            }
        };
        self.doc.review.lessons.sort_by_key(rank);
        // Whys: the export walks the tree; ids give back the stored order.
        if self
            .doc
            .whys
            .nodes
            .iter()
            .all(|w| numbered(&w.id, 'W').is_some())
        {
            self.doc.whys.nodes.sort_by_key(|w| numbered(&w.id, 'W'));
        }
    }
}
