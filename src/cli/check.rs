//! `jdlint check`: finds the files, picks the config for each, reads, lints and reports them.
//!
//! Errors never stop the run: a file that cannot be read is reported on stderr, the others are
//! linted, and the exit code is 2 at the end (ripgrep's `messages.rs` does the same).

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::term::termcolor::WriteColor;

use super::{CheckArgs, ConfigSource, exit};
use crate::baseline::Baseline;
use crate::config::{Config, ConfigError, Configs};
use crate::diagnostic::Level;
use crate::fix;
use crate::report::statistics::Statistics;
use crate::report::{self, Summary, human};
use crate::source::SourceFile;

/// The configs for a run: one fixed config (`--config`, `--isolated`) or discovery.
pub(super) fn configs(
    source: &ConfigSource,
    extra_jurisdictions: &[String],
) -> Result<Configs, ConfigError> {
    Ok(if source.isolated {
        Configs::fixed(None, extra_jurisdictions)
    } else if let Some(path) = &source.config {
        Configs::fixed(Some(Config::load(path)?), extra_jurisdictions)
    } else {
        Configs::discovering(extra_jurisdictions)
    })
}

/// A posting to lint, with the rules that apply to it.
struct Job {
    name: String,
    config_path: PathBuf,
    source: Source,
    rules: Arc<crate::rules::RuleSet>,
}

enum Source {
    /// Already read (stdin).
    Text(String),
    /// Read by the worker that lints it.
    File(PathBuf),
}

/// What linting one job gave.
enum Outcome<'j> {
    Unreadable(&'j Job, String),
    Linted(&'j Job, String, crate::LintResult, Option<Fixed>),
}

/// A posting with its fixes applied (`--fix`, `--diff`), linted again.
struct Fixed {
    text: String,
    fixes: usize,
    result: crate::LintResult,
}

/// Reads and lints one posting, and works out its fixes when asked: all of it on a worker
/// thread. Writing is left to the caller, which reports in order.
fn lint_job(job: &Job, max_file_size: u64, fix_mode: Option<fix::Mode>) -> Outcome<'_> {
    let text = match &job.source {
        Source::Text(text) => text.clone(),
        Source::File(path) => match read_file(path, max_file_size) {
            Ok(text) => text,
            Err(message) => return Outcome::Unreadable(job, message),
        },
    };
    let result = crate::lint_str(&job.config_path, &text, &job.rules);
    let fixed = fix_mode.map(|mode| {
        let (new_text, fixes) = fix::fix_all(&job.config_path, &text, &job.rules, mode);
        let result = if fixes > 0 {
            crate::lint_str(&job.config_path, &new_text, &job.rules)
        } else {
            result.clone()
        };
        Fixed {
            text: new_text,
            fixes,
            result,
        }
    });
    Outcome::Linted(job, text, result, fixed)
}

/// The next batch of `len` items for one of `threads` workers, as (first, count), moving `next`
/// past it; `None` when none are left. A batch is a share of what is left, at most sixteen, so
/// workers go back to the queue (and the writer gets their results) often, and the last batches
/// shrink to single items: no worker is left with a long batch while the others have finished.
fn take_batch(
    next: &std::sync::atomic::AtomicUsize,
    len: usize,
    threads: usize,
) -> Option<(usize, usize)> {
    use std::sync::atomic::Ordering;
    let mut first = next.load(Ordering::Relaxed);
    loop {
        let left = len.checked_sub(first).filter(|&left| left > 0)?;
        let batch = (left / (threads * 4)).clamp(1, 16);
        match next.compare_exchange_weak(first, first + batch, Ordering::Relaxed, Ordering::Relaxed)
        {
            Ok(_) => return Some((first, batch)),
            Err(now) => first = now,
        }
    }
}

