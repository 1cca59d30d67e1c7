//! A font cut down to some characters, as WOFF2: allsorts keeps the glyphs (TrueType or CFF
//! outlines, so both the `.otf` and the `.ttf` of a release work) with a Unicode `cmap`, and
//! ttf2woff2 compresses it. The last subset of each font is kept in the cache folder, so a
//! build whose pages use the same characters does not make it again.

use super::CharSet;
use allsorts::binary::read::ReadScope;
use allsorts::font::{Font, MatchingPresentation};
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tables::os2::Os2;
use allsorts::tables::{FontTableProvider, NameTable};
use allsorts::tag;
use std::path::Path;

/// What keeps a font from being used.
pub enum Unusable {
    /// It does not read as a font: why.
    Unreadable(String),
    /// A variable font: its subset would keep only the default instance, not this weight.
    Variable,
}

impl From<allsorts::error::ParseError> for Unusable {
    fn from(e: allsorts::error::ParseError) -> Self {
        Unusable::Unreadable(e.to_string())
    }
}

impl From<allsorts::error::ReadWriteError> for Unusable {
    fn from(e: allsorts::error::ReadWriteError) -> Self {
        Unusable::Unreadable(e.to_string())
    }
}

/// What the site needs to know of a font before using it.
pub struct Inspected {
    /// Its family name (typographic family, else family).
    pub family: Option<String>,
    /// Its full and PostScript names: how a copy installed on the reader's device is found.
    pub installed_names: Vec<String>,
    /// Whether it has Hangul (가).
    pub hangul: bool,
    /// Its weight as the font says (OS/2 `usWeightClass`: 400 regular, 700 bold).
    pub weight: Option<u16>,
}

/// What the font is, or why it cannot be used.
pub fn inspect(bytes: &[u8]) -> Result<Inspected, Unusable> {
    let data = ReadScope::new(bytes).read::<FontData<'_>>()?;
    let provider = data.table_provider(0)?;
    if provider.has_table(tag::FVAR) {
        return Err(Unusable::Variable);
    }
    // Checks what subsetting needs: the font parses and maps characters.
    let mut font = Font::new(provider)?;
    let (ga, _) = font.lookup_glyph_index('가', MatchingPresentation::NotRequired, None);
    let name_data = font.font_table_provider.read_table_data(tag::NAME)?;
    let names = ReadScope::new(&name_data).read::<NameTable<'_>>()?;
    let family = names
        .string_for_id(NameTable::TYPOGRAPHIC_FAMILY_NAME)
        .or_else(|| names.string_for_id(NameTable::FONT_FAMILY_NAME));
    let weight = font
        .font_table_provider
        .read_table_data(tag::OS_2)
        .ok()
        .and_then(|data| {
            let os2 = ReadScope::new(&data).read_dep::<Os2>(data.len()).ok()?;
            Some(os2.us_weight_class)
        });
    let installed_names = [NameTable::FULL_FONT_NAME, NameTable::POSTSCRIPT_NAME]
        .into_iter()
        .filter_map(|id| names.string_for_id(id))
        .collect();
    Ok(Inspected {
        family,
        installed_names,
        hangul: ga != 0,
        weight,
    })
}

/// `bytes` subset to `chars` as WOFF2, from `kept` when the last build made it for the same
/// characters (one file a font and site, so the cache folder does not grow with edits).
pub fn kept_or_made(bytes: &[u8], chars: &CharSet, kept: Option<&Path>) -> Result<Vec<u8>, String> {
    let chars_key = chars.key().to_le_bytes();
    if let Some(woff2) = kept
        .and_then(|file| std::fs::read(file).ok())
        .and_then(|saved| saved.strip_prefix(&chars_key).map(<[u8]>::to_vec))
    {
        return Ok(woff2);
    }
    let woff2 = woff2_subset(bytes, chars)?;
    if let Some(file) = kept {
        crate::cache::replace_file(file, |out| {
            out.write_all(&chars_key)?;
            out.write_all(&woff2)
        });
    }
    Ok(woff2)
}

/// `bytes` (OpenType, TrueType, WOFF or WOFF2) with only the glyphs of `chars`, as WOFF2.
pub fn woff2_subset(bytes: &[u8], chars: &CharSet) -> Result<Vec<u8>, String> {
    let data = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    let mut font = Font::new(provider).map_err(|e| e.to_string())?;
    // Glyph 0 (.notdef) comes first, as every font has it.
    let mut glyphs = vec![0u16];
    for c in chars.iter() {
        let (glyph, _) = font.lookup_glyph_index(c, MatchingPresentation::NotRequired, None);
        if glyph != 0 {
            glyphs.push(glyph);
        }
    }
    glyphs.sort_unstable();
    glyphs.dedup();
    // A Unicode cmap always: allsorts would make a Mac Roman one for a Latin-only subset.
    let cut = subset(
        &font.font_table_provider,
        &glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|e| e.to_string())?;
    ttf2woff2::encode(&cut, ttf2woff2::BrotliQuality::default()).map_err(|e| e.to_string())
}
