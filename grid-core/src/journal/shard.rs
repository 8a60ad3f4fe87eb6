//! Shards: a deterministic, balanced share of a search's cells for one of several processes,
//! each writing its own journal, so that no two processes ever write one file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Shard `index` of `count`: it runs the cells whose position in (candidate, split) order is
/// `index` modulo `count`, so the shards' sizes differ by one cell at most.
///
/// ```
/// use grid_core::journal::Shard;
/// let shard = Shard::new(1, 3)?;
/// let mine: Vec<usize> = (0..8).filter(|&t| shard.owns(t)).collect();
/// assert_eq!(mine, [1, 4, 7]);
/// assert!(Shard::new(3, 3).is_err());
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// This shard's index, from 0.
    pub index: usize,
    /// The number of shards.
    pub count: usize,
}

impl Default for Shard {
    /// The whole search: shard 0 of 1.
    fn default() -> Self {
        Shard { index: 0, count: 1 }
    }
}

impl Shard {
    /// Shard `index` of `count`; `index` must be below `count`.
    pub fn new(index: usize, count: usize) -> Result<Self> {
        if count == 0 || index >= count {
            return Err(Error::invalid(
                "shard",
                format!("index {index} of {count} shards: the index must be in 0..{count}"),
            ));
        }
        Ok(Shard { index, count })
    }

    /// `true` when the cell at `position` in (candidate, split) order is this shard's.
    pub fn owns(&self, position: usize) -> bool {
        position % self.count == self.index
    }

    /// The journal file of this shard: `path` itself for a single shard, else
    /// `<stem>.shard-<index>-of-<count>.<extension>` beside it.
    ///
    /// ```
    /// use grid_core::journal::Shard;
    /// let path = Shard::new(2, 8)?.journal_path("runs/search.jsonl".as_ref());
    /// assert_eq!(path, std::path::Path::new("runs/search.shard-2-of-8.jsonl"));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn journal_path(&self, path: &Path) -> PathBuf {
        if self.count == 1 {
            return path.to_path_buf();
        }
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let name = match path.extension() {
            Some(ext) => format!("{stem}.shard-{}-of-{}.{}", self.index, self.count, ext.to_string_lossy()),
            None => format!("{stem}.shard-{}-of-{}", self.index, self.count),
        };
        path.with_file_name(name)
    }

    /// The shard of this process from its scheduler's environment: a Slurm job array
    /// (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`, and `SLURM_ARRAY_TASK_MIN` when the
    /// array does not start at 0) or a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`, with
    /// the number of shards from `count`, the Job's `completions`, which Kubernetes does not
    /// export). `None` when neither is set: the process runs the whole search.
    ///
    /// ```
    /// use grid_core::journal::Shard;
    /// let env = |name: &str| match name {
    ///     "SLURM_ARRAY_TASK_ID" => Some("5".to_string()),
    ///     "SLURM_ARRAY_TASK_MIN" => Some("4".to_string()),
    ///     "SLURM_ARRAY_TASK_COUNT" => Some("3".to_string()),
    ///     _ => None,
    /// };
    /// assert_eq!(Shard::from_vars(env, None)?, Some(Shard::new(1, 3)?));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn from_env(count: Option<usize>) -> Result<Option<Shard>> {
        Shard::from_vars(|name| std::env::var(name).ok(), count)
    }

    /// [`from_env`](Self::from_env) with the variables read by `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>, count: Option<usize>) -> Result<Option<Shard>> {
        let number = |name: &str| -> Result<Option<usize>> {
            match var(name) {
                None => Ok(None),
                Some(text) => text.trim().parse().map(Some).map_err(|_| {
                    Error::invalid(
                        "shard",
                        format!("the environment variable {name}={text:?} is not a number"),
                    )
                }),
            }
        };
        if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
            let total = number("SLURM_ARRAY_TASK_COUNT")?.ok_or_else(|| {
                Error::invalid("shard", "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not")
            })?;
            let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let index = id.checked_sub(min).ok_or_else(|| {
                Error::invalid(
                    "shard",
                    format!("SLURM_ARRAY_TASK_ID {id} is below SLURM_ARRAY_TASK_MIN {min}"),
                )
            })?;
            if let Some(count) = count {
                if count != total {
                    return Err(Error::invalid(
                        "shard",
                        format!("{count} shards asked for, but the Slurm array has {total} tasks"),
                    ));
                }
            }
            return Shard::new(index, total).map(Some);
        }
        if let Some(index) = number("JOB_COMPLETION_INDEX")? {
            let count = count.ok_or_else(|| {
                Error::invalid(
                    "shard",
                    "JOB_COMPLETION_INDEX is set: pass the number of shards (the Job's `completions`)",
                )
            })?;
            return Shard::new(index, count).map(Some);
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn shards_are_balanced_and_cover_every_cell_once() {
        for count in 1..7 {
            let mut owners = [0; 23];
            let mut sizes = vec![0; count];
            for (index, size) in sizes.iter_mut().enumerate() {
                let shard = Shard::new(index, count).unwrap();
                for (t, owner) in owners.iter_mut().enumerate() {
                    if shard.owns(t) {
                        *owner += 1;
                        *size += 1;
                    }
                }
            }
            assert!(owners.iter().all(|&o| o == 1));
            assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
        }
    }

    #[test]
    fn slurm_and_kubernetes_variables_give_the_shard() {
        let slurm = vars(&[("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4")]);
        assert_eq!(Shard::from_vars(slurm, None).unwrap(), Some(Shard { index: 2, count: 4 }));
        let k8s = vars(&[("JOB_COMPLETION_INDEX", "3")]);
        assert_eq!(Shard::from_vars(&k8s, Some(5)).unwrap(), Some(Shard { index: 3, count: 5 }));
        assert!(Shard::from_vars(&k8s, None).unwrap_err().to_string().contains("completions"));
        assert!(Shard::from_vars(vars(&[("JOB_COMPLETION_INDEX", "5")]), Some(5)).is_err());
        assert_eq!(Shard::from_vars(vars(&[]), Some(5)).unwrap(), None);
        let bad = vars(&[("SLURM_ARRAY_TASK_ID", "x"), ("SLURM_ARRAY_TASK_COUNT", "4")]);
        assert!(Shard::from_vars(bad, None).unwrap_err().to_string().contains("SLURM_ARRAY_TASK_ID"));
        let mismatch = vars(&[("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")]);
        assert!(Shard::from_vars(mismatch, Some(3)).is_err());
    }
}
