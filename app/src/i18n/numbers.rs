//! Numbers as each language writes them: thousands grouped, decimals, file sizes.

use super::{I18n, Key, Locale};
use leptos::prelude::Get;

pub fn thousands_separator(i18n: I18n) -> char {
    match i18n.locale.get() {
        Locale::En => ',',
        // A narrow no-break space, as French typography wants.
        Locale::Fr => '\u{202f}',
        Locale::De | Locale::It | Locale::Es => '.',
    }
}

fn decimal_separator(locale: Locale) -> char {
    match locale {
        Locale::En => '.',
        Locale::Fr | Locale::De | Locale::It | Locale::Es => ',',
    }
}

/// A file's size with one decimal where it helps: "900 bytes", "12 KB", "2.4 MB" (in French
/// "2,4 Mo").
pub fn file_size(i18n: I18n, bytes: u64) -> String {
    let locale = i18n.locale.get();
    let (key, n) = match bytes {
        0..1024 => (Key::SizeBytes, bytes.to_string()),
        1024..1_048_576 => (Key::SizeKilobytes, (bytes.div_ceil(1024)).to_string()),
        _ => {
            let tenths = (bytes * 10).div_ceil(1 << 20);
            let text = if tenths >= 100 || tenths.is_multiple_of(10) {
                (tenths.div_ceil(10)).to_string()
            } else {
                format!(
                    "{}{}{}",
                    tenths / 10,
                    decimal_separator(locale),
                    tenths % 10
                )
            };
            (Key::SizeMegabytes, text)
        }
    };
    i18n.fill(key, &[("n", &n)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::prelude::RwSignal;

    #[test]
    fn sizes_read_as_each_language_writes_them() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let en = I18n {
                locale: RwSignal::new(Locale::En),
            };
            let fr = I18n {
                locale: RwSignal::new(Locale::Fr),
            };
            assert_eq!(file_size(en, 900), "900 bytes");
            assert_eq!(file_size(en, 12 * 1024 - 5), "12 KB");
            assert_eq!(file_size(en, 2_500_000), "2.4 MB");
            assert_eq!(file_size(fr, 2_500_000), "2,4 Mo");
            assert_eq!(file_size(en, 25 << 20), "25 MB");
            assert_eq!(file_size(en, 2 << 20), "2 MB");
        });
    }
}
