//! The embedded mail store: messages as rows of this database (their raw bytes in the blob
//! store), threaded, counted per folder and versioned by the mailbox's revision.

pub(crate) mod actions;
/// A message's flags, bits of its `flags` column (IMAP's system flags the suite uses).
pub(crate) const SEEN: i64 = 1;
pub(crate) const FLAGGED: i64 = 2;
pub(crate) const ANSWERED: i64 = 4;
pub(crate) const DRAFT: i64 = 8;

pub(crate) mod append;
pub(crate) mod list;
