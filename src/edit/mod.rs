//! Changing a user's file in place: one value of a card's or `content/_index.md`'s front
//! matter, or a whole new file, written atomically. Everything not meant to change stays byte
//! for byte — comments, key order, quoting, line ends, the BOM — so a person's diff shows only
//! the values `quarter`, `import` and the update screen set.

mod front_matter;
mod write;

pub use front_matter::{Edit, FrontMatter};
pub use write::{write_all_atomic, write_atomic};

/// Why a value could not be changed in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The file has no front matter between `---` lines.
    NoFrontMatter,
    /// The value is written in a form we do not rewrite (a flow mapping spread over lines…).
    Unsupported(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoFrontMatter => write!(f, "no front matter"),
            EditError::Unsupported(key) => write!(f, "`{key}` is written in a form not rewritten"),
        }
    }
}

#[cfg(test)]
mod tests;
