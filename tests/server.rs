//! The language server, driven over stdio as an editor drives it: initialize, open a posting,
//! change it (full and incremental sync), ask for code actions and a hover, and shut down.

// The client takes JSON values by value, as `json!` builds them at each call.
#![allow(clippy::needless_pass_by_value)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start(cwd: &std::path::Path) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("jdlint"))
            .arg("server")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        Self {
            child,
            stdin,
            stdout,
            next_id: 0,
        }
    }

    fn write_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, message: &Value) {
        self.write_raw(&message.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response, skipping notifications and server requests.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.read();
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
        }
    }

    fn read(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            let n = self.stdout.read_line(&mut line).expect("read header");
            assert!(n > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = Some(value.parse::<usize>().expect("numeric length"));
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        self.stdout.read_exact(&mut body).expect("read body");
        serde_json::from_slice(&body).expect("the body is JSON")
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.read();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"]
                    .as_array()
                    .expect("diagnostics are an array")
                    .clone();
            }
        }
    }

    fn shutdown(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.child
            .wait()
            .expect("the server exits")
            .code()
            .unwrap_or(-1)
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn initialize(client: &mut Client, encodings: &[&str]) -> Value {
    let response = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "capabilities": { "general": { "positionEncodings": encodings } },
        }),
    );
    client.notify("initialized", json!({}));
    response
}

const POSTING: &str = "# Senior Support Engineer\n\nYou will help our clinic customers get the most from the booking system, by phone and e-mail.\n\n## How to apply\n\nSend your CV to jobs@example.com.\n";

#[test]
fn lints_as_you_type_and_offers_actions() {
    let dir = scratch("server-session");
    let path = dir.join("posting.md");
    std::fs::write(&path, POSTING).unwrap();
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(&dir);
    let init = initialize(&mut client, &["utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": POSTING}}),
    );
    let diagnostics = client.diagnostics(&uri);
    let salary = diagnostics
        .iter()
        .find(|d| d["code"] == "missing-salary-range")
        .expect("a missing salary range is reported");
    assert_eq!(salary["severity"], 2);
    assert_eq!(salary["source"], "jdlint");
    assert_eq!(salary["range"]["start"], json!({"line": 0, "character": 2}));

    // Incremental change: add a salary line after the summary (line 3 is blank).
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
                "text": "\nSalary: $70,000–$85,000 per year. Our rockstar developers say hi.\n",
            }],
        }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert!(
        !diagnostics
            .iter()
            .any(|d| d["code"] == "missing-salary-range"),
        "{diagnostics:?}"
    );
    let hero = diagnostics
        .iter()
        .find(|d| d["code"] == "hero-job-title")
        .expect("the new hero title is reported");
    assert_eq!(hero["range"]["start"]["line"], 4);

    // Code actions at the hero title: a comment that silences it.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": hero["range"],
            "context": {"diagnostics": [hero]},
        }),
    );
    let actions = actions["result"].as_array().unwrap();
    let silence = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .contains("Silence `hero-job-title`")
        })
        .expect("a silencing action");
    let edit = &silence["edit"]["changes"][&uri][0];
    assert_eq!(edit["range"]["start"], json!({"line": 4, "character": 0}));
    assert_eq!(
        edit["newText"],
        "<!-- jdlint-disable-next-line hero-job-title -- reason -->\n"
    );

    // Hover on the finding shows the rule's docs.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": hero["range"]["start"]}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**hero-job-title** (JD201)"), "{value}");

    // Full sync replaces the text; a gendered title offers its fix.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"text": "# Senior Salesman\n"}],
        }),
    );
    let diagnostics = client.diagnostics(&uri);
    let gendered = diagnostics
        .iter()
        .find(|d| d["code"] == "gendered-job-title")
        .expect("gendered title");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": gendered["range"], "context": {"diagnostics": []}}),
    );
    let fix = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Replace with `Salesperson`")
        })
        .expect("the rule's fix is offered");
    assert_eq!(
        fix["edit"]["changes"][&uri][0]["range"],
        json!({"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 17}})
    );

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        client.diagnostics(&uri).is_empty(),
        "closing clears diagnostics"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn positions_follow_the_negotiated_encoding() {
    let dir = scratch("server-encoding");
    let text = "# Senior Engineer — 日本 🎉 rockstar developer\n";
    // `rockstar` starts after 34 bytes, or 26 UTF-16 code units (the emoji is two).
    for (encoding, character) in [("utf-8", 34), ("utf-16", 26)] {
        let mut client = Client::start(&dir);
        let init = initialize(&mut client, &[encoding]);
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], encoding);
        let uri = format!("file://{}/a.md", dir.display());
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        let diagnostics = client.diagnostics(&uri);
        let hero = diagnostics
            .iter()
            .find(|d| d["code"] == "hero-job-title")
            .unwrap_or_else(|| panic!("{encoding}: {diagnostics:?}"));
        assert_eq!(hero["range"]["start"]["character"], character, "{encoding}");
        assert_eq!(client.shutdown(), 0);
    }
}

#[test]
fn bad_messages_get_errors_and_the_server_goes_on() {
    let dir = scratch("server-hostile");
    let mut client = Client::start(&dir);
    // Before initialize, requests are refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    initialize(&mut client, &[]);
    client.write_raw("{not json");
    let parse_error = client.read();
    assert_eq!(parse_error["error"]["code"], -32700);
    assert_eq!(parse_error["id"], Value::Null);
    let unknown = client.request("workspace/symbol", json!({"query": "x"}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad_params = client.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(bad_params["error"]["code"], -32602);
    // A change to a document that is not open, and a notification nobody knows, are ignored.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nope.md", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    client.notify("$/unknown", json!(null));
    // Changes past the end of the text are clamped.
    let uri = format!("file://{}/a.md", dir.display());
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "# Hi\n"}}),
    );
    client.diagnostics(&uri);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 50, "character": 9}, "end": {"line": 1, "character": 0}}, "text": "Rockstar developer wanted 🎉"}],
        }),
    );
    assert!(!client.diagnostics(&uri).is_empty());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn config_errors_show_on_the_config_and_reload_on_change() {
    let dir = scratch("server-config");
    std::fs::write(
        dir.join("jdlint.toml"),
        "[rules]\nhero-job-title = \"loud\"\n",
    )
    .unwrap();
    let path = dir.join("a.md");
    let text = "# Rockstar Developer\n";
    std::fs::write(&path, text).unwrap();
    let uri = format!("file://{}", path.display());
    let config_uri = format!("file://{}/jdlint.toml", dir.display());
    let mut client = Client::start(&dir);
    initialize(&mut client, &[]);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let config_diagnostics = client.diagnostics(&config_uri);
    assert_eq!(config_diagnostics[0]["range"]["start"]["line"], 1);
    assert!(
        config_diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("loud")
    );
    // The posting is still linted, with the defaults.
    let diagnostics = client.diagnostics(&uri);
    assert!(diagnostics.iter().any(|d| d["code"] == "hero-job-title"));

    std::fs::write(
        dir.join("jdlint.toml"),
        "[rules]\nhero-job-title = \"off\"\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let diagnostics = client.diagnostics(&uri);
    assert!(
        !diagnostics.iter().any(|d| d["code"] == "hero-job-title"),
        "{diagnostics:?}"
    );
    assert!(
        client.diagnostics(&config_uri).is_empty(),
        "the config error is cleared"
    );
    assert_eq!(client.shutdown(), 0);
}
