//! The language server, in process: JSON-RPC messages over an in-memory
//! connection, as an editor would send them.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

/// The client side of a running server.
struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next_id: i32,
    /// Notifications that arrived while waiting for a response.
    pending: Vec<Notification>,
}

const WAIT: Duration = Duration::from_secs(60);

impl Client {
    /// Starts a server and initializes it with `capabilities`, in `root`.
    fn start(root: &Path, capabilities: Value) -> (Client, Value) {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || newslint::server::run(server_side));
        let mut client = Client {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            pending: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({
                "capabilities": capabilities,
                "workspaceFolders": [{"uri": uri(root), "name": "news"}],
            }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.into(), params);
        self.connection.sender.send(request.into()).unwrap();
        loop {
            match self
                .connection
                .receiver
                .recv_timeout(WAIT)
                .expect("a response")
            {
                Message::Response(r) if r.id == id => {
                    return r
                        .response_result
                        .unwrap_or_else(|e| panic!("{method} failed: {e:?}"));
                }
                Message::Notification(n) => self.pending.push(n),
                // Requests from the server (registrations) need no answer here.
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.into(), params);
        self.connection.sender.send(notification.into()).unwrap();
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let matches = |n: &Notification| {
            n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
        };
        if let Some(at) = self.pending.iter().position(matches) {
            let n = self.pending.remove(at);
            return n.params["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            match self
                .connection
                .receiver
                .recv_timeout(WAIT)
                .expect("diagnostics")
            {
                Message::Notification(n) if matches(&n) => {
                    return n.params["diagnostics"].as_array().unwrap().clone();
                }
                Message::Notification(n) => self.pending.push(n),
                _ => {}
            }
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(uri)
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().unwrap();
        assert_eq!(server.join().unwrap(), Ok(()));
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The rule and LSP range of each diagnostic.
fn found(diagnostics: &[Value]) -> Vec<(String, [u64; 4])> {
    diagnostics
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                d["code"].as_str().unwrap().to_string(),
                [
                    r["start"]["line"].as_u64().unwrap(),
                    r["start"]["character"].as_u64().unwrap(),
                    r["end"]["line"].as_u64().unwrap(),
                    r["end"]["character"].as_u64().unwrap(),
                ],
            )
        })
        .collect()
}

/// Applies the edits of a workspace edit for `uri` to `text`, with
/// UTF-16 columns.
fn apply_utf16(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<&Value> = edit["changes"][uri].as_array().unwrap().iter().collect();
    edits.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        ))
    });
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let column = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= column || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut out = text.to_string();
    for e in edits {
        let range = offset(&e["range"]["start"])..offset(&e["range"]["end"]);
        out.replace_range(range, e["newText"].as_str().unwrap());
    }
    out
}

/// "«»", "𝕏" (two UTF-16 units), "é", "—" and a tab before the finding.
const ARTICLE: &str = "# Café owners\n\n«𝕏» café —\tit is a testament to the town.\n";

