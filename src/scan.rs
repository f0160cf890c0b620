//! Byte scans that read text eight bytes at a time.
//!
//! A check that looks at every word of a posting (the coded-word lists) spends most of its time
//! finding where words are. Reading one byte at a time costs a load, a table look-up and a
//! branch a byte; here a `u64` of eight bytes is classified with a few arithmetic operations
//! ("SIMD within a register"), and the bytes of interest come out as bits. The crate forbids
//! `unsafe`, which SIMD intrinsics need, so this is the portable way to read several bytes at
//! once, and it is the same on every target.

/// The low bit of each byte of a word.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// The high bit of each byte of a word.
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of each byte of `x` that is an ASCII letter (`A`-`Z`, `a`-`z`); every other
/// bit clear. With the high bit of every byte set first, subtracting a constant from a byte
/// never borrows from the next, so each byte's high bit then says whether it was at least the
/// constant.
pub(crate) fn ascii_letters(x: u64) -> u64 {
    let set = x | (0x20 * ONES) | HIGHS;
    let at_least_a = set.wrapping_sub(u64::from(b'a') * ONES);
    let past_z = set.wrapping_sub(u64::from(b'z' + 1) * ONES);
    at_least_a & !past_z & !x & HIGHS
}

/// How many of the bytes of `x` (from the lowest) are ASCII letters before the first that is
/// not: 0 to 8.
pub(crate) fn leading_letters(x: u64) -> usize {
    (!ascii_letters(x) & HIGHS).trailing_zeros() as usize / 8
}

/// `x` with its ASCII letters lowercased and every other byte as it was.
pub(crate) fn lowercase_letters(x: u64) -> u64 {
    x | (ascii_letters(x) >> 2)
}

/// The first eight bytes of `bytes` as one number, little-endian, with zeros past its end.
pub(crate) fn first_eight(bytes: &[u8]) -> u64 {
    word_at(bytes, 0)
}

/// The eight bytes of `bytes` from `at`, little-endian, with zeros past its end.
fn word_at(bytes: &[u8], at: usize) -> u64 {
    if let Some(eight) = bytes.get(at..at + 8) {
        return u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    }
    let mut padded = [0u8; 8];
    let rest = &bytes[at.min(bytes.len())..];
    padded[..rest.len()].copy_from_slice(rest);
    u64::from_le_bytes(padded)
}

/// A hash of `bytes` with their ASCII letters lowercased, read eight bytes at a time: text
/// that differs only in the case of ASCII letters hashes alike. Not for a hash table's own
/// hashing of untrusted keys; equal hashes are to be confirmed by comparing the texts.
pub(crate) fn hash_lowercased(bytes: &[u8]) -> u64 {
    // A rotation and a multiply a word, as in FxHash; the length goes in first, so that
    // trailing zero bytes and the last word's padding differ.
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mix = |h: u64, x: u64| (h.rotate_left(5) ^ lowercase_letters(x)).wrapping_mul(K);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
        );
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix(h, first_eight(rest));
    }
    h
}

/// Where each run of ASCII letters in `bytes` starts: every ASCII letter whose previous byte
/// is not one (a space, punctuation, a digit, a hyphen, or any byte of a character beyond
/// ASCII), in order.
pub(crate) fn ascii_letter_runs(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    // The high bit of each byte that starts a run, in the eight bytes before `at`.
    let mut starts = 0u64;
    // Whether the last byte read was a letter: a run can go on into the next eight.
    let mut carry = 0u64;
    std::iter::from_fn(move || {
        while starts == 0 {
            if at >= bytes.len() {
                return None;
            }
            let letters = ascii_letters(word_at(bytes, at));
            starts = letters & !((letters << 8) | carry);
            carry = letters >> 56;
            at += 8;
        }
        let bit = starts.trailing_zeros() as usize;
        starts &= starts - 1;
        Some(at - 8 + bit / 8)
    })
}

#[cfg(test)]
mod tests {
    use super::{
        ascii_letter_runs, ascii_letters, first_eight, leading_letters, lowercase_letters,
    };

    #[test]
    fn leading_letters_count_to_the_first_other_byte() {
        for (text, n) in [
            ("", 0),
            ("ab", 2),
            ("le la", 2),
            ("Kubernetes", 8),
            ("x1", 1),
            ("-a", 0),
        ] {
            assert_eq!(leading_letters(first_eight(text.as_bytes())), n, "{text:?}");
        }
    }

    #[test]
    fn lowercases_only_letters() {
        for text in [
            "",
            "a",
            "LEAD-On",
            "@[`{Zz9_",
            "\u{c9}t\u{c9}",
            "Self-Confident",
        ] {
            let bytes = text.as_bytes();
            let mut expected = [0u8; 8];
            for (e, b) in expected.iter_mut().zip(bytes) {
                *e = b.to_ascii_lowercase();
            }
            assert_eq!(
                lowercase_letters(first_eight(bytes)).to_le_bytes(),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn letters_are_exactly_the_ascii_letters() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b'-', b, 0xc3, b'Z', b, b'{', b, 0x80]);
            let want = if b.is_ascii_alphabetic() { 0x80 } else { 0 };
            let expected = u64::from_le_bytes([0, want, 0, 0x80, want, 0, want, 0]);
            assert_eq!(ascii_letters(x), expected, "byte {b:#04x}");
        }
    }

    /// The run starts, one byte at a time: the oracle for the scan.
    fn reference(bytes: &[u8]) -> Vec<usize> {
        (0..bytes.len())
            .filter(|&i| {
                bytes[i].is_ascii_alphabetic() && (i == 0 || !bytes[i - 1].is_ascii_alphabetic())
            })
            .collect()
    }

    #[test]
    fn run_starts_agree_with_the_reference() {
        let mut texts = crate::fixture_texts();
        // Runs across the eight-byte boundaries, at both ends, and beside bytes beyond ASCII.
        for n in 0..20 {
            texts.push("a".repeat(n));
            texts.push(format!("{}b", " ".repeat(n)));
            texts.push(format!("{}é{}", "x".repeat(n), "y".repeat(n)));
            texts.push(format!("{}-{}", "1".repeat(n), "lead".repeat(n)));
        }
        for text in &texts {
            let got: Vec<usize> = ascii_letter_runs(text.as_bytes()).collect();
            assert_eq!(got, reference(text.as_bytes()), "{text:?}");
        }
    }
}
