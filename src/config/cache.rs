//! [`Configs`]: finds the `jdlint.toml` that governs each path, loads each file once, and
//! remembers the answer per folder. Shared by `jdlint check` and the language server.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Config, ConfigError, discover};

/// Finds and caches the config that governs each folder.
pub struct Configs {
    extra_jurisdictions: Vec<String>,
    fixed: Option<Arc<Config>>,
    by_file: HashMap<PathBuf, Result<Arc<Config>, ConfigError>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    default: Arc<Config>,
}

impl Configs {
    /// Discovers configs from each path; `extra_jurisdictions` (`--jurisdiction`) are added to
    /// every one.
    pub fn discovering(extra_jurisdictions: &[String]) -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let mut default = Config::default_at(&cwd);
        default.add_jurisdictions(extra_jurisdictions);
        Self {
            extra_jurisdictions: extra_jurisdictions.to_vec(),
            fixed: None,
            by_file: HashMap::new(),
            by_dir: HashMap::new(),
            default: Arc::new(default),
        }
    }

    /// Uses one config for every path (`--config`, or the defaults for `--isolated`).
    pub fn fixed(config: Option<Config>, extra_jurisdictions: &[String]) -> Self {
        let mut configs = Self::discovering(extra_jurisdictions);
        configs.fixed = Some(match config {
            Some(mut config) => {
                config.add_jurisdictions(extra_jurisdictions);
                Arc::new(config)
            }
            None => configs.default.clone(),
        });
        configs
    }

    /// The defaults, for paths no config governs.
    pub fn default_config(&self) -> Arc<Config> {
        self.default.clone()
    }

    /// Forgets every file read, so the next lookups read them again.
    pub fn clear(&mut self) {
        self.by_file.clear();
        self.by_dir.clear();
    }

    /// The config for a file (or a folder being walked). A broken config file is read once and
    /// its error returned for every path under it.
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let is_dir = abs.is_dir();
        self.for_absolute(abs, is_dir)
    }

    /// [`Configs::for_path`] for a path known to be a file, already absolute (as
    /// [`std::path::absolute`] makes it): no need to ask the file system which it is.
    pub fn for_file(&mut self, abs: &Path) -> Result<Arc<Config>, ConfigError> {
        self.for_absolute(abs.to_path_buf(), false)
    }

    fn for_absolute(&mut self, abs: PathBuf, is_dir: bool) -> Result<Arc<Config>, ConfigError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let dir = if is_dir {
            abs
        } else {
            abs.parent()
                .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
        };
        let file = self
            .by_dir
            .entry(dir)
            .or_insert_with_key(|dir| discover(dir))
            .clone();
        let Some(file) = file else {
            return Ok(self.default.clone());
        };
        let extra = &self.extra_jurisdictions;
        self.by_file
            .entry(file)
            .or_insert_with_key(|file| {
                Config::load(file).map(|mut c| {
                    c.add_jurisdictions(extra);
                    Arc::new(c)
                })
            })
            .clone()
    }
}