/// Runs `work` on every item on all cores and hands the results to `emit` in item order. A
/// single item runs on the calling thread (the pre-commit and on-save case). Workers take
/// items a few at a time and send each batch's results at once, so that a run over thousands
/// of postings does not wake the writer for each one. Workers stop taking items once `emit`
/// fails.
fn for_each_in_order<'a, T: Sync, R: Send>(
    items: &'a [T],
    work: impl Fn(&'a T) -> R + Sync,
    mut emit: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    // One item never asks how many cores there are: that reads the cgroup files.
    let threads = if items.len() <= 1 {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(items.len())
    };
    if threads <= 1 {
        return items.iter().try_for_each(|item| emit(work(item)));
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<R>)>(threads * 4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let Some((first, batch)) = take_batch(next, items.len(), threads) else {
                        break;
                    };
                    let Some(chunk) = items.get(first..first + batch) else {
                        break;
                    };
                    if tx.send((first, chunk.iter().map(work).collect())).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut wanted = 0;
        let mut result = Ok(());
        for (first, outcomes) in rx {
            if result.is_err() {
                continue;
            }
            pending.insert(first, outcomes);
            while let Some(outcomes) = pending.remove(&wanted) {
                wanted += outcomes.len();
                if let Err(e) = outcomes.into_iter().try_for_each(&mut emit) {
                    stop.store(true, Ordering::Relaxed);
                    result = Err(e);
                    break;
                }
            }
        }
        result
    })
}

enum Target {
    Stdin,
    /// A file: named on the command line, or found by the walk, which gives its absolute path
    /// (and so knew it was a file).
    File {
        path: PathBuf,
        walked: Option<PathBuf>,
    },
}

pub(super) fn report_config_error(err: &mut dyn WriteColor, e: &ConfigError) -> io::Result<()> {
    human::emit_error(
        err,
        &e.path.display().to_string(),
        &e.text,
        e.span.clone(),
        &e.message,
        e.help.as_deref(),
    )
}

fn file_error(err: &mut dyn WriteColor, path: &str, message: &str) -> io::Result<()> {
    writeln!(err, "error: {}: {message}", report::sanitize(path))
}

/// Everything one run accumulates.
struct Run<'a> {
    out: &'a mut dyn WriteColor,
    err: &'a mut dyn WriteColor,
    reporter: Box<dyn report::Reporter + Send>,
    summary: Summary,
    statistics: Option<Statistics>,
    errored: bool,
    failed: bool,
}

impl Run<'_> {
    /// A file that could not be read: stderr, the reporter (SARIF, `JUnit`), and exit 2.
    fn unreadable(&mut self, path: &str, message: &str) -> io::Result<()> {
        file_error(self.err, path, message)?;
        if self.statistics.is_none() {
            self.reporter.file_error(self.out, path, message)?;
        }
        self.summary.unreadable += 1;
        self.errored = true;
        Ok(())
    }
}

