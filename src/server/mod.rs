//! `jdlint server`: a language server over stdio, built on `lsp-server`'s message types and
//! `lsp-types`.
//!
//! It lints Markdown and plain-text documents on open, change (full or incremental sync) and
//! save, with the `jdlint.toml` that governs each file; offers each rule's fix and a
//! `jdlint-disable-next-line` comment as code actions; shows a rule's docs on hover; and shows
//! a broken config as a diagnostic on the config file. The loop is single-threaded: a relint
//! takes well under a millisecond for a typical posting, so there is nothing to debounce.
//!
//! It never stops on bad input: a malformed message gets a JSON-RPC parse error, a request
//! with bad parameters `InvalidParams`, an unknown request `MethodNotFound`, and a panic while
//! handling a message (a bug) an `InternalError`; then it reads the next message.

pub mod position;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover,
    HoverContents, HoverParams, InitializeParams, Location, MarkupContent, MarkupKind,
    NumberOrString, PositionEncodingKind, PublishDiagnosticsParams, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::{Value, json};

use self::position::{Encoding, LineIndex};
use crate::config::{Config, ConfigError, Configs};
use crate::diagnostic::{Diagnostic, Level};
use crate::document::{Document, Format};
use crate::rules::Catalog;

/// An open document.
struct OpenDoc {
    /// The file it stands for, when the URI is a `file:` URI.
    path: Option<PathBuf>,
    /// A path whose extension picks Markdown or plain text.
    lint_path: PathBuf,
    text: String,
    version: Option<i32>,
    /// The findings last published, for code actions and hovers.
    findings: Vec<Diagnostic>,
    /// The catalog the findings' rules came from (team rules included), for their docs.
    catalog: Arc<Catalog>,
}

/// The server's state.
pub struct Server<W: Write> {
    out: W,
    encoding: Encoding,
    initialized: bool,
    shutdown: bool,
    docs: HashMap<Uri, OpenDoc>,
    configs: Configs,
    /// Config files whose error is shown, so it can be cleared once fixed.
    config_errors: HashSet<PathBuf>,
    watch_configs: bool,
    next_id: i32,
}

/// Runs the server until `exit`; returns the process exit code (0 after `shutdown`).
pub fn run(input: &mut dyn BufRead, output: impl Write) -> io::Result<u8> {
    let mut server = Server::new(output);
    loop {
        let message = match Message::read(&mut &mut *input) {
            Ok(Some(message)) => message,
            Ok(None) => return Ok(1),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(1),
            Err(e) => {
                server.parse_error(&e.to_string())?;
                continue;
            }
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            server.handle(message.clone())
        }));
        match outcome {
            Ok(Ok(Some(code))) => return Ok(code),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => return Err(e),
            Err(_) => {
                if let Message::Request(req) = message {
                    server.send(Message::Response(Response::new_err(
                        req.id,
                        ErrorCode::InternalError as i32,
                        "jdlint hit an internal error handling this request".into(),
                    )))?;
                }
            }
        }
    }
}

/// The file a `file:` URI names.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            decoded.push(b);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    Some(PathBuf::from(String::from_utf8(decoded).ok()?))
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let (uri, relative) = crate::report::sarif::path_uri(&path.to_string_lossy());
    if relative {
        return None;
    }
    uri.parse().ok()
}

fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warn => DiagnosticSeverity::WARNING,
        Level::Info | Level::Off => DiagnosticSeverity::INFORMATION,
    }
}

impl<W: Write> Server<W> {
    /// A server that writes to `out`.
    pub fn new(out: W) -> Self {
        Self {
            out,
            encoding: Encoding::Utf16,
            initialized: false,
            shutdown: false,
            docs: HashMap::new(),
            configs: Configs::discovering(&[]),
            config_errors: HashSet::new(),
            watch_configs: false,
            next_id: 0,
        }
    }

