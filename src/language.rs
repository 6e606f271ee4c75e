//! Facts of the English language the readers rely on: the most frequent
//! words of news prose, abbreviations that do not end a sentence, summary
//! labels, the words that attribute a quotation, and a list of English
//! words that tells a word cut short from a real one. The lists are data
//! (`rules/language/english.yaml`, `rules/language/words.txt`), turned into
//! constants by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/english.rs"));

use std::sync::LazyLock;

/// English words in small letters a-z, sorted (`rules/language/words.txt`).
static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!(concat!(env!("OUT_DIR"), "/words.txt"))
        .lines()
        .collect()
});

/// Whether `word` (small letters) is not a word of the list but begins
/// one: what a word cut short looks like ("cen" of "century").
pub fn is_cut_word(word: &str) -> bool {
    match WORDS.binary_search(&word) {
        Ok(_) => false,
        Err(at) => WORDS.get(at).is_some_and(|next| next.starts_with(word)),
    }
}

/// Whether `word` (small letters) is a word of the list.
pub fn is_word(word: &str) -> bool {
    WORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_words_cut_short() {
        assert!(WORDS.binary_search(&"century").is_ok() && !is_cut_word("online"));
        assert!(is_cut_word("cen") && is_cut_word("accordi"));
        assert!(!is_cut_word("century") && !is_cut_word("xqzv"));
        assert!(is_word("september") && is_cut_word("septem") && !is_word("septem"));
    }
}