pub(super) fn run(
    args: &CheckArgs,
    stdin: &mut dyn Read,
    out: &mut dyn WriteColor,
    err: &mut dyn WriteColor,
) -> io::Result<u8> {
    for id in &args.jurisdictions {
        if crate::jurisdiction::get(id).is_none() {
            let hint = crate::jurisdiction::suggest(id).map_or_else(
                || "run `jdlint jurisdictions` to list them".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            writeln!(
                err,
                "error: unknown jurisdiction `{}` in --jurisdiction; {hint}",
                report::sanitize(id)
            )?;
            return Ok(exit::ERROR);
        }
    }
    let mut configs = match configs(&args.source, &args.jurisdictions) {
        Ok(c) => c,
        Err(e) => {
            report_config_error(err, &e)?;
            return Ok(exit::ERROR);
        }
    };
    let mut baseline = match &args.baseline {
        Some(path) => match Baseline::load(path) {
            Ok(b) => Some(b),
            Err(message) => {
                writeln!(err, "error: {}", report::sanitize(&message))?;
                return Ok(exit::ERROR);
            }
        },
        None => None,
    };
    let mut recording = args.write_baseline.as_deref().map(Baseline::new);
    let fail_level: Level = args.fail_level.into();
    let mut run = Run {
        out,
        err,
        reporter: report::reporter(args.format, report::Options { fail_level }),
        summary: Summary::default(),
        statistics: args.statistics.then(Statistics::default),
        errored: false,
        failed: false,
    };
    let mut reported_configs: Vec<PathBuf> = Vec::new();

    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let cwd = Cwd::new();
    let mut targets = Vec::new();
    for path in &paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
        } else if path.is_dir() {
            walk(
                path,
                &cwd,
                &mut configs,
                &mut targets,
                run.err,
                &mut run.errored,
                &mut reported_configs,
            )?;
        } else if path.exists() || path.is_symlink() {
            targets.push(Target::File {
                path: path.clone(),
                walked: None,
            });
        } else {
            run.unreadable(&path.display().to_string(), "no such file or directory")?;
        }
    }

    // Resolve each target's config and rules here (cached per folder), then read and lint the
    // files in parallel, reporting each file whole and in the order of `targets`.
    let mut jobs = Vec::with_capacity(targets.len());
    for target in targets {
        let (name, config_path, source, walked) = match target {
            Target::Stdin => {
                let name = args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("<stdin>.md"));
                let display = args
                    .stdin_filename
                    .as_ref()
                    .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
                let mut bytes = Vec::new();
                if let Err(e) = stdin.take(args.max_file_size + 1).read_to_end(&mut bytes) {
                    run.unreadable(&display, &format!("cannot read: {e}"))?;
                    continue;
                }
                match decode(bytes, args.max_file_size) {
                    Ok(text) => (display, name, Source::Text(text), None),
                    Err(message) => {
                        run.unreadable(&display, &message)?;
                        continue;
                    }
                }
            }
            Target::File { path, walked } => {
                let display = path.display().to_string();
                if walked.is_none() && args.force_exclude {
                    match configs.for_path(&path) {
                        Ok(config) => {
                            let abs = cwd.absolute(&path);
                            if config.is_excluded(&abs) {
                                continue;
                            }
                        }
                        Err(e) => {
                            report_once(run.err, &e, &mut reported_configs)?;
                            run.errored = true;
                            continue;
                        }
                    }
                }
                (display, path.clone(), Source::File(path), walked)
            }
        };
        // A file the walk found is a file: its folder's config needs no asking the system.
        let (abs, config) = if let Some(abs) = walked {
            let config = configs.for_file(&abs);
            (abs, config)
        } else {
            let abs = cwd.absolute(&config_path);
            let config = configs.for_path(&abs);
            (abs, config)
        };
        let config = match config {
            Ok(c) => c,
            Err(e) => {
                report_once(run.err, &e, &mut reported_configs)?;
                run.errored = true;
                continue;
            }
        };
        let rules = match config.rule_set_for(&abs) {
            Ok(r) => r,
            Err(message) => {
                file_error(run.err, &name, &message)?;
                run.errored = true;
                continue;
            }
        };
        jobs.push(Job {
            name,
            config_path,
            source,
            rules,
        });
    }

    let max_file_size = args.max_file_size;
    let fix_mode = (args.fix || args.diff).then_some(if args.unsafe_fixes {
        fix::Mode::Unsafe
    } else {
        fix::Mode::Safe
    });
    let fixes_stdin = args.fix && jobs.iter().any(|j| matches!(j.source, Source::Text(_)));
    let mut would_fix = (0, 0);
    for_each_in_order(
        &jobs,
        |job| lint_job(job, max_file_size, fix_mode),
        |outcome| {
            let (job, mut text, mut result, fixed) = match outcome {
                Outcome::Unreadable(job, message) => return run.unreadable(&job.name, &message),
                Outcome::Linted(job, text, result, fixed) => (job, text, result, fixed),
            };
            if let Some(fixed) = fixed {
                if args.diff {
                    if fixed.fixes > 0 {
                        write_diff(run.out, &job.name, &text, &fixed.text)?;
                        would_fix = (would_fix.0 + fixed.fixes, would_fix.1 + 1);
                        run.failed = true;
                    }
                    return Ok(());
                }
                match &job.source {
                    // `--fix -`: the fixed buffer goes to stdout, for editors to replace theirs.
                    Source::Text(_) => return write!(run.out, "{}", fixed.text),
                    Source::File(path) if fixed.fixes > 0 => {
                        match write_fixed(path, &text, &fixed.text) {
                            Ok(()) => {
                                run.summary.fixed += fixed.fixes;
                                result = fixed.result;
                                text = fixed.text;
                            }
                            Err(message) => {
                                file_error(run.err, &job.name, &message)?;
                                run.errored = true;
                            }
                        }
                    }
                    Source::File(_) => {}
                }
            }
            if let Some(recording) = &mut recording {
                recording.record(&job.config_path, &text, &result.diagnostics);
            }
            if let Some(baseline) = &mut baseline {
                baseline.filter(&job.config_path, &text, &mut result.diagnostics);
            }
            run.errored |= result.input_error;
            run.failed |= result.diagnostics.iter().any(|d| d.level >= fail_level);
            run.summary.add(&result.diagnostics);
            if let Some(statistics) = &mut run.statistics {
                statistics.add(&result.diagnostics, job.rules.catalog());
                return Ok(());
            }
            let file = SourceFile::new(job.name.clone(), text);
            run.reporter.rules(&job.rules);
            run.reporter.file(run.out, &file, &result.diagnostics)
        },
    )?;
    if args.diff {
        writeln!(
            run.err,
            "{} in {} (run with --fix to apply)",
            match would_fix.0 {
                1 => "1 fix".to_string(),
                n => format!("{n} fixes"),
            },
            match would_fix.1 {
                1 => "1 file".to_string(),
                n => format!("{n} files"),
            }
        )?;
    } else if fixes_stdin {
        // Only the fixed text goes to stdout.
    } else if let Some(statistics) = &run.statistics {
        if args.format == report::Format::Json {
            statistics.write_json(run.out)?;
        } else {
            statistics.write_text(run.out)?;
        }
    } else if !args.quiet
        || matches!(
            args.format,
            report::Format::Sarif | report::Format::Checkstyle | report::Format::Junit
        )
    {
        // The document formats are written whole at the end, findings included.
        run.reporter.finish(run.out, &run.summary)?;
    }
    if let (Some(recording), Some(path)) = (&recording, &args.write_baseline) {
        if let Err(e) = write_atomically(path, recording.to_json().as_bytes()) {
            file_error(
                run.err,
                &path.display().to_string(),
                &format!("cannot write the baseline: {e}"),
            )?;
            return Ok(exit::ERROR);
        }
        if !args.quiet {
            writeln!(
                run.err,
                "wrote {} to {}",
                run.summary.line(),
                report::sanitize(&path.display().to_string())
            )?;
        }
        // Recording a baseline succeeds even with findings: that is its purpose.
        return Ok(if run.errored { exit::ERROR } else { exit::OK });
    }
    Ok(if run.errored {
        exit::ERROR
    } else if run.failed {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// Writes a posting's fixed text, unless the file changed on disk since it was read. Writes go
/// to the file a symlink points at, so the link stays a link.
fn write_fixed(path: &Path, original: &str, fixed: &str) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|e| io_message(&e))?;
    let now = std::fs::read(&target).map_err(|e| io_message(&e))?;
    if now != original.as_bytes() {
        return Err("changed on disk while jdlint was fixing it; not written".into());
    }
    write_atomically(&target, fixed.as_bytes()).map_err(|e| format!("cannot write the fix: {e}"))
}