    #[allow(clippy::needless_pass_by_value)] // Messages are built to be sent and dropped.
    fn send(&mut self, message: Message) -> io::Result<()> {
        message.write(&mut self.out)?;
        self.out.flush()
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) -> io::Result<()> {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )))
    }

    /// Answers a message that could not be read as JSON-RPC.
    fn parse_error(&mut self, detail: &str) -> io::Result<()> {
        let body = json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": { "code": ErrorCode::ParseError as i32, "message": format!("cannot parse the message: {detail}") },
        })
        .to_string();
        write!(self.out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.out.flush()
    }

    /// Handles one message; returns the exit code when the client asked to exit.
    pub fn handle(&mut self, message: Message) -> io::Result<Option<u8>> {
        match message {
            Message::Request(req) => {
                let id = req.id.clone();
                let response = self.request(req);
                let response = match response {
                    Ok(value) => Response::new_ok(id, value),
                    Err((code, message)) => Response::new_err(id, code as i32, message),
                };
                self.send(Message::Response(response))?;
            }
            Message::Notification(not) => return self.notification(not),
            // Answers to our own requests (registerCapability) need nothing.
            Message::Response(_) => {}
        }
        Ok(None)
    }

    fn request(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        use lsp_types::request::{CodeActionRequest, HoverRequest, Initialize, Shutdown};
        fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(req.params)
                .map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
        }
        if req.method == Initialize::METHOD {
            if self.initialized {
                return Err((ErrorCode::InvalidRequest, "already initialized".into()));
            }
            let raw = req.params.clone();
            let p: InitializeParams = params(req)?;
            return Ok(self.initialize(&p, &raw));
        }
        if !self.initialized {
            return Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized".into(),
            ));
        }
        match req.method.as_str() {
            Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            CodeActionRequest::METHOD => {
                let p: CodeActionParams = params(req)?;
                Ok(serde_json::to_value(self.code_actions(&p)).unwrap_or(Value::Null))
            }
            HoverRequest::METHOD => {
                let p: HoverParams = params(req)?;
                Ok(self
                    .hover(&p)
                    .and_then(|h| serde_json::to_value(h).ok())
                    .unwrap_or(Value::Null))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("jdlint does not handle `{other}`"),
            )),
        }
    }

    fn initialize(&mut self, p: &InitializeParams, raw: &Value) -> Value {
        let offered = p
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        self.encoding = if offered.is_some_and(|list| list.contains(&PositionEncodingKind::UTF8)) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.watch_configs = raw
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.initialized = true;
        // Compile the built-in rules' patterns while the editor opens its first posting.
        std::thread::spawn(|| crate::rules::Catalog::builtin().prepare());
        let encoding = match self.encoding {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        };
        json!({
            "capabilities": {
                "positionEncoding": encoding,
                "textDocumentSync": {
                    "openClose": true,
                    "change": 2,
                    "save": { "includeText": false },
                },
                "codeActionProvider": { "codeActionKinds": ["quickfix"] },
                "hoverProvider": true,
            },
            "serverInfo": { "name": "jdlint", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    fn notification(&mut self, not: Notification) -> io::Result<Option<u8>> {
        use lsp_types::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
            DidOpenTextDocument, DidSaveTextDocument, Exit, Initialized,
        };
        if not.method == Exit::METHOD {
            return Ok(Some(u8::from(!self.shutdown)));
        }
        if !self.initialized {
            return Ok(None);
        }
        let params = not.params;
        match not.method.as_str() {
            Initialized::METHOD if self.watch_configs => self.register_config_watcher()?,
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) {
                    let doc = p.text_document;
                    if let Some(lint_path) = lint_path(&doc.uri, &doc.language_id) {
                        self.docs.insert(
                            doc.uri.clone(),
                            OpenDoc {
                                path: uri_to_path(&doc.uri),
                                lint_path,
                                text: doc.text,
                                version: Some(doc.version),
                                findings: Vec::new(),
                                catalog: Arc::new(Catalog::builtin().clone()),
                            },
                        );
                        self.lint(&doc.uri)?;
                    }
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                    let uri = p.text_document.uri;
                    let encoding = self.encoding;
                    if let Some(doc) = self.docs.get_mut(&uri) {
                        for change in p.content_changes {
                            match change.range {
                                None => doc.text = change.text,
                                Some(range) => {
                                    let index = LineIndex::new(&doc.text);
                                    let start = index.offset(&doc.text, range.start, encoding);
                                    let end =
                                        index.offset(&doc.text, range.end, encoding).max(start);
                                    doc.text.replace_range(start..end, &change.text);
                                }
                            }
                        }
                        doc.version = Some(p.text_document.version);
                        self.lint(&uri)?;
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(params) {
                    let uri = p.text_document.uri;
                    if uri_to_path(&uri).is_some_and(|path| is_config(&path)) {
                        self.reload_configs()?;
                    } else if self.docs.contains_key(&uri) {
                        self.lint(&uri)?;
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params)
                    && self.docs.remove(&p.text_document.uri).is_some()
                {
                    self.publish(p.text_document.uri, Vec::new(), None)?;
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let changed = params
                    .pointer("/changes")
                    .and_then(Value::as_array)
                    .is_some_and(|changes| {
                        changes.iter().any(|c| {
                            c.pointer("/uri")
                                .and_then(Value::as_str)
                                .is_some_and(|u| u.ends_with("jdlint.toml"))
                        })
                    });
                if changed {
                    self.reload_configs()?;
                }
            }
            _ => {}
        }
        Ok(None)
    }

    fn register_config_watcher(&mut self) -> io::Result<()> {
        self.next_id += 1;
        let id = RequestId::from(format!("jdlint-{}", self.next_id));
        self.send(Message::Request(Request::new(
            id,
            "client/registerCapability".into(),
            json!({
                "registrations": [{
                    "id": "jdlint-config",
                    "method": "workspace/didChangeWatchedFiles",
                    "registerOptions": { "watchers": [{ "globPattern": "**/jdlint.toml" }] },
                }]
            }),
        )))
    }

    /// Forgets every loaded config and lints the open documents again.
    fn reload_configs(&mut self) -> io::Result<()> {
        self.configs.clear();
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        let shown: Vec<PathBuf> = self.config_errors.drain().collect();
        for uri in uris {
            self.lint(&uri)?;
        }
        // Errors that are gone are cleared.
        for path in shown {
            if !self.config_errors.contains(&path)
                && let Some(uri) = path_to_uri(&path)
            {
                self.publish(uri, Vec::new(), None)?;
            }
        }
        Ok(())
    }

    /// The config that governs `path`, or the defaults; a broken config is shown on its file.
    fn config_for(&mut self, path: Option<&Path>) -> io::Result<Arc<Config>> {
        let Some(path) = path else {
            return Ok(self.configs.default_config());
        };
        match self.configs.for_path(path) {
            Ok(config) => Ok(config),
            Err(e) => {
                if self.config_errors.insert(e.path.clone()) {
                    self.publish_config_error(&e.path.clone(), &e)?;
                }
                Ok(self.configs.default_config())
            }
        }
    }

    fn publish_config_error(&mut self, file: &Path, e: &ConfigError) -> io::Result<()> {
        let Some(uri) = path_to_uri(&e.path).or_else(|| path_to_uri(file)) else {
            return Ok(());
        };
        let span = e.span.clone().unwrap_or(0..0);
        let index = LineIndex::new(&e.text);
        let mut message = e.message.clone();
        if let Some(help) = &e.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let diagnostic = lsp_types::Diagnostic {
            range: index.range(&e.text, &span, self.encoding),
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String("invalid-config".into())),
            source: Some("jdlint".into()),
            message: format!("{message}\nfiles under this config are linted with the defaults"),
            ..Default::default()
        };
        self.publish(uri, vec![diagnostic], None)
    }

    /// Lints an open document and publishes its diagnostics.
    fn lint(&mut self, uri: &Uri) -> io::Result<()> {
        let path = self.docs.get(uri).and_then(|d| d.path.clone());
        let config = self.config_for(path.as_deref())?;
        let Some(doc) = self.docs.get_mut(uri) else {
            return Ok(());
        };
        let abs = path.clone().unwrap_or_else(|| doc.lint_path.clone());
        doc.findings = if path.is_some() && config.is_excluded(&abs) {
            Vec::new()
        } else {
            match config.rule_set_for(&abs) {
                Ok(rules) => crate::lint_str(&doc.lint_path, &doc.text, &rules).diagnostics,
                Err(_) => Vec::new(),
            }
        };
        doc.catalog = config.shared_catalog();
        let index = LineIndex::new(&doc.text);
        let encoding = self.encoding;
        let diagnostics = doc
            .findings
            .iter()
            .map(|d| to_lsp(uri, &doc.text, &index, d, encoding, &doc.catalog))
            .collect();
        let version = doc.version;
        self.publish(uri.clone(), diagnostics, version)
    }

    fn publish(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> io::Result<()> {
        self.notify(
            lsp_types::notification::PublishDiagnostics::METHOD,
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        )
    }

    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        let index = LineIndex::new(&doc.text);
        let start = index.offset(&doc.text, p.range.start, self.encoding);
        let end = index.offset(&doc.text, p.range.end, self.encoding);
        let parsed = Document::parse(&doc.text, Format::from_path(&doc.lint_path));
        let body_start = parsed.front_matter().map_or(0, |fm| fm.span.end);
        let markdown = parsed.format() == Format::Markdown;
        let mut actions = Vec::new();
        for d in &doc.findings {
            let touches = d.span.start <= end && start <= d.span.end;
            if !touches {
                continue;
            }
            let lsp = to_lsp(uri, &doc.text, &index, d, self.encoding, &doc.catalog);
            if let Some(fix) = &d.fix
                && fix.applicability != crate::diagnostic::Applicability::DisplayOnly
            {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: index.range(&doc.text, &e.span, self.encoding),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                let title = match fix.edits.first() {
                    Some(e) if !e.replacement.is_empty() => {
                        format!("Replace with `{}` ({})", e.replacement, d.rule)
                    }
                    _ => format!("Fix: {} ({})", d.message, d.rule),
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp.clone()]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    is_preferred: Some(fix.applicability == crate::diagnostic::Applicability::Safe),
                    ..Default::default()
                }));
            }
            if !markdown || crate::suppression::is_engine_rule(&d.rule) {
                continue;
            }
            // Findings about the whole posting are silenced by an open disable after the front
            // matter; others by a comment on the line before them, never inside front matter.
            let (at, comment) = if d.document_level {
                let at = body_start;
                let lead = if at > 0 && !doc.text[..at].ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                (
                    at,
                    format!("{lead}<!-- jdlint-disable {} -- reason -->\n", d.rule),
                )
            } else if d.span.start < body_start {
                continue;
            } else {
                let line_start = doc.text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
                let indent: String = doc.text[line_start..]
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                (
                    line_start,
                    format!(
                        "{indent}<!-- jdlint-disable-next-line {} -- reason -->\n",
                        d.rule
                    ),
                )
            };
            let range = index.range(&doc.text, &(at..at), self.encoding);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Silence `{}` here with a comment", d.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(
                        uri.clone(),
                        vec![TextEdit {
                            range,
                            new_text: comment,
                        }],
                    )])),
                    ..Default::default()
                }),
                ..Default::default()
            }));
        }
        actions
    }

    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let at = &p.text_document_position_params;
        let doc = self.docs.get(&at.text_document.uri)?;
        let index = LineIndex::new(&doc.text);
        let offset = index.offset(&doc.text, at.position, self.encoding);
        let mut seen = Vec::new();
        let mut sections = Vec::new();
        for d in &doc.findings {
            let inside = d.span.contains(&offset) || (d.span.is_empty() && d.span.start == offset);
            if !inside || seen.contains(&d.rule) {
                continue;
            }
            seen.push(d.rule.clone());
            sections.push(rule_markdown(&doc.catalog, &d.rule, d));
        }
        if sections.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }
}

