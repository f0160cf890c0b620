//! The language server's message loop: arbitrary bytes as a raw stream, as a message body after
//! `initialize`, and as a document's text, never crash it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn framed(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fuzz_target!(|data: &[u8]| {
    // Raw bytes: framing errors and all.
    let _ = jdlint::server::run(&mut &data[..], std::io::sink());

    let init = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
    let text = String::from_utf8_lossy(data);
    let open = serde_json::json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": "file:///f/a.md", "languageId": "markdown", "version": 1, "text": text}},
    })
    .to_string();
    let change = serde_json::json!({
        "jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": {"textDocument": {"uri": "file:///f/a.md", "version": 2},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 3}, "end": {"line": 2, "character": 1}}, "text": "é🎉"}]},
    })
    .to_string();
    let actions = br#"{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///f/a.md"},"range":{"start":{"line":0,"character":0},"end":{"line":99,"character":0}},"context":{"diagnostics":[]}}}"#;
    let mut stream = framed(init);
    stream.extend(framed(data));
    stream.extend(framed(open.as_bytes()));
    stream.extend(framed(change.as_bytes()));
    stream.extend(framed(actions));
    stream.extend(framed(br#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#));
    stream.extend(framed(br#"{"jsonrpc":"2.0","method":"exit"}"#));
    let _ = jdlint::server::run(&mut &stream[..], std::io::sink());
});