/// Prints what fixing would change, as a unified diff.
fn write_diff(out: &mut dyn WriteColor, name: &str, old: &str, new: &str) -> io::Result<()> {
    let name = report::sanitize(name).replace('\n', " ");
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    // Line endings are kept in the files; in the diff a CR would only print as noise.
    write!(out, "{}", report::sanitize(&text.replace("\r\n", "\n")))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written file.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "jdlint".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.jdlint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn report_once(
    err: &mut dyn WriteColor,
    e: &ConfigError,
    seen: &mut Vec<PathBuf>,
) -> io::Result<()> {
    if !seen.contains(&e.path) {
        seen.push(e.path.clone());
        report_config_error(err, e)?;
    }
    Ok(())
}

/// Walks a directory: `.gitignore`, `.ignore` and `.jdlintignore` are respected, hidden files
/// skipped, and the files come in a stable (sorted) order.
fn walk(
    root: &Path,
    cwd: &Cwd,
    configs: &mut Configs,
    targets: &mut Vec<Target>,
    err: &mut dyn WriteColor,
    errored: &mut bool,
    reported: &mut Vec<PathBuf>,
) -> io::Result<()> {
    let root_abs = cwd.absolute(root);
    // Whether the last file's folder is excluded, by the config that applied to it: the same
    // for every file of a folder, which the walk lists together.
    let mut last_folder: Option<(PathBuf, Arc<Config>, bool)> = None;
    for entry in walker(root) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                writeln!(err, "error: {}", report::sanitize(&e.to_string()))?;
                *errored = true;
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        let abs = cwd.absolute_under(&root_abs, root, &path);
        let config = match configs.for_file(&abs) {
            Ok(c) => c,
            Err(e) => {
                report_once(err, &e, reported)?;
                *errored = true;
                continue;
            }
        };
        let folder = abs.parent().unwrap_or(&abs);
        let folder_excluded = match &last_folder {
            Some((f, c, excluded)) if f == folder && Arc::ptr_eq(c, &config) => *excluded,
            _ => {
                let excluded = config.excludes_folder_of(&abs);
                last_folder = Some((folder.to_path_buf(), Arc::clone(&config), excluded));
                excluded
            }
        };
        if config.is_included_in(&abs, folder_excluded) {
            targets.push(Target::File {
                path,
                walked: Some(abs),
            });
        }
    }
    Ok(())
}

