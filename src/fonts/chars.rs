//! The characters the built pages use: what the font subset must cover.

/// A set of characters: a bit per character of the Basic Multilingual Plane (every Hangul
/// syllable is there), the rare others in a list. Printable ASCII is always in it, so a
/// number or Latin word a later edit adds never falls back to another font.
#[derive(Clone, PartialEq, Eq)]
pub struct CharSet {
    bmp: Vec<u64>,
    other: std::collections::BTreeSet<char>,
}

impl Default for CharSet {
    fn default() -> Self {
        let mut set = CharSet {
            bmp: vec![0; 0x10000 / 64],
            other: std::collections::BTreeSet::new(),
        };
        for c in ' '..='~' {
            set.insert(c);
        }
        set
    }
}

impl CharSet {
    pub fn insert(&mut self, c: char) {
        let code = c as usize;
        match self.bmp.get_mut(code / 64) {
            Some(word) => *word |= 1 << (code % 64),
            None => {
                self.other.insert(c);
            }
        }
    }

    /// Adds every character of `text` outside ASCII (ASCII is in already).
    pub fn add_text(&mut self, text: &str) {
        // Pages are mostly markup: skip ASCII bytes fast, decode only the rest.
        let mut rest = text;
        while let Some(start) = rest.bytes().position(|b| !b.is_ascii()) {
            rest = &rest[start..];
            let mut chars = rest.chars();
            for c in chars.by_ref() {
                if c.is_ascii() {
                    break;
                }
                if !c.is_control() {
                    self.insert(c);
                }
            }
            rest = chars.as_str();
        }
    }

    pub fn merge(&mut self, other: &CharSet) {
        for (word, theirs) in self.bmp.iter_mut().zip(&other.bmp) {
            *word |= theirs;
        }
        self.other.extend(other.other.iter().copied());
    }

    pub fn contains(&self, c: char) -> bool {
        let code = c as usize;
        match self.bmp.get(code / 64) {
            Some(word) => word & (1 << (code % 64)) != 0,
            None => self.other.contains(&c),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = char> + '_ {
        let bmp = self.bmp.iter().enumerate().flat_map(|(i, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .filter_map(move |bit| char::from_u32((i * 64 + bit) as u32))
        });
        bmp.chain(self.other.iter().copied())
    }

    /// A key of the set, for the kept subsets.
    pub fn key(&self) -> u128 {
        let mut key = crate::hash::Key128::default();
        for word in &self.bmp {
            key.add(&word.to_le_bytes());
        }
        for c in &self.other {
            key.add(&(*c as u32).to_le_bytes());
        }
        key.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_character_outside_ascii_once() {
        let mut set = CharSet::default();
        set.add_text("<p>공약 16: 일자리 3,000개 — 완료 😀</p>\n<td>공약</td>");
        let others: Vec<char> = set.iter().filter(|c| !c.is_ascii()).collect();
        let mut expected: Vec<char> = "공약일자리개—완료😀".chars().collect();
        expected.sort_unstable();
        assert_eq!(others, expected);
        assert!(set.contains('~') && set.contains(' ') && !set.contains('\n'));
        let mut other = CharSet::default();
        other.add_text("추진");
        set.merge(&other);
        assert!(set.contains('추') && set.contains('진'));
    }
}
