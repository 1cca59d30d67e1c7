//! A file of the built site in memory: what rendering makes and only `write` (and `serve`, from
//! memory) turns into files. A leaf: it knows nothing of the pipeline.

use std::path::PathBuf;

/// One file of the built site, its path relative to the output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Contents {
    /// Shared, so keeping a rendered site between rebuilds and handing it on is cheap.
    Bytes(std::sync::Arc<Vec<u8>>),
    /// Copied from a source file as it is (images, CSS, fonts), without reading it into memory.
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(std::sync::Arc::new(contents.into())),
        }
    }

    pub fn copy(path: impl Into<String>, source: PathBuf) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Copy(source),
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.contents {
            Contents::Bytes(b) => std::str::from_utf8(b).ok(),
            Contents::Copy(_) => None,
        }
    }
}
