//! Facts of the English language the readers rely on: the most frequent
//! words of news prose, abbreviations that do not end a sentence, summary
//! labels, the words that attribute a quotation. The lists are data
//! (`rules/language/english.yaml`), turned into constants by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/english.rs"));
