//! `newslint server` with a real client: a headless Neovim opens an article
//! with non-ASCII text and a tab before a finding, gets the diagnostics at
//! the right place, applies a code action and writes the file (the script
//! is tests/neovim/lsp.lua). Skipped, with a note, where `nvim` is not
//! installed; `.ci/run` installs it.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Whether `nvim` runs here.
fn neovim_installed() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn neovim_shows_the_finding_applies_a_fix_and_writes_the_file() {
    if !neovim_installed() {
        eprintln!(
            "note: the Neovim test is skipped: nvim is not installed (apt-get install neovim)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A name that needs percent-encoding in its URI.
    let article = dir.path().join("café story.md");
    let line = "«𝕏» café —\tit is a testament to the town.";
    std::fs::write(&article, format!("# Café owners\n\n{line}\n")).unwrap();
    let out = dir.path().join("facts.txt");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/neovim/lsp.lua");
    let mut nvim = Command::new("nvim")
        .args(["--headless", "-n", "-u", "NONE", "-i", "NONE", "-c"])
        .arg(format!("luafile {script}"))
        .env("NEWSLINT_BIN", env!("CARGO_BIN_EXE_newslint"))
        .env("NEWSLINT_NVIM_ARTICLE", &article)
        .env("NEWSLINT_NVIM_OUT", &out)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = nvim.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(180) {
            nvim.kill().unwrap();
            panic!("nvim did not finish in 180 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let facts = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(status.success(), "nvim failed:\n{facts}");
    let facts: Vec<&str> = facts.lines().collect();

    // Neovim keeps byte columns: wherever the encoding it negotiated, the
    // finding must land on the bytes of "a testament to" in the line.
    let start = line.find("a testament to").unwrap();
    let end = start + "a testament to".len();
    assert!(
        facts.contains(&format!("diagnostic ai-phrasing 2 {start} 2 {end}").as_str()),
        "{facts:#?}"
    );
    assert!(
        facts.contains(&"action Replace “a testament to” with “evidence of” (unsafe)"),
        "{facts:#?}"
    );
    assert_eq!(facts.last(), Some(&"done"), "{facts:#?}");
    // The fix was applied in the buffer and written to disk.
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "# Café owners\n\n«𝕏» café —\tit is evidence of the town.\n"
    );
}