/// Rule docs for a hover.
fn rule_markdown(catalog: &Catalog, id: &str, d: &Diagnostic) -> String {
    let Some(meta) = catalog.get(id) else {
        return format!("**{id}**: {}", d.message);
    };
    let mut text = format!("**{}**", meta.id);
    if let Some(code) = &meta.code {
        let _ = write!(text, " ({code})");
    }
    let _ = write!(
        text,
        ": {}\n\n{}\n\n**Fix:** {}",
        meta.doc().summary,
        meta.doc().why,
        meta.doc().fix
    );
    if !meta.doc().sources.is_empty() {
        text.push_str("\n\n**Sources:**\n");
        for source in &meta.doc().sources {
            let _ = writeln!(text, "- {source}");
        }
    }
    text
}

fn to_lsp(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    encoding: Encoding,
    catalog: &Catalog,
) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let code_description = catalog
        .get(&d.rule)
        .and_then(|m| m.doc().url.as_deref())
        .and_then(|url| url.parse().ok())
        .map(|href| lsp_types::CodeDescription { href });
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), index.range(text, &l.span, encoding)),
            message: l.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: index.range(text, &d.span, encoding),
        severity: Some(severity(d.level)),
        code: Some(NumberOrString::String(d.rule.clone())),
        code_description,
        source: Some("jdlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "jdlint.toml")
}

/// The path that picks the format, for documents jdlint lints: Markdown and plain text.
fn lint_path(uri: &Uri, language: &str) -> Option<PathBuf> {
    let path = uri_to_path(uri);
    let by_language = match language {
        "markdown" | "mdx" => Some("untitled.md"),
        "plaintext" | "text" => Some("untitled.txt"),
        _ => None,
    };
    match (&path, by_language) {
        (Some(p), _) if Format::from_path(p) == Format::Markdown => Some(p.clone()),
        (Some(p), Some(_)) if p.extension().is_some_and(|e| e == "txt") => Some(p.clone()),
        (Some(p), Some(name)) => Some(p.with_file_name(name)),
        (None, Some(name)) => Some(PathBuf::from(name)),
        (Some(p), None) if p.extension().is_some_and(|e| e == "txt") => Some(p.clone()),
        _ => None,
    }
}
