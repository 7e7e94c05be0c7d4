//! argon2id hashing, off the async threads because it is deliberately slow.

use crate::error::{DomainError, DomainResult};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::OnceLock;

pub async fn hash(password: String) -> DomainResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|_| DomainError::Internal)
    })
    .await
    .map_err(|_| DomainError::Internal)?
}

/// Verifies against `stored`, or against a fixed dummy hash when there is no account, so an
/// unknown e-mail takes as long as a wrong password.
pub async fn verify(password: String, stored: Option<String>) -> DomainResult<bool> {
    tokio::task::spawn_blocking(move || {
        let exists = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let parsed = PasswordHash::new(&stored).map_err(|_| DomainError::Internal)?;
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && exists)
    })
    .await
    .map_err(|_| DomainError::Internal)?
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let h = hash("correct horse 42".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse 42".into(), Some(h.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong horse 42".into(), Some(h)).await.unwrap());
        assert!(!verify("no account has this password".into(), None)
            .await
            .unwrap());
    }
}
