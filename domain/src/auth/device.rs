//! A session's device in words a person recognises ("Firefox", "macOS"), from its browser's
//! `User-Agent`. Only the common names are told apart; anything else is shown by its first word.

/// The browser (or program) and the operating system; either may be empty when unknown.
pub fn describe(user_agent: &str) -> (String, String) {
    let has = |needle: &str| user_agent.contains(needle);
    let browser = if has("Edg/") {
        "Edge"
    } else if has("OPR/") || has("Opera") {
        "Opera"
    } else if has("Firefox/") {
        "Firefox"
    } else if has("Thunderbird/") {
        "Thunderbird"
    } else if has("DAVx5") {
        "DAVx⁵"
    } else if has("Chrome/") || has("Chromium/") {
        "Chrome"
    } else if has("Safari/") && has("Version/") {
        "Safari"
    } else {
        ""
    };
    let browser = if browser.is_empty() {
        // A script or a sync client names itself first ("curl/8.5.0", "python-requests/2.31").
        user_agent
            .split(['/', ' ', '('])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_alphanumeric() || "-_.".contains(*c))
            .take(30)
            .collect()
    } else {
        browser.to_owned()
    };
    let system = if has("iPhone") || has("iPad") {
        "iOS"
    } else if has("Android") {
        "Android"
    } else if has("Windows") {
        "Windows"
    } else if has("Mac OS X") || has("Macintosh") {
        "macOS"
    } else if has("CrOS") {
        "ChromeOS"
    } else if has("Linux") {
        "Linux"
    } else {
        ""
    };
    (browser, system.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_browsers_and_systems_are_named() {
        let cases = [
            ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", ("Firefox", "Linux")),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", ("Edge", "Windows")),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", ("Safari", "iOS")),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", ("Chrome", "macOS")),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", ("Chrome", "Android")),
            ("curl/8.5.0", ("curl", "")),
            ("", ("", "")),
            ("<script>alert(1)</script>", ("scriptalert", "")),
        ];
        for (ua, (browser, system)) in cases {
            assert_eq!(
                describe(ua),
                (browser.to_owned(), system.to_owned()),
                "{ua}"
            );
        }
    }
}
