//! The `jdlint` binary: parses arguments, runs the command, maps the result to an exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{
    BufferedStandardStream, ColorChoice, StandardStream, WriteColor,
};

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
    // Line by line to a terminal; in blocks to a pipe or a file, where a run over thousands of
    // postings would otherwise make a system call per line.
    let mut out: Box<dyn WriteColor> = if std::io::stdout().is_terminal() {
        Box::new(StandardStream::stdout(choice(true)))
    } else {
        Box::new(BufferedStandardStream::stdout(choice(false)))
    };
    let mut err = StandardStream::stderr(choice(std::io::stderr().is_terminal()));
    let mut stdin = std::io::stdin().lock();
    let result =
        cli::run(args, &mut stdin, &mut out, &mut err).and_then(|code| out.flush().map(|()| code));
    match result {
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