#[test]
fn diagnostics_actions_and_hover_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, init) = Client::start(dir.path(), json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "newslint");
    let doc = uri(&dir.path().join("story.md"));

    let diagnostics = client.open(&doc, "markdown", ARTICLE);
    // "«𝕏» café —\tit is " is 18 UTF-16 units: « 1, 𝕏 2, » 1, " café " 6, — 1, the tab 1, "it is " 6.
    assert_eq!(
        found(&diagnostics),
        [("ai-phrasing".to_string(), [2, 18, 2, 32])]
    );
    assert_eq!(diagnostics[0]["source"], "newslint");
    assert_eq!(diagnostics[0]["severity"], 3);

    let range = &diagnostics[0]["range"];
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": range, "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace “a testament to” with “evidence of” (unsafe)",
            "Disable ai-phrasing on this line",
            "Disable ai-phrasing in this file"
        ]
    );
    // The fix, applied as an editor applies it, leaves nothing to report.
    let fixed = apply_utf16(ARTICLE, &actions[0]["edit"], &doc);
    assert_eq!(fixed, ARTICLE.replace("a testament to", "evidence of"));
    assert!(client.change(&doc, 2, &fixed).is_empty());
    // So does the line suppression.
    let silenced = apply_utf16(ARTICLE, &actions[1]["edit"], &doc);
    assert!(
        silenced.contains("\n\n<!-- newslint-disable-next-line ai-phrasing -->\n«𝕏»"),
        "{silenced}"
    );
    assert!(client.change(&doc, 3, &silenced).is_empty());

    client.change(&doc, 4, ARTICLE);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 2, "character": 20}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**ai-phrasing** (info): Stock phrasing"),
        "{text}"
    );
    assert!(text.contains("**Why it matters.**"), "{text}");
    assert_eq!(hover["range"]["start"]["character"], 18);
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 2}}),
    );
    assert!(nothing.is_null());
    client.shutdown();
}

#[test]
fn utf8_is_used_when_offered() {
    let dir = tempfile::tempdir().unwrap();
    let capabilities = json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}});
    let (mut client, init) = Client::start(dir.path(), capabilities);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let doc = uri(&dir.path().join("story.md"));
    let diagnostics = client.open(&doc, "markdown", ARTICLE);
    // In bytes: « 2, 𝕏 4, » 2, " caf" 4, é 2, " " 1, — 3, the tab 1, "it is " 6.
    assert_eq!(
        found(&diagnostics),
        [("ai-phrasing".to_string(), [2, 25, 2, 39])]
    );
    client.shutdown();
}

#[test]
fn fix_all_removes_stale_suppressions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    let doc = uri(&dir.path().join("note.txt"));
    let text = "<!-- newslint-disable-next-line template-leak -->\nA plain sentence.\n";
    let diagnostics = client.open(&doc, "plaintext", text);
    assert_eq!(
        found(&diagnostics),
        [("unused-suppression".to_string(), [0, 32, 0, 45])]
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": doc},
            "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]}
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.newslint");
    assert_eq!(
        apply_utf16(text, &actions[0]["edit"], &doc),
        "A plain sentence.\n"
    );
    client.shutdown();
}

#[test]
fn a_bad_configuration_is_a_diagnostic_and_the_server_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    let doc = uri(&dir.path().join("story.md"));
    let config = dir.path().join("newslint.yaml");
    std::fs::write(&config, "severity:\n  ai-phrasing: loud\n").unwrap();
    let diagnostics = client.open(&doc, "markdown", ARTICLE);
    assert_eq!(
        found(&diagnostics),
        [("configuration".to_string(), [0, 0, 0, 0])]
    );
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("invalid configuration: "));

    // Fixed and saved: every open document is linted again under it.
    std::fs::write(&config, "severity:\n  ai-phrasing: warning\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&config)}}),
    );
    let diagnostics = client.diagnostics(&doc);
    assert_eq!(
        found(&diagnostics),
        [("ai-phrasing".to_string(), [2, 18, 2, 32])]
    );
    assert_eq!(
        diagnostics[0]["severity"], 2,
        "re-graded by the configuration"
    );

    // Files newslint does not read get nothing; unknown requests get an error.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&dir.path().join("main.rs")), "languageId": "rust", "version": 1, "text": "fn main() {}"}}),
    );
    client.next_id += 1;
    let id = RequestId::from(client.next_id);
    let request = Request::new(id.clone(), "textDocument/definition".into(), json!({}));
    client.connection.sender.send(request.into()).unwrap();
    loop {
        match client.connection.receiver.recv_timeout(WAIT).unwrap() {
            Message::Response(r) if r.id == id => {
                assert!(r.response_result.is_err());
                break;
            }
            Message::Notification(n) => {
                assert!(!n.params["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with("main.rs")));
            }
            _ => {}
        }
    }
    client.shutdown();
}
