//! Where in the input a rule is being checked, kept on the stack until something fails.

use core::fmt;

use smallvec::SmallVec;

/// A position in the value under validation, linked to its parent on the stack.
///
/// Validation walks the value with one `Location` per level. Nothing is allocated while every
/// rule passes; only a failure turns the chain into an owned [`Path`].
///
/// ```
/// use secure::validate::Location;
///
/// let root = Location::root();
/// let tags = root.field("tags");
/// let third = tags.index(2);
/// assert_eq!(third.to_path().to_string(), "tags[2]");
/// ```
#[derive(Clone, Copy)]
pub struct Location<'a> {
    parent: Option<&'a Location<'a>>,
    step: Step<'a>,
    sensitive: bool,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'static str),
    Index(usize),
    Key(&'a dyn fmt::Display),
}

impl<'a> Location<'a> {
    /// The value itself.
    pub const fn root() -> Location<'static> {
        Location {
            parent: None,
            step: Step::Root,
            sensitive: false,
        }
    }

    /// A named field, in the name the client uses.
    pub fn field(&'a self, name: &'static str) -> Location<'a> {
        self.child(Step::Field(name))
    }

    /// An element of a sequence.
    pub fn index(&'a self, index: usize) -> Location<'a> {
        self.child(Step::Index(index))
    }

    /// The value stored under `key` in a map.
    ///
    /// Map keys are the one piece of input a path shows: escaped, cut after 64 characters,
    /// and not shown at all below a [sensitive](Location::sensitive) location.
    pub fn key(&'a self, key: &'a dyn fmt::Display) -> Location<'a> {
        self.child(Step::Key(key))
    }

    /// The same position, marked as holding sensitive data.
    ///
    /// Failures reported at or below it drop the parameters of custom rules and hide map keys,
    /// so nothing that could be derived from the value reaches the report. Built-in rules
    /// report only their own bounds and constants, which are safe to show.
    pub fn sensitive(&'a self) -> Location<'a> {
        Location {
            parent: self.parent,
            step: self.step,
            sensitive: true,
        }
    }

    /// Whether this position holds sensitive data.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// The owned path from the root to this position.
    pub fn to_path(&self) -> Path {
        let mut steps = SmallVec::new();
        self.collect(&mut steps);
        Path { segments: steps }
    }

    fn child(&'a self, step: Step<'a>) -> Location<'a> {
        Location {
            parent: Some(self),
            step,
            sensitive: self.sensitive,
        }
    }

    fn collect(&self, out: &mut SmallVec<[Segment; 4]>) {
        if let Some(parent) = self.parent {
            parent.collect(out);
        }
        match self.step {
            Step::Root => {}
            Step::Field(name) => out.push(Segment::Field(name)),
            Step::Index(index) => out.push(Segment::Index(index)),
            Step::Key(_) if self.sensitive => out.push(Segment::HiddenKey),
            Step::Key(key) => out.push(Segment::Key(shown_key(key))),
        }
    }
}

/// The longest key a path shows; longer keys end in `…`, so that a report stays small
/// whatever a client sends.
const KEY_LIMIT: usize = 64;

fn shown_key(key: &dyn fmt::Display) -> Box<str> {
    let mut shown = key.to_string();
    if let Some((cut, _)) = shown.char_indices().nth(KEY_LIMIT) {
        shown.truncate(cut);
        shown.push('…');
    }
    shown.into_boxed_str()
}

impl fmt::Debug for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Location")
            .field(&self.to_path().to_string())
            .finish()
    }
}

/// The path of a failure, in the names the client sent: `address.zip`, `tags[2]`,
/// `items[0].sku`, `labels["color"]`.
///
/// Field names honour `#[serde(rename)]` and `#[serde(rename_all)]`. The empty path means the
/// value as a whole.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Path {
    segments: SmallVec<[Segment; 4]>,
}

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Segment {
    /// A named field.
    Field(&'static str),
    /// An element of a sequence.
    Index(usize),
    /// The value under a map key.
    Key(Box<str>),
    /// The value under a map key that is not shown because the map is sensitive.
    HiddenKey,
}

impl Path {
    /// The steps from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Whether this is the path of the value as a whole.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Field(name) if position == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) => write!(f, "[\"{}\"]", key.escape_debug())?,
                Segment::HiddenKey => f.write_str("[..]")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({self})")
    }
}

impl PartialEq<str> for Path {
    fn eq(&self, other: &str) -> bool {
        // Compares without allocating for the common case of field and index steps.
        struct Matcher<'a>(&'a str);
        impl fmt::Write for Matcher<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                match self.0.strip_prefix(s) {
                    Some(rest) => {
                        self.0 = rest;
                        Ok(())
                    }
                    None => Err(fmt::Error),
                }
            }
        }
        let mut matcher = Matcher(other);
        fmt::write(&mut matcher, format_args!("{self}")).is_ok() && matcher.0.is_empty()
    }
}

impl PartialEq<&str> for Path {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}
