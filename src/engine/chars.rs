//! Small character tables every reader of article text agrees on: what a
//! phrase's `'` and `"` stand for, what may close a sentence after its stop,
//! what a word character is. Kept in one place so that the engine and the
//! checks never disagree about them.

/// Apostrophe-like characters a phrase's `'` stands for.
pub const APOSTROPHES: &str = "'’‘ʼ";

/// Double-quote characters a phrase's `"` stands for.
pub const QUOTES: &str = "\"“”";

/// Characters that may follow a sentence's stop and still belong to it
/// (closing quotes and brackets).
pub const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

/// The high bit of each byte of a word, to tell ASCII words at a glance.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether `c` is a word character in the Unicode sense (`\w` without
/// joiners): letters, digits and `_`.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}
