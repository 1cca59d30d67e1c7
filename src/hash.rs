//! 128-bit keys for caches: two differently seeded std hashers fed the same bytes, so two
//! different inputs never share a key in practice. Not for security: the inputs are the
//! site's own files.

use std::hash::Hasher;
use std::io::Write;

pub(crate) struct Key128 {
    a: std::collections::hash_map::DefaultHasher,
    b: std::collections::hash_map::DefaultHasher,
}

impl Default for Key128 {
    fn default() -> Self {
        let a = std::collections::hash_map::DefaultHasher::new();
        let mut b = std::collections::hash_map::DefaultHasher::new();
        b.write_u64(0x9e37_79b9_7f4a_7c15);
        Key128 { a, b }
    }
}

impl Key128 {
    pub fn finish(&self) -> u128 {
        ((self.a.finish() as u128) << 64) | self.b.finish() as u128
    }

    pub fn add(&mut self, bytes: &[u8]) {
        // The length first, so ("ab", "c") and ("a", "bc") differ.
        self.add_u128(bytes.len() as u128);
        self.a.write(bytes);
        self.b.write(bytes);
    }

    pub fn add_u128(&mut self, value: u128) {
        self.a.write_u128(value);
        self.b.write_u128(value);
    }
}

/// Serialisers write into it (`serde_json::to_writer`) without making a string.
impl Write for Key128 {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.a.write(bytes);
        self.b.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