/// The files and folders under `root` that `.gitignore`, `.ignore` and `.jdlintignore` leave,
/// each folder's in name order, symbolic links not followed: what `check` and `metrics` walk.
pub(super) fn walker(root: &Path) -> ignore::Walk {
    ignore::WalkBuilder::new(root)
        .add_custom_ignore_filename(".jdlintignore")
        .require_git(false)
        .follow_links(false)
        // By name, as the bytes of the whole path: the entries sorted are those of one
        // folder, whose paths differ only in the name. (Sorting by `file_name()` had each
        // comparison find the name again, about 700 instructions a time.)
        .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
        .build()
}

/// The working directory, asked for once: `std::path::absolute` asks the system for it on
/// every call, and a run made four such calls a file.
struct Cwd(Option<PathBuf>);

impl Cwd {
    fn new() -> Self {
        Cwd(std::env::current_dir().ok())
    }

    /// What `std::path::absolute(path)` gives (or `path` itself where that fails): a relative
    /// path is joined to the working directory, then made absolute as it would have been.
    fn absolute(&self, path: &Path) -> PathBuf {
        let joined = match &self.0 {
            Some(cwd) if path.is_relative() => cwd.join(path),
            _ => path.to_path_buf(),
        };
        std::path::absolute(&joined).unwrap_or_else(|_| path.to_path_buf())
    }

    /// [`Cwd::absolute`] for `path`, found by walking `root`, whose absolute path is `root_abs`:
    /// the rest of the path is names read from folders, which making absolute leaves as they
    /// are, so it is only joined on (`std::path::absolute` reads every component anew, about
    /// 4,500 instructions for a path in the benchmark's folders).
    fn absolute_under(&self, root_abs: &Path, root: &Path, path: &Path) -> PathBuf {
        match path.strip_prefix(root) {
            Ok(rest) if !rest.as_os_str().is_empty() => root_abs.join(rest),
            _ => self.absolute(path),
        }
    }
}

