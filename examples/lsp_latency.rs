//! Times `newslint server` as an editor sees it: how long after an edit of
//! a 5,000-word article its diagnostics arrive, and how long code actions
//! and hovers take.
//!
//! `cargo run --release --example lsp_latency -- target/release/newslint [ROUNDS]`
//!
//! The server runs as its own process over stdio, as editors start it. The
//! article is this file's own writing (Markdown, sections of varied
//! sentences, a few findings in it). Each round changes one word and saves,
//! which lints at once (a change alone waits for the debounce pause first),
//! and times the round trip to the diagnostics; then a code action and a
//! hover on the first finding. Prints medians and the 95th percentile.

use std::io::{BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{json, Value};

const PEOPLE: &[&str] = &[
    "Renata Osei",
    "Tomas Reyes",
    "Priya Lindqvist",
    "Marcus Bell",
    "Dana Whitfield",
    "Ines Varga",
    "Kwame Mensah",
];
const THINGS: &[&str] = &[
    "bus network",
    "school budget",
    "harbour dredging plan",
    "water tariff",
    "library extension",
    "housing grant",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// A Markdown article of at least `words` words.
fn article(words: usize) -> String {
    let mut text =
        String::from("---\ntitle: The council's long week\n---\n\n# The council's long week\n\n");
    let mut count = 0;
    let mut n = 0;
    while count < words {
        if n % 24 == 0 {
            text.push_str(&format!("## Part {}\n\n", n / 24 + 1));
        }
        let person = PEOPLE[n % PEOPLE.len()];
        let thing = THINGS[(n / 3) % THINGS.len()];
        let day = DAYS[(n / 5) % DAYS.len()];
        let sentence = match n % 4 {
            0 => format!(
                "{person} said on {day} that the {thing} would need {} more staff before the winter, according to the council's own figures.",
                n + 3
            ),
            1 => format!(
                "Members asked why the {thing} had been delayed {} times since it was first proposed, and {person} promised an answer by {day}.",
                n % 9 + 2
            ),
            2 => format!(
                "The report on the {thing} runs to {} pages and was published on the council's website on {day}, {person} said.",
                n * 7 + 40
            ),
            _ => format!(
                "Residents who spoke at meeting number {} said the {thing} mattered more to them than any other item, {person} noted.",
                n + 100
            ),
        };
        count += sentence.split_whitespace().count();
        text.push_str(&sentence);
        // A few findings, as a draft has: stock phrasing, an unnamed source.
        if n % 40 == 7 {
            text.push_str(" The plan is a testament to the town's patience.");
            count += 9;
        }
        if n % 55 == 11 {
            text.push_str(" Experts say the costs will keep rising.");
            count += 7;
        }
        text.push_str(if n % 3 == 2 { "\n\n" } else { " " });
        n += 1;
    }
    text.push('\n');
    text
}

/// The server process and its pipes.
struct Server {
    child: std::process::Child,
    input: std::process::ChildStdin,
    output: BufReader<std::process::ChildStdout>,
    next_id: i32,
}

impl Server {
    fn send(&mut self, message: Message) {
        message.write(&mut self.input).expect("the server reads");
        self.input.flush().unwrap();
    }

    fn receive(&mut self) -> Message {
        Message::read(&mut self.output)
            .expect("the server writes")
            .expect("the server is running")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.into(), params).into());
        loop {
            if let Message::Response(r) = self.receive() {
                if r.id == id {
                    return r.response_result.expect("the request succeeds");
                }
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    /// Waits for the next diagnostics; returns them.
    fn diagnostics(&mut self) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.receive() {
                if n.method == "textDocument/publishDiagnostics" {
                    return n.params["diagnostics"].as_array().unwrap().clone();
                }
            }
        }
    }
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    let at = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[at]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let binary = args
        .next()
        .expect("usage: lsp_latency PATH/TO/newslint [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(50, |r| r.parse().expect("ROUNDS is a number"));
    let text = article(5_000);
    let words = text.split_whitespace().count();

    let folder = std::env::temp_dir().join(format!("newslint-lsp-latency-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let uri = format!("file://{}/article.md", folder.display());
    let binary = std::fs::canonicalize(&binary).expect("the newslint binary exists");
    let mut child = Command::new(&binary)
        .arg("server")
        .current_dir(&folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("newslint server starts");
    let mut server = Server {
        input: child.stdin.take().unwrap(),
        output: BufReader::new(child.stdout.take().unwrap()),
        child,
        next_id: 0,
    };
    server.request("initialize", json!({"capabilities": {}}));
    server.notify("initialized", json!({}));

    let started = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let found = server.diagnostics();
    let cold = started.elapsed();

    let mut edits = Vec::with_capacity(rounds);
    for round in 0..rounds {
        // One word changes, as a keystroke would change it.
        let edited = text.replacen("long week", &format!("long week {round}"), 1);
        let started = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": round + 2}, "contentChanges": [{"text": edited}]}),
        );
        server.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri}}),
        );
        let again = server.diagnostics();
        edits.push(started.elapsed());
        assert_eq!(again.len(), found.len());
    }

    let first = &found[0]["range"];
    let mut actions = Vec::with_capacity(rounds);
    let mut hovers = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        server.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": first, "context": {"diagnostics": []}}),
        );
        actions.push(started.elapsed());
        let started = Instant::now();
        server.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": first["start"]}),
        );
        hovers.push(started.elapsed());
    }
    server.request("shutdown", Value::Null);
    server.notify("exit", Value::Null);
    server.child.wait().unwrap();
    std::fs::remove_dir_all(&folder).unwrap();

    println!(
        "article: {words} words, {} KB, {} findings",
        text.len() / 1024,
        found.len()
    );
    println!("open (rules loaded, first lint): {}", ms(cold));
    println!(
        "edit -> diagnostics, {rounds} rounds: median {}, p95 {}",
        ms(percentile(&mut edits, 0.5)),
        ms(percentile(&mut edits, 0.95))
    );
    println!(
        "code action: median {}, p95 {}",
        ms(percentile(&mut actions, 0.5)),
        ms(percentile(&mut actions, 0.95))
    );
    println!(
        "hover: median {}, p95 {}",
        ms(percentile(&mut hovers, 0.5)),
        ms(percentile(&mut hovers, 0.95))
    );
}
