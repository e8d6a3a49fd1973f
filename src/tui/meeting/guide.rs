//! The facilitation guide as data (`assets/meeting/guide.toml`): the
//! built-in agendas, the questions of each topic, the blameless statement
//! and the redirect.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{AgendaStep, Topic};

/// The guide, embedded so the binary needs no files.
const GUIDE: &str = include_str!("../../../assets/meeting/guide.toml");

/// The facilitation guide.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Read aloud at the opening step.
    pub statement: String,
    /// Said when blame comes up.
    pub redirect: String,
    /// The agenda of an incident meeting.
    pub default: String,
    /// The agenda of a project retrospective.
    pub default_project: String,
    /// Built-in agendas by name.
    pub agendas: BTreeMap<String, Vec<AgendaStep>>,
    /// The questions of each topic, by its name.
    pub questions: BTreeMap<String, Vec<String>>,
}

/// The embedded guide (checked by a test; an unreadable one is empty).
pub fn guide() -> &'static Guide {
    static GUIDE_DATA: OnceLock<Guide> = OnceLock::new();
    GUIDE_DATA.get_or_init(|| {
        toml::from_str(GUIDE).unwrap_or_else(|_| Guide {
            statement: String::new(),
            redirect: String::new(),
            default: String::new(),
            default_project: String::new(),
            agendas: BTreeMap::new(),
            questions: BTreeMap::new(),
        })
    })
}

impl Guide {
    /// The questions of a topic.
    pub fn questions(&self, topic: Topic) -> &[String] {
        self.questions
            .get(topic.as_str())
            .map_or(&[], |q| q.as_slice())
    }

    /// A built-in agenda by name.
    pub fn agenda(&self, name: &str) -> Option<&[AgendaStep]> {
        self.agendas.get(name).map(Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_guide_reads_and_names_known_topics() {
        let guide: Guide = toml::from_str(GUIDE).expect("guide parses");
        assert!(guide.statement.contains("blameless"));
        let facilitation = &guide.agendas["facilitation"];
        let minutes: Vec<u32> = facilitation.iter().map(|s| s.minutes).collect();
        assert_eq!(minutes, [2, 10, 15, 10, 5, 5, 3]);
        let sixty: u32 = guide.agendas["sixty"].iter().map(|s| s.minutes).sum();
        assert_eq!(sixty, 60);
        for steps in guide.agendas.values() {
            for step in steps {
                assert!(step.topic().is_some(), "{step:?}");
            }
        }
        for topic in guide.questions.keys() {
            assert!(Topic::parse(topic).is_some(), "{topic}");
        }
        assert!(guide.agendas.contains_key(&guide.default));
        assert!(guide.agendas.contains_key(&guide.default_project));
    }
}