pub(super) fn read_file(path: &Path, max: u64) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    if meta.len() > max {
        return Err(format!(
            "file is {} bytes, larger than --max-file-size ({max} bytes); skipped",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    decode(bytes, max)
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').count() - 1
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// Checks that bytes are a text posting: not too large, no NUL bytes, valid UTF-8.
fn decode(bytes: Vec<u8>, max: u64) -> Result<String, String> {
    if bytes.len() as u64 > max {
        return Err(format!(
            "input is larger than --max-file-size ({max} bytes); skipped"
        ));
    }
    // The memchr crate's search reads 32 bytes at a time where the CPU can (the slice's own
    // `contains` reads 8).
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!(
            "looks like a binary file (NUL byte at offset {at}); skipped"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytecount_newlines(&bytes[..at]) + 1;
        format!("not valid UTF-8 (byte offset {at}, line {line}); save the file as UTF-8; skipped")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A walked path made absolute by joining its rest onto its root's absolute path is what
    /// `std::path::absolute` makes of it, whatever the root looks like.
    #[test]
    fn walked_paths_are_made_absolute_as_the_standard_library_does() {
        let cwd = Cwd::new();
        for root in [
            ".", "./", "a", "a/", "./a/./b", "a//b", "../a", "a/../b", "/", "/tmp//x/", "//net",
        ] {
            let root = Path::new(root);
            let root_abs = cwd.absolute(root);
            for rest in ["p.md", "x/y/p.md", ".hidden/p.md"] {
                let path = root.join(rest);
                assert_eq!(
                    cwd.absolute_under(&root_abs, root, &path),
                    cwd.absolute(&path),
                    "{root:?} {rest}"
                );
            }
        }
    }

    #[test]
    fn results_come_in_item_order_whatever_the_batches() {
        // Around batch and thread counts: a partial last batch, more batches than threads.
        for len in [0, 1, 2, 31, 32, 33, 500, 1009] {
            let items: Vec<usize> = (0..len).collect();
            let mut seen = Vec::new();
            for_each_in_order(
                &items,
                |&i| {
                    // Later items finish first, to shuffle the batches' arrival.
                    std::thread::sleep(std::time::Duration::from_micros(((len - i) % 7) as u64));
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(
                seen,
                items.iter().map(|i| i * 2).collect::<Vec<_>>(),
                "{len} items"
            );
        }
    }

    /// Batches cover every item once, in order, are never over sixteen, and shrink to single
    /// items at the end.
    #[test]
    fn batches_cover_the_items_and_shrink_at_the_end() {
        for (len, threads) in [(0, 2), (1, 2), (7, 2), (487, 2), (487, 8), (9740, 2)] {
            let next = std::sync::atomic::AtomicUsize::new(0);
            let mut batches = Vec::new();
            while let Some(batch) = super::take_batch(&next, len, threads) {
                batches.push(batch);
            }
            let mut at = 0;
            for &(first, count) in &batches {
                assert_eq!(first, at, "{len} items, {threads} threads");
                assert!((1..=16).contains(&count), "{count}");
                at += count;
            }
            assert_eq!(at, len);
            if len > 0 {
                assert_eq!(batches.last().map(|b| b.1), Some(1), "{len} items");
            }
            if len >= threads * 4 * 16 {
                assert_eq!(batches[0].1, 16, "{len} items start with full batches");
            }
        }
    }

    #[test]
    fn a_failing_writer_stops_the_run() {
        let items: Vec<usize> = (0..2000).collect();
        let mut seen = 0;
        let result = for_each_in_order(
            &items,
            |&i| i,
            |i| {
                seen += 1;
                if i == 100 {
                    Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(seen, 101, "nothing is written after the error");
    }

    #[test]
    fn fixes_are_not_written_over_a_file_that_changed() {
        let dir = std::env::temp_dir().join(format!("jdlint-write-fixed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.md");
        std::fs::write(&path, "# Salesman\r\n").unwrap();
        let err = write_fixed(&path, "# Salesman (older)\r\n", "# Salesperson\r\n").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Salesman\r\n");
        write_fixed(&path, "# Salesman\r\n", "# Salesperson\r\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Salesperson\r\n");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
