//! Helpers shared by the integration tests that run the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The jdlint binary, ready for arguments.
pub(crate) fn jdlint() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin!("jdlint"))
}

/// A fresh scratch folder under the target directory for one test.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder can be made");
    dir
}

/// Runs `cmd`, checks its exit code, and returns its stdout and stderr.
pub(crate) fn run(cmd: &mut Command, code: i32) -> (String, String) {
    let out = cmd.assert().code(code).get_output().clone();
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

pub(crate) fn stdout_of(cmd: &mut Command, code: i32) -> String {
    run(cmd, code).0
}

pub(crate) fn stderr_of(cmd: &mut Command, code: i32) -> String {
    run(cmd, code).1
}
