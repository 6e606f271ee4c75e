//! Any text as a project configuration: parsed and, when it parses,
//! resolved against the built-in pack, or refused with an error.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newslint::config::{Config, Flags, Resolved};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = Config::parse(text, "newslint.yaml", Path::new("/fuzz")) {
        let _ = Resolved::new(config, Flags::default());
    }
});
