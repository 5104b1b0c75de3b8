//! FNV-1a-64: the 8-byte digest the store keeps per event, and the hash of
//! a log prefix a snapshot is anchored to. Not cryptographic: it tells a
//! retry from a different event and a log from another, not an attacker.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// A running FNV-1a-64 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) const fn new() -> Fnv {
        Fnv(OFFSET)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }

    pub(crate) const fn finish(self) -> u64 {
        self.0
    }
}

/// The digest of `bytes` in one call.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h = Fnv::new();
    h.write(bytes);
    h.finish()
}

/// A digest as the store writes it: 16 lowercase hex digits.
pub(crate) fn hex(digest: u64) -> String {
    format!("{digest:016x}")
}

/// Reads [`hex`]'s form back.
pub(crate) fn parse_hex(text: &str) -> Option<u64> {
    (text.len() == 16)
        .then(|| u64::from_str_radix(text, 16).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_published_test_vectors() {
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn hex_round_trips_and_refuses_other_lengths() {
        assert_eq!(parse_hex(&hex(0xab)), Some(0xab));
        assert_eq!(parse_hex("ab"), None);
        assert_eq!(parse_hex("zzzzzzzzzzzzzzzz"), None);
    }
}
