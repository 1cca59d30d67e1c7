//! Where each value of a YAML document is, by its path (`budget.rows.3.unit`), so a check made
//! after parsing points at the value at fault and not at the first line with the same key.

use serde_saphyr::granit_parser::{Event, Parser, StructureStyle};
use std::collections::HashMap;

/// 1-based line and column of every value (and of every key, as `path:key`), by path.
#[derive(Debug, Default)]
pub struct Positions(HashMap<String, (usize, usize)>);

enum Frame {
    Mapping {
        expecting_key: bool,
        key: Option<String>,
    },
    Sequence {
        index: usize,
    },
}

impl Positions {
    /// Positions in `text`, shifted by `line_offset` lines (front matter after its `---`).
    /// A document that does not parse has none: its error was reported already.
    pub fn of(text: &str, line_offset: usize) -> Positions {
        let mut map = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut path: Vec<String> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let at = (span.start.line() + line_offset, span.start.col() + 1);
            // A scalar in a mapping's key position is a key: remember it for its value.
            if let (Some(Frame::Mapping { expecting_key, key }), Event::Scalar(name, ..)) =
                (stack.last_mut(), &event)
            {
                if *expecting_key {
                    let mut key_path = path.clone();
                    key_path.push(name.to_string());
                    map.insert(format!("{}:key", key_path.join(".")), at);
                    *key = Some(name.to_string());
                    *expecting_key = false;
                    continue;
                }
            }
            match event {
                Event::Scalar(..) | Event::Alias(..) => {
                    if let Some(segment) = Self::enter(&mut stack) {
                        path.push(segment);
                        map.insert(path.join("."), at);
                        path.pop();
                    }
                }
                Event::MappingStart(style, ..) | Event::SequenceStart(style, ..) => {
                    if let Some(segment) = Self::enter(&mut stack) {
                        path.push(segment);
                        // A block collection starts on the next line, at its first entry: the
                        // key above it names it better (`position_of` falls back to the key).
                        if style == StructureStyle::Flow {
                            map.insert(path.join("."), at);
                        }
                    } else if !stack.is_empty() {
                        path.push(String::new());
                    }
                    stack.push(match event {
                        Event::MappingStart(..) => Frame::Mapping {
                            expecting_key: true,
                            key: None,
                        },
                        _ => Frame::Sequence { index: 0 },
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    if !stack.is_empty() {
                        path.pop();
                    }
                }
                _ => {}
            }
        }
        Positions(map)
    }

    /// The path segment of the value starting now in the innermost collection, and the
    /// collection moved on to its next entry.
    fn enter(stack: &mut [Frame]) -> Option<String> {
        match stack.last_mut()? {
            Frame::Mapping { expecting_key, key } => {
                *expecting_key = true;
                key.take()
            }
            Frame::Sequence { index } => {
                *index += 1;
                Some((*index - 1).to_string())
            }
        }
    }

    /// Line and column of the value at `path` (`status`, `budget.rows.3.unit`).
    pub fn value(&self, path: &str) -> Option<(usize, usize)> {
        self.0.get(path).copied()
    }

    /// Line and column of the key at the end of `path` (for a value that is missing or empty).
    pub fn key(&self, path: &str) -> Option<(usize, usize)> {
        self.0.get(&format!("{path}:key")).copied()
    }
}
