//! Control characters made visible before they reach a terminal or a log.
//!
//! Article text, rule matches and file names are data from outside: an
//! ESC or BEL in them, written raw, would drive the reader's terminal
//! (colours, titles, cursor moves), a CR would overwrite what came before,
//! and a newline in a file name would split a one-finding-a-line record.
//! Every text renderer passes such text through here; JSON-based formats
//! need nothing, since JSON escapes control characters itself.

use std::borrow::Cow;

/// The visible stand-in for a character that must not be written raw, or
/// `None` for a character that is fine. Tabs are kept; newlines only when
/// `newlines` is true. C0 controls and DEL become their Unicode Control
/// Pictures (`␛`, `␇`, `␊`); C1 controls and the bidirectional overrides
/// and isolates (which reorder what a terminal shows) become U+FFFD.
pub fn stand_in(c: char, newlines: bool) -> Option<char> {
    match c {
        '\t' => None,
        '\n' if newlines => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every character [`stand_in`] names replaced; newlines kept
/// when `newlines` is true.
pub fn visible(text: &str, newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| stand_in(c, newlines).is_some()) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| stand_in(c, newlines).unwrap_or(c))
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_pictures_and_text_is_kept() {
        assert_eq!(visible("plain é\ttext", false), "plain é\ttext");
        assert!(matches!(visible("plain", false), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[31mb\u{7}", false), "a␛[31mb␇");
        assert_eq!(visible("one\ntwo\r", false), "one␊two␍");
        assert_eq!(visible("one\ntwo", true), "one\ntwo");
        assert_eq!(
            visible("x\u{9b}y\u{202e}z\u{7f}", true),
            "x\u{fffd}y\u{fffd}z␡"
        );
    }
}
