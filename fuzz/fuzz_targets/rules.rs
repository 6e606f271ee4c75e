//! Any text as a rule file: loaded or refused with an error, never a
//! panic, a hang or unbounded memory (aliases, huge regexes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::RuleSet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = RuleSet::empty().add_str(text, "fuzz.yaml");
});
