//! `jdlint config PATH`: which config file governs a file, and the rules that apply to it.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{ConfigArgs, exit};

pub(super) fn run(
    args: &ConfigArgs,
    out: &mut dyn WriteColor,
    err: &mut dyn WriteColor,
) -> io::Result<u8> {
    let mut configs = match super::check::configs(&args.source, &[]) {
        Ok(configs) => configs,
        Err(e) => {
            super::check::report_config_error(err, &e)?;
            return Ok(exit::ERROR);
        }
    };
    let config = match configs.for_path(&args.path) {
        Ok(config) => config,
        Err(e) => {
            super::check::report_config_error(err, &e)?;
            return Ok(exit::ERROR);
        }
    };
    match config.path() {
        Some(path) => writeln!(out, "config: {}", path.display())?,
        None => writeln!(out, "config: none (defaults)")?,
    }
    writeln!(out, "preset: {}", config.preset().as_str())?;
    writeln!(out, "include: {}", config.include_patterns().join(", "))?;
    if !config.exclude_patterns().is_empty() {
        writeln!(out, "exclude: {}", config.exclude_patterns().join(", "))?;
    }
    let abs = std::path::absolute(&args.path).unwrap_or_else(|_| args.path.clone());
    let places = config.jurisdictions_for(&abs);
    if !places.is_empty() {
        writeln!(out, "jurisdictions: {}", places.join(", "))?;
    }
    writeln!(out, "rules:")?;
    for (id, level, options) in config.settings_for(&abs) {
        if options.is_empty() {
            writeln!(out, "  {id} = \"{level}\"")?;
        } else {
            let options: Vec<String> = options.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            writeln!(
                out,
                "  {id} = {{ level = \"{level}\", {} }}",
                options.join(", ")
            )?;
        }
    }
    Ok(exit::OK)
}
