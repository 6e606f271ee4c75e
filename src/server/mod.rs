//! `newslint server`: a language server over stdio, so an editor shows the
//! findings as the article is written, with fixes, suppressions and the
//! rules' explanations a keystroke away.
//!
//! Built on `lsp-server` (rust-analyzer's transport): a synchronous loop over
//! a channel of messages. Among the candidates it fits best: linting an
//! article takes milliseconds and happens on this thread, so the async
//! runtimes `tower-lsp-server` and `async-lsp` would add tokio, futures and
//! their locking for no gain; and a plain loop makes debouncing a
//! `recv_timeout`. `lsp-types` gives the protocol's messages.
//!
//! - Diagnostics on open and save at once, on change after a short pause
//!   ([`DEBOUNCE`]), for the file types `check` reads (by extension, else
//!   the client's language id).
//! - Each file under the configuration `check` would use for it (the
//!   `newslint.yaml` found from its folder upward), read again when it
//!   changes (its modification time is checked at every lint; a saved or
//!   watched `newslint.yaml` also re-lints every open document).
//! - Positions in the encoding the client offers (UTF-8, else UTF-32, else
//!   the default UTF-16), in the `convert` module.
//! - Code actions and hovers, in the `actions` module.
//! - A bad configuration or a failing check shows as a diagnostic at the
//!   top of the document and a log message; the server keeps running.

mod actions;
mod convert;
mod suppressions;
mod workspace;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DiagnosticSeverity, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    HoverParams, HoverProviderCapability, InitializeParams, LogMessageParams, MessageType,
    NumberOrString, PublishDiagnosticsParams, Registration, RegistrationParams, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};

use convert::uri_to_path;
pub use convert::Encoding;
use workspace::{format_of, OpenFile, Workspace};

/// How long the text must rest after a change before it is linted: shorter
/// than a pause between words, longer than one between keystrokes.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Runs the server on standard input and output until the client exits.
pub fn stdio() -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    run(connection)?;
    threads
        .join()
        .map_err(|e| format!("language server I/O: {e}"))
}

/// Runs the server on `connection` (stdio, or an in-memory pair in
/// tests): the handshake, then messages until `shutdown` and `exit`.
pub fn run(connection: Connection) -> Result<(), String> {
    let protocol = |e: lsp_server::ProtocolError| format!("language server protocol: {e}");
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("bad initialize request: {e}"))?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "newslint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    connection.initialize_finish(id, result).map_err(protocol)?;

    let mut server = Server {
        sender: connection.sender.clone(),
        encoding,
        workspace: Workspace::new(root(&params)),
        next_request: 0,
    };
    if watches_files(&params) {
        server.watch_configurations();
    }
    loop {
        let due = server.workspace.files.values().filter_map(|f| f.due).min();
        let message = match due {
            Some(due) => match connection
                .receiver
                .recv_timeout(due.saturating_duration_since(Instant::now()))
            {
                Ok(message) => message,
                Err(e) if e.is_timeout() => {
                    server.lint_due();
                    continue;
                }
                Err(_) => return Ok(()),
            },
            None => match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => return Ok(()),
            },
        };
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(protocol)? {
                    return Ok(());
                }
                server.request(request);
            }
            Message::Notification(notification) => server.notification(notification),
            Message::Response(_) => {}
        }
    }
}

/// The folder documents without one look for a configuration in: the
/// first workspace folder, else the current folder.
fn root(params: &InitializeParams) -> PathBuf {
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|f| uri_to_path(&f.uri))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

/// Whether the client can watch files for the server.
fn watches_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|c| c.dynamic_registration)
        .unwrap_or(false)
}

/// Whether a path is a configuration file's.
fn is_configuration(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::config::FILE_NAMES.contains(&n))
}

/// The running server: where to send, what the client counts in, the state.
struct Server {
    sender: crossbeam_channel::Sender<Message>,
    encoding: Encoding,
    workspace: Workspace,
    next_request: i32,
}

