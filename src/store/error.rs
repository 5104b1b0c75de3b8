//! The store's one error type, and why a snapshot was passed over.

use std::path::PathBuf;

use crate::jsonl::ReadError;
use crate::{ApplyError, EventId, Lang};

/// What went wrong in a [`Store`](super::Store). Messages name lines, ids
/// and files, never the text of an event (P1-20, P3-18).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Reading or writing one of the store's files failed.
    #[error("store I/O ({op}) on {}: {source}", path.display())]
    Io {
        /// What the store was doing: `open log`, `append`, `fsync`, ...
        op: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The log does not begin with the store's opening `change_policy`
    /// line (id 0): the directory holds a log this store did not write.
    #[error("the log does not begin with the store's change_policy line (id 0)")]
    NotAStoreLog,
    /// The log started under a policy other than the one given to open it.
    /// Change a policy with a `change_policy` event, not by reopening.
    #[error("the log started under policy `{log}`, not `{given}`")]
    PolicyMismatch {
        /// The name of the policy the log records.
        log: String,
        /// The name of the policy given.
        given: String,
    },
    /// An acknowledged (committed) line of the log is damaged: its commit
    /// marker does not match the lines before it, or is malformed.
    #[error("log line {line}: {reason}")]
    Corrupt {
        /// 1-based line number in the log file.
        line: usize,
        /// What does not match.
        reason: &'static str,
    },
    /// An acknowledged line of the log can no longer be read as an event.
    #[error("log line {line}: {source}")]
    Unreadable {
        /// 1-based line number in the log file.
        line: usize,
        /// Why it cannot be read.
        #[source]
        source: Box<ReadError>,
    },
    /// An acknowledged event of the log no longer applies (the log was
    /// written by a version of the engine whose rules differ).
    #[error("log line {line}: {source}")]
    Replay {
        /// 1-based line number in the log file.
        line: usize,
        /// Why it does not apply.
        #[source]
        source: Box<ApplyError>,
    },
    /// An event of the batch was rejected; nothing of the batch was written.
    #[error("event {} of the batch rejected: {source}", index + 1)]
    Rejected {
        /// 0-based position of the event in the batch.
        index: usize,
        /// Why.
        #[source]
        source: Box<ApplyError>,
    },
    /// An event's id is already in the log with different content.
    #[error("event {id} is already in the log with different content")]
    Conflict {
        /// The id.
        id: EventId,
    },
    /// An event's id is not in the log but is not after its last id either:
    /// it would be ignored, so it is refused rather than silently dropped.
    #[error("event {id} is not after the log's last event {last}")]
    Stale {
        /// The id.
        id: EventId,
        /// The log's last id.
        last: EventId,
    },
    /// A write failed and the log could not be put back as it was; reopen
    /// the store to recover.
    #[error("an earlier write failed half-way; reopen the store")]
    Poisoned,
}

impl StoreError {
    /// The message in `lang`: 中文 for the floor, English for the logs.
    ///
    /// ```
    /// use anchang::store::StoreError;
    /// use anchang::{EventId, Lang};
    ///
    /// let e = StoreError::Conflict { id: EventId(7) };
    /// assert_eq!(e.message(Lang::Zh), "事件 #7 已在日志中，但内容不同");
    /// assert_eq!(e.message(Lang::En), e.to_string());
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            StoreError::Io { op, path, source } => {
                format!("存储读写失败（{op}，{}）：{source}", path.display())
            }
            StoreError::NotAStoreLog => "日志的第一行不是存储写下的策略行（编号 0）".into(),
            StoreError::PolicyMismatch { log, given } => {
                format!("日志开始时的策略是「{log}」，不是「{given}」")
            }
            StoreError::Corrupt { line, .. } => {
                format!("日志第 {line} 行损坏：提交标记与其前的行不符")
            }
            StoreError::Unreadable { line, source } => {
                format!("日志第 {line} 行无法读取：{source}")
            }
            StoreError::Replay { line, source } => {
                format!("日志第 {line} 行的事件无法重放：{source}")
            }
            StoreError::Rejected { index, source } => {
                format!("批次中第 {} 个事件被拒绝，整批未写入：{source}", index + 1)
            }
            StoreError::Conflict { id } => format!("事件 {id} 已在日志中，但内容不同"),
            StoreError::Stale { id, last } => {
                format!("事件 {id} 不在日志最后一个事件 {last} 之后")
            }
            StoreError::Poisoned => "之前的一次写入中途失败，请重新打开存储".into(),
        }
    }
}

/// Why a snapshot was passed over on open (the store then falls back to an
/// older snapshot or to a full replay of the log, and says so).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotFault {
    /// Written in a snapshot format version this crate does not read.
    #[error(
        "snapshot format version {found:?}, this crate reads {}",
        super::snapshot::VERSION
    )]
    Version {
        /// The version it states, if any.
        found: Option<u64>,
    },
    /// The policy it was taken under cannot be read by this crate.
    #[error("the policy the snapshot was taken under cannot be read")]
    Policy,
    /// Not a snapshot, or its state cannot be read.
    #[error("not a readable snapshot")]
    Unreadable,
    /// It describes a log other than this one (the log's prefix differs).
    #[error("the snapshot does not describe this log")]
    NotOfThisLog,
    /// It could not be read from disk.
    #[error("the snapshot file could not be read")]
    Io,
}

impl SnapshotFault {
    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            SnapshotFault::Version { found } => format!(
                "快照格式版本为 {found:?}，本版本只读 {}",
                super::snapshot::VERSION
            ),
            SnapshotFault::Policy => "快照所依据的策略无法读取".into(),
            SnapshotFault::Unreadable => "不是可读的快照".into(),
            SnapshotFault::NotOfThisLog => "快照描述的不是这份日志".into(),
            SnapshotFault::Io => "快照文件无法读取".into(),
        }
    }
}
