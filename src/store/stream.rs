//! The canonical text written in blocks: what a save puts into its
//! temporary file, never the whole text as one string (58 MB at 200,000
//! events, on top of the model that makes it).
//!
//! `toml` writes a document into one string, and the timeline is nearly
//! all of a large document. So the document is written with a timeline of
//! one sentinel event in its place, and the sentinel's block in that text
//! is replaced by the real events, written a run at a time as a document
//! of their own (`[[timeline]]` blocks only). `toml` writes an array of
//! tables element by element, each starting on a new line with its header
//! and holding nothing of its neighbours, so a run's blocks are those of
//! the whole text. Should the sentinel's block not be found exactly once
//! in the text around it, the whole text is written as one string, as
//! before; the tests compare both ways on every example document.

// The timeline holds its events boxed (`Postmortem::timeline`).
#![allow(clippy::vec_box)]

use std::cell::Cell;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{Impossible, SerializeStruct, Serializer};

use crate::model::{Event, Postmortem, Timestamp};

/// Events written per block (about 80 KB of text): the blocks cost
/// nothing next to the document, and a smaller timeline is written whole.
const RUN: usize = 256;

/// The field the sentinel stands in for.
const TIMELINE: &str = "timeline";

/// Why the text could not be written.
#[derive(Debug)]
pub(super) enum Failure {
    /// `toml` refused the document (a bug, not user input).
    Serialize(String),
    /// The destination refused the bytes.
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        Failure::Io(err)
    }
}

impl From<toml::ser::Error> for Failure {
    fn from(err: toml::ser::Error) -> Self {
        Failure::Serialize(err.to_string())
    }
}

/// Writes the canonical text of `doc` (exactly [`super::to_toml`]'s) to
/// `out` in blocks; returns its length in bytes.
pub(super) fn write_toml(doc: &Postmortem, out: &mut impl Write) -> Result<u64, Failure> {
    if doc.timeline.len() <= RUN {
        return whole(doc, out);
    }
    let sentinel = [Box::new(sentinel())];
    let swapped = Cell::new(0);
    let skeleton = toml::to_string_pretty(&Skeleton {
        doc,
        timeline: &sentinel,
        swapped: &swapped,
    })?;
    let block = format!("\n{}", run(&sentinel)?);
    let mut found = skeleton.match_indices(&block).map(|(at, _)| at);
    let at = match (found.next(), found.next()) {
        (Some(at), None) if swapped.get() == 1 => at,
        _ => return whole(doc, out),
    };
    let (head, tail) = (&skeleton[..at], &skeleton[at + block.len()..]);
    out.write_all(head.as_bytes())?;
    let mut len = (head.len() + tail.len()) as u64;
    for events in doc.timeline.chunks(RUN) {
        let text = run(events)?;
        out.write_all(b"\n")?;
        out.write_all(text.as_bytes())?;
        len += 1 + text.len() as u64;
    }
    out.write_all(tail.as_bytes())?;
    Ok(len)
}

fn whole(doc: &Postmortem, out: &mut impl Write) -> Result<u64, Failure> {
    let text = toml::to_string_pretty(doc)?;
    out.write_all(text.as_bytes())?;
    Ok(text.len() as u64)
}

/// The `[[timeline]]` blocks of `events`, as `toml` writes them alone.
fn run(events: &[Box<Event>]) -> Result<String, Failure> {
    #[derive(Serialize)]
    struct Run<'a> {
        timeline: &'a [Box<Event>],
    }
    Ok(toml::to_string_pretty(&Run { timeline: events })?)
}

fn sentinel() -> Event {
    let at = Timestamp::default();
    Event::new(
        "debrief-sentinel",
        at,
        "the timeline is written here, a run of events at a time",
    )
}

/// The document with `timeline` in place of its own.
struct Skeleton<'a> {
    doc: &'a Postmortem,
    timeline: &'a [Box<Event>],
    /// How many times the timeline field was replaced (once, or the
    /// document is not the struct this expects).
    swapped: &'a Cell<usize>,
}

impl Serialize for Skeleton<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.doc.serialize(Swap {
            inner: serializer,
            timeline: self.timeline,
            swapped: self.swapped,
        })
    }
}

/// A serializer for the document's own struct that hands every field to
/// `inner` but the timeline, for which it hands over `timeline`.
struct Swap<'a, S> {
    inner: S,
    timeline: &'a [Box<Event>],
    swapped: &'a Cell<usize>,
}

/// The fields of the document's struct, the timeline swapped.
struct SwapFields<'a, F> {
    inner: F,
    timeline: &'a [Box<Event>],
    swapped: &'a Cell<usize>,
}

impl<F: SerializeStruct> SerializeStruct for SwapFields<'_, F> {
    type Ok = F::Ok;
    type Error = F::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        if key == TIMELINE {
            self.swapped.set(self.swapped.get() + 1);
            self.inner.serialize_field(key, self.timeline)
        } else {
            self.inner.serialize_field(key, value)
        }
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Self::Error> {
        self.inner.skip_field(key)
    }

    fn end(self) -> Result<Self::Ok, Self::Error> {
        self.inner.end()
    }
}

/// Anything but a struct at the top: not the document this expects.
fn not_a_struct<E: serde::ser::Error>() -> E {
    E::custom("a document is written as a struct")
}

macro_rules! refuse {
    ($($name:ident($($arg:ty),*);)*) => {
        $(fn $name(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
            Err(not_a_struct())
        })*
    };
}

impl<'a, S: Serializer> Serializer for Swap<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = SwapFields<'a, S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    refuse! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(SwapFields {
            inner: self.inner.serialize_struct(name, len)?,
            timeline: self.timeline,
            swapped: self.swapped,
        })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_a_struct())
    }
}

#[cfg(test)]
mod tests;
