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

    /// Adds every character of `text` outside ASCII (ASCII is in already), and those written
    /// as character references (`&#44032;`, `&middot;`), which raw HTML passes through.
    pub fn add_text(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            at += plain_ascii(&bytes[at..]);
            let Some(&byte) = bytes.get(at) else { break };
            if byte == b'&' {
                let (decoded, len) = reference(&text[at + 1..]).unwrap_or((None, 0));
                if let Some(c) = decoded {
                    self.insert(c);
                }
                at += 1 + len;
            } else if byte.is_ascii() {
                at += 1;
            } else {
                // `at` is at the start of a character: every byte before it was ASCII or
                // ended a character.
                let c = text[at..].chars().next().unwrap_or(' ');
                if !c.is_control() {
                    self.insert(c);
                }
                at += c.len_utf8();
            }
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

/// How many bytes at the start of `bytes` are ASCII other than `&`, counted eight at a time:
/// pages are mostly markup.
fn plain_ascii(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let ampersands = u64::from(b'&') * ONES;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        // A zero byte of `word ^ ampersands` is an `&` (the classic has-zero-byte test).
        let x = word ^ ampersands;
        let has_ampersand = x.wrapping_sub(ONES) & !x & HIGH != 0;
        if word & HIGH != 0 || has_ampersand {
            break;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|&b| !b.is_ascii() || b == b'&')
        .unwrap_or(bytes.len() - at)
}

/// The character a reference after its `&` stands for (`#44032;`, `#xAC00;`, `middot;`),
/// when it is one and outside ASCII, and how many bytes the reference takes.
fn reference(after: &str) -> Option<(Option<char>, usize)> {
    let end = after.bytes().take(12).position(|b| b == b';')?;
    let body = &after[..end];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        NAMED.iter().find(|(name, _)| *name == body)?.1
    };
    Some(((!c.is_ascii() && !c.is_control()).then_some(c), end + 1))
}

/// The named references a Korean public page is likely to write by hand; others are rare
/// enough in raw HTML to fall back to the system font.
const NAMED: [(&str, char); 28] = [
    ("nbsp", '\u{a0}'),
    ("middot", '·'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("times", '×'),
    ("divide", '÷'),
    ("bull", '•'),
    ("rarr", '→'),
    ("larr", '←'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("sect", '§'),
    ("para", '¶'),
    ("prime", '′'),
];

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
        let mut references = CharSet::default();
        references.add_text("a&amp;b &#44032;&#xAC01;&middot;&nbsp;&unknown; &#9999999; &");
        let others: Vec<char> = references.iter().filter(|c| !c.is_ascii()).collect();
        assert_eq!(others, ['\u{a0}', '·', '가', '각']);
        let mut mixed = CharSet::default();
        mixed.add_text("공약&middot;일자리");
        assert!(mixed.contains('·') && mixed.contains('일'));
        let mut other = CharSet::default();
        other.add_text("추진");
        set.merge(&other);
        assert!(set.contains('추') && set.contains('진'));
    }

    proptest::proptest! {
        /// Whatever the mix of markup, Hangul, emoji and ampersands, the set holds exactly the
        /// characters outside ASCII (and those `&#…;` stands for).
        #[test]
        fn holds_exactly_the_characters_outside_ascii(text in "[a-z<>&#;0-9 가-힣·😀\u{80}-\u{ff}]{0,200}") {
            let mut set = CharSet::default();
            set.add_text(&text);
            let got: Vec<char> = set.iter().filter(|c| !c.is_ascii()).collect();
            let mut expected: Vec<char> = text.chars().filter(|c| !c.is_ascii() && !c.is_control()).collect();
            let mut rest = text.as_str();
            while let Some(at) = rest.find('&') {
                rest = &rest[at + 1..];
                if let Some((Some(c), _)) = reference(rest) {
                    expected.push(c);
                }
            }
            expected.sort_unstable();
            expected.dedup();
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
