//! The embedded mail store: messages as rows of this database (their raw bytes in the blob
//! store), threaded, counted per folder and versioned by the mailbox's revision.

pub(crate) mod actions;
pub(crate) mod append;
pub(crate) mod list;
