//! The directory backend: `<root>/ab/cd/<hash>`, with files being received in `<root>/tmp`.

use super::BlobHash;
use crate::error::{DomainError, DomainResult};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use tokio::io::{AsyncWriteExt, BufWriter};

#[derive(Debug)]
pub struct DirStore {
    root: PathBuf,
}

/// A file being written; removed when dropped before it is kept.
pub struct TempFile {
    file: BufWriter<tokio::fs::File>,
    path: PathBuf,
    kept: bool,
}

impl TempFile {
    pub async fn write(&mut self, part: &[u8]) -> DomainResult<()> {
        self.file.write_all(part).await.map_err(io_error)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn io_error(err: std::io::Error) -> DomainError {
    tracing::error!(error = %err, "blob store");
    DomainError::Internal
}

impl DirStore {
    pub fn new(root: PathBuf) -> DirStore {
        DirStore { root }
    }

    fn temp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    pub fn path_of(&self, hash: &BlobHash) -> PathBuf {
        let h = hash.as_str();
        self.root.join(&h[..2]).join(&h[2..4]).join(h)
    }

    pub async fn temp_file(&self) -> DomainResult<TempFile> {
        let dir = self.temp_dir();
        tokio::fs::create_dir_all(&dir).await.map_err(io_error)?;
        let path = dir.join(crate::ids::new_id());
        let file = tokio::fs::File::create_new(&path).await.map_err(io_error)?;
        Ok(TempFile {
            file: BufWriter::with_capacity(256 * 1024, file),
            path,
            kept: false,
        })
    }

    /// Flushes `temp` and moves it to `hash`'s place (a file of the same content already there
    /// is replaced by an identical one), durably: the file, then each directory on its way.
    pub async fn keep(&self, mut temp: TempFile, hash: &BlobHash) -> DomainResult<()> {
        temp.file.flush().await.map_err(io_error)?;
        temp.file.get_ref().sync_all().await.map_err(io_error)?;
        let target = self.path_of(hash);
        let parent = target.parent().unwrap_or(&self.root).to_owned();
        tokio::fs::create_dir_all(&parent).await.map_err(io_error)?;
        tokio::fs::rename(&temp.path, &target)
            .await
            .map_err(io_error)?;
        temp.kept = true;
        for dir in parent.ancestors().take(3) {
            sync_dir(dir).await?;
        }
        Ok(())
    }

    /// Removes `hash`'s file, if there is one.
    pub async fn remove(&self, hash: &BlobHash) -> DomainResult<()> {
        match tokio::fs::remove_file(self.path_of(hash)).await {
            Err(err) if err.kind() != ErrorKind::NotFound => Err(io_error(err)),
            _ => Ok(()),
        }
    }

    /// Removes what uploads cut short (a crash, a dropped connection) left in the temporary
    /// directory before `cutoff`.
    pub async fn remove_stale_temps(&self, cutoff: i64) -> DomainResult<()> {
        let mut entries = match tokio::fs::read_dir(self.temp_dir()).await {
            Ok(entries) => entries,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err(io_error(err)),
        };
        while let Some(entry) = entries.next_entry().await.map_err(io_error)? {
            if written_at(&entry.path()).await?.is_some_and(|t| t < cutoff) {
                let _ = tokio::fs::remove_file(entry.path()).await;
            }
        }
        Ok(())
    }
}

/// When the file was last written (UTC seconds), or `None` when there is no such file.
async fn written_at(path: &Path) -> DomainResult<Option<i64>> {
    let modified = match tokio::fs::metadata(path).await {
        Ok(meta) => meta.modified().map_err(io_error)?,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(io_error(err)),
    };
    let secs = modified
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Ok(Some(secs))
}

/// Makes a rename into `dir` durable.
async fn sync_dir(dir: &Path) -> DomainResult<()> {
    let dir = tokio::fs::File::open(dir).await.map_err(io_error)?;
    dir.sync_all().await.map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_dropped_upload_leaves_no_file() {
        let root = tempfile::tempdir().unwrap();
        let store = DirStore::new(root.path().to_owned());
        let mut temp = store.temp_file().await.unwrap();
        temp.write(b"half a file").await.unwrap();
        let path = temp.path.clone();
        assert!(path.exists());
        drop(temp);
        assert!(!path.exists());
    }
}
