use rand::RngCore;

/// A new random object id: 96 bits, unguessable, the same text on every backend.
pub fn new_id() -> String {
    random_hex(12)
}

/// A secret token (sessions, public links): 256 bits.
pub fn new_token() -> String {
    random_hex(32)
}

/// What is stored of a secret token (sessions, links sent by mail): its SHA-256, so the
/// database alone opens nothing.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The entity tag of a stored text (an event's iCalendar, a contact's vCard): what sync clients
/// and imports compare to tell whether it changed.
pub fn etag(text: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(text.as_bytes())[..16])
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}
