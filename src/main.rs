//! The `jdlint` binary: parses arguments, runs the command, maps the result to an exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use jdlint::cli::{self, Args};

fn main() -> ExitCode {
    let args = Args::parse();
    let color = cli::color_of(&args);
    let choice = |terminal: bool| {
        if cli::use_color(color, terminal) {
            ColorChoice::Always
        } else {
            ColorChoice::Never
        }
    };
    let mut out = StandardStream::stdout(choice(std::io::stdout().is_terminal()));
    let mut err = StandardStream::stderr(choice(std::io::stderr().is_terminal()));
    let mut stdin = std::io::stdin().lock();
    match cli::run(args, &mut stdin, &mut out, &mut err) {
        Ok(code) => ExitCode::from(code),
        // `jdlint check | head` closes the pipe early; that is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            use std::io::Write;
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(cli::exit::ERROR)
        }
    }
}
