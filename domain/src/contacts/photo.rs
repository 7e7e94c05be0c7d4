//! A contact's photo: the `data:` URI the form sends (an image the browser cropped square) is
//! checked for its kind and size before it becomes the card's PHOTO, and a stored PHOTO is read
//! back as such a URI for the page to show.

use crate::error::{DomainError, DomainResult, LimitKind};
use crate::reason::Reason;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use calcard::common::Data;

/// The largest photo a card takes, decoded. The form's crop makes a 256-pixel JPEG of about
/// 20 KB; this leaves room for a photo imported from a phone.
pub const MAX_PHOTO_KB: usize = 512;

/// The image kinds a photo may be, with the bytes each file starts with.
const KINDS: [(&str, &[u8]); 3] = [
    ("image/jpeg", b"\xFF\xD8\xFF"),
    ("image/png", b"\x89PNG\r\n\x1A\n"),
    ("image/webp", b"RIFF"),
];

/// A photo's media type and bytes, from a `data:image/…;base64,` URI; `None` for anything else
/// (a web address).
pub fn decode(uri: &str) -> DomainResult<Option<Data>> {
    let Some(rest) = uri.trim().strip_prefix("data:") else {
        return Ok(None);
    };
    let invalid = || DomainError::invalid("photo", Reason::PhotoInvalid);
    let (media_type, payload) = rest.split_once(";base64,").ok_or_else(invalid)?;
    let media_type = media_type.to_ascii_lowercase();
    let magic = KINDS
        .iter()
        .find(|(kind, _)| *kind == media_type)
        .map(|(_, magic)| *magic)
        .ok_or_else(invalid)?;
    // Checked before decoding, so an oversized upload costs no decoding.
    if payload.len() / 4 * 3 > (MAX_PHOTO_KB << 10) + 2 {
        return Err(DomainError::limit(
            LimitKind::PhotoKilobytes,
            MAX_PHOTO_KB as u64,
        ));
    }
    let data = STANDARD.decode(payload).map_err(|_| invalid())?;
    if data.len() > MAX_PHOTO_KB << 10 {
        return Err(DomainError::limit(
            LimitKind::PhotoKilobytes,
            MAX_PHOTO_KB as u64,
        ));
    }
    if !data.starts_with(magic) || (media_type == "image/webp" && data.get(8..12) != Some(b"WEBP"))
    {
        return Err(invalid());
    }
    Ok(Some(Data {
        content_type: Some(media_type),
        data,
    }))
}

/// Refuses a photo that is neither an image `decode` takes nor a web address.
pub fn check(photo: &str) -> DomainResult<()> {
    let photo = photo.trim();
    if photo.is_empty() || decode(photo)?.is_some() {
        return Ok(());
    }
    let web = photo.starts_with("https://") || photo.starts_with("http://");
    if web && photo.len() <= 2_000 && !photo.contains(char::is_whitespace) {
        Ok(())
    } else {
        Err(DomainError::invalid("photo", Reason::PhotoInvalid))
    }
}

/// A stored photo as a `data:` URI; `type_hint` is the vCard 3.0 TYPE ("JPEG") when the value
/// did not say its media type.
pub fn data_uri(data: &Data, type_hint: Option<&str>) -> String {
    let media_type = match (&data.content_type, type_hint) {
        (Some(t), _) => t.to_ascii_lowercase(),
        (None, Some(hint)) if !hint.contains('/') => format!("image/{}", hint.to_lowercase()),
        (None, Some(hint)) => hint.to_lowercase(),
        (None, None) => "image/jpeg".to_owned(),
    };
    format!("data:{media_type};base64,{}", STANDARD.encode(&data.data))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(media_type: &str, bytes: &[u8]) -> String {
        format!("data:{media_type};base64,{}", STANDARD.encode(bytes))
    }

    #[test]
    fn takes_jpeg_png_and_webp_by_their_bytes() {
        let jpeg = uri("image/jpeg", b"\xFF\xD8\xFF\xE0rest");
        let data = decode(&jpeg).unwrap().unwrap();
        assert_eq!(data.content_type.as_deref(), Some("image/jpeg"));
        assert_eq!(data_uri(&data, None), jpeg);
        assert!(check(&uri("image/png", b"\x89PNG\r\n\x1A\nIHDR")).is_ok());
        assert!(check(&uri("image/webp", b"RIFF\0\0\0\0WEBPVP8 ")).is_ok());
        assert!(check("https://example.org/me.jpg").is_ok());
        assert!(check("").is_ok());
    }

    #[test]
    fn refuses_other_files_and_names_the_size_limit() {
        for bad in [
            uri("image/jpeg", b"<svg onload=alert(1)>"),
            uri("image/svg+xml", b"<svg/>"),
            uri("image/webp", b"RIFF\0\0\0\0AVI "),
            "data:image/png;base64,!!!".to_owned(),
            "javascript:alert(1)".to_owned(),
        ] {
            assert!(
                matches!(check(&bad), Err(DomainError::Invalid { ref reason, .. }) if *reason == Reason::PhotoInvalid),
                "{bad}"
            );
        }
        let mut big = b"\xFF\xD8\xFF".to_vec();
        big.resize((MAX_PHOTO_KB << 10) + 1, 0);
        assert_eq!(
            check(&uri("image/jpeg", &big)).unwrap_err(),
            DomainError::limit(LimitKind::PhotoKilobytes, MAX_PHOTO_KB as u64)
        );
    }

    #[test]
    fn a_version_3_type_names_the_media_type() {
        let data = Data {
            content_type: None,
            data: vec![1, 2, 3],
        };
        assert_eq!(data_uri(&data, Some("PNG")), "data:image/png;base64,AQID");
        assert_eq!(data_uri(&data, None), "data:image/jpeg;base64,AQID");
    }
}