impl Server {
    fn send(&self, message: impl Into<Message>) {
        // The client went away: the loop ends when the channel closes.
        let _ = self.sender.send(message.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn log(&self, kind: MessageType, message: String) {
        self.notify::<LogMessage>(LogMessageParams { typ: kind, message });
    }

    /// Asks the client to tell the server when a configuration file changes.
    fn watch_configurations(&mut self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: crate::config::FILE_NAMES
                .iter()
                .map(|name| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!("**/{name}")),
                    kind: None,
                })
                .collect(),
        };
        let registration = Registration {
            id: "newslint-configuration".into(),
            method: DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.next_request += 1;
        self.send(Request::new(
            RequestId::from(self.next_request),
            RegisterCapability::METHOD.into(),
            RegistrationParams {
                registrations: vec![registration],
            },
        ));
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            CodeActionRequest::METHOD => parse::<CodeActionParams>(request)
                .map(|params| serde_json::to_value(self.code_actions(params))),
            HoverRequest::METHOD => {
                parse::<HoverParams>(request).map(|params| serde_json::to_value(self.hover(params)))
            }
            _ => {
                self.send(Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("newslint does not handle {}", request.method),
                ));
                return;
            }
        };
        match result.and_then(|value| value.map_err(|e| e.to_string())) {
            Ok(value) => self.send(Response::new_ok(id, value)),
            Err(e) => self.send(Response::new_err(
                id,
                lsp_server::ErrorCode::InvalidParams as i32,
                e,
            )),
        }
    }

    fn notification(&mut self, notification: Notification) {
        let problem = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => parse(notification).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => parse(notification).map(|p| self.did_change(p)),
            DidSaveTextDocument::METHOD => parse(notification).map(|p| self.did_save(p)),
            DidCloseTextDocument::METHOD => parse(notification).map(|p| self.did_close(p)),
            DidChangeWatchedFiles::METHOD => parse(notification).map(|p| self.watched(p)),
            _ => Ok(()),
        };
        if let Err(e) = problem {
            self.log(MessageType::ERROR, format!("newslint: {e}"));
        }
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let path = uri_to_path(&document.uri);
        let Some(format) = format_of(path.as_deref(), &document.language_id) else {
            return;
        };
        self.workspace.files.insert(
            document.uri.clone(),
            OpenFile {
                path,
                format,
                version: document.version,
                text: document.text,
                due: None,
                linted: None,
            },
        );
        self.publish(&document.uri);
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let encoding = self.encoding;
        let Some(file) = self.workspace.files.get_mut(&params.text_document.uri) else {
            return;
        };
        for change in params.content_changes {
            match change.range {
                // Whole-text sync is what the server asks for; a client
                // that sends ranges anyway is followed.
                Some(range) => {
                    let source = crate::Source::new("", std::mem::take(&mut file.text));
                    let bytes = encoding.byte_range(&source, range);
                    let mut text = source.text().to_string();
                    text.replace_range(bytes, &change.text);
                    file.text = text;
                }
                None => file.text = change.text,
            }
        }
        file.version = params.text_document.version;
        file.linted = None;
        file.due = Some(Instant::now() + DEBOUNCE);
    }

    fn did_save(&mut self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if uri_to_path(&uri).is_some_and(|p| is_configuration(&p)) {
            return self.configurations_changed();
        }
        if let Some(file) = self.workspace.files.get_mut(&uri) {
            if let Some(text) = params.text {
                file.text = text;
                file.linted = None;
            }
            self.publish(&uri);
        }
    }

    fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.workspace.files.remove(&uri).is_some() {
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(uri, Vec::new(), None));
        }
    }

    fn watched(&mut self, params: DidChangeWatchedFilesParams) {
        let configuration = params
            .changes
            .iter()
            .any(|c| uri_to_path(&c.uri).is_some_and(|p| is_configuration(&p)));
        if configuration {
            self.configurations_changed();
        }
    }

    /// A configuration file changed: every open document is linted again.
    fn configurations_changed(&mut self) {
        self.workspace.forget_configurations();
        let uris: Vec<Uri> = self.workspace.files.keys().cloned().collect();
        for uri in uris {
            if let Some(file) = self.workspace.files.get_mut(&uri) {
                file.linted = None;
            }
            self.publish(&uri);
        }
    }

    /// Lints the documents whose pause after a change is over.
    fn lint_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .workspace
            .files
            .iter()
            .filter(|(_, f)| f.due.is_some_and(|d| d <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.publish(&uri);
        }
    }

    /// Lints a document (if its text changed) and sends its diagnostics.
    fn publish(&mut self, uri: &Uri) {
        let encoding = self.encoding;
        let Some(linted) = self.workspace.lint(uri) else {
            return;
        };
        let mut diagnostics: Vec<_> = linted
            .diagnostics
            .iter()
            .map(|d| encoding.diagnostic(&linted.source, uri, d))
            .collect();
        let problem = linted.problem.clone();
        if let Some(problem) = &problem {
            diagnostics.push(lsp_types::Diagnostic {
                range: lsp_types::Range::default(),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String("configuration".into())),
                source: Some("newslint".into()),
                message: problem.clone(),
                ..lsp_types::Diagnostic::default()
            });
        }
        let version = self.workspace.files.get(uri).map(|f| f.version);
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(
            uri.clone(),
            diagnostics,
            version,
        ));
        if let Some(problem) = problem {
            self.log(
                MessageType::ERROR,
                format!("newslint: {}: {problem}", uri.as_str()),
            );
        }
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let encoding = self.encoding;
        let Some(format) = self.workspace.files.get(&uri).map(|f| f.format) else {
            return Vec::new();
        };
        let Some(linted) = self.workspace.lint(&uri) else {
            return Vec::new();
        };
        let range = encoding.byte_range(&linted.source, params.range);
        actions::code_actions(
            linted,
            &uri,
            format,
            encoding,
            range,
            params.context.only.as_deref(),
        )
    }

    fn hover(&mut self, params: HoverParams) -> Option<lsp_types::Hover> {
        let at = params.text_document_position_params;
        let encoding = self.encoding;
        let linted = self.workspace.lint(&at.text_document.uri)?;
        let offset = encoding.offset(&linted.source, at.position);
        actions::hover(linted, encoding, offset)
    }
}

/// A message's parameters, or why they do not parse.
fn parse<P: serde::de::DeserializeOwned>(message: impl Into<Params>) -> Result<P, String> {
    let Params(method, params) = message.into();
    serde_json::from_value(params).map_err(|e| format!("bad {method} parameters: {e}"))
}

/// The method and parameters of a request or notification.
struct Params(String, serde_json::Value);

impl From<Request> for Params {
    fn from(r: Request) -> Params {
        Params(r.method, r.params)
    }
}

impl From<Notification> for Params {
    fn from(n: Notification) -> Params {
        Params(n.method, n.params)
    }
}
