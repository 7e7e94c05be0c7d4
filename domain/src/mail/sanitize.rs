//! A message's HTML made safe to show: what `ammonia` keeps of it (no script, style sheet,
//! form, frame, SVG, `<base>` or `<meta>`; no event handler; only http, https, mailto and the
//! message's own `cid:` parts as addresses; inline styles limited to properties that load
//! nothing), with remote images left out until the member asks for them. The page shows the
//! result in a sandboxed frame without scripts, under a policy that loads nothing remote
//! unless images were asked for: two walls, each enough alone.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Style properties kept: they lay out and colour, and none takes an address.
const STYLE_PROPERTIES: [&str; 52] = [
    "background-color",
    "border",
    "border-bottom",
    "border-bottom-color",
    "border-bottom-style",
    "border-bottom-width",
    "border-collapse",
    "border-color",
    "border-left",
    "border-left-color",
    "border-left-style",
    "border-left-width",
    "border-radius",
    "border-right",
    "border-right-color",
    "border-right-style",
    "border-right-width",
    "border-spacing",
    "border-style",
    "border-top",
    "border-top-color",
    "border-top-style",
    "border-top-width",
    "border-width",
    "color",
    "direction",
    "display",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "height",
    "letter-spacing",
    "line-height",
    "list-style-type",
    "margin",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "margin-top",
    "max-width",
    "min-width",
    "padding",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "padding-top",
    "text-align",
    "text-decoration",
    "vertical-align",
    "width",
];

/// Presentational attributes newsletters lay their tables out with.
const LAYOUT_ATTRIBUTES: [&str; 10] = [
    "align",
    "bgcolor",
    "border",
    "cellpadding",
    "cellspacing",
    "color",
    "height",
    "valign",
    "width",
    "style",
];

/// The sanitised HTML and how many remote images were left out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized {
    pub html: String,
    pub blocked_images: usize,
}

/// Cleans `html`. `parts` gives the address each `cid:` part is served at; `show_images`
/// keeps remote images (the member asked for them).
pub fn sanitize(html: &str, parts: &HashMap<String, String>, show_images: bool) -> Sanitized {
    let blocked = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&blocked);
    let parts = parts.clone();
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["center", "font", "span", "div", "u", "s", "hr"])
        .add_generic_attributes(LAYOUT_ATTRIBUTES)
        .add_tag_attributes("font", ["face", "size"])
        .add_tag_attributes("td", ["colspan", "rowspan", "nowrap"])
        .add_tag_attributes("th", ["colspan", "rowspan", "nowrap"])
        .filter_style_properties(HashSet::from(STYLE_PROPERTIES))
        .url_schemes(HashSet::from(["http", "https", "mailto", "cid"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .set_tag_attribute_value("a", "target", "_blank")
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| {
            if attribute == "style" {
                return Some(inert_style(value));
            }
            if !is_address(element, attribute) {
                return Some(Cow::Borrowed(value));
            }
            address(element, value, &parts, show_images, &counted)
        });
    let html = builder.clean(html).to_string();
    Sanitized {
        html,
        blocked_images: blocked.load(Ordering::Relaxed),
    }
}

/// What in a declaration could load or run something, or hide such a word from this check
/// (a CSS escape spells `expression` as `expr\65ssion`).
const CSS_SUSPECTS: [&str; 7] = [
    "url(",
    "expression",
    "\\",
    "javascript:",
    "@import",
    "behavior",
    "binding",
];

/// The inline style without any declaration holding a suspect, before ammonia keeps only the
/// allowed properties of what is left.
fn inert_style(style: &str) -> Cow<'_, str> {
    let lower = style.to_ascii_lowercase();
    if !CSS_SUSPECTS.iter().any(|s| lower.contains(s)) {
        return Cow::Borrowed(style);
    }
    let kept: Vec<&str> = style
        .split(';')
        .filter(|declaration| {
            let lower = declaration.to_ascii_lowercase();
            !CSS_SUSPECTS.iter().any(|s| lower.contains(s))
        })
        .collect();
    Cow::Owned(kept.join(";"))
}

fn is_address(element: &str, attribute: &str) -> bool {
    matches!(
        (element, attribute),
        (
            _,
            "href" | "src" | "cite" | "longdesc" | "action" | "background" | "poster"
        )
    )
}

/// What an address in the message becomes: a `cid:` part its served address, a remote image
/// nothing until images are shown, a link itself. Anything relative would point into the
/// suite, and goes.
fn address<'v>(
    element: &str,
    value: &'v str,
    parts: &HashMap<String, String>,
    show_images: bool,
    blocked: &AtomicUsize,
) -> Option<Cow<'v, str>> {
    let trimmed = value.trim();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("cid:") {
        // Content-IDs keep their case (Outlook's are upper-case hex); `@` may come encoded.
        let cid = trimmed[4..].trim_start_matches('<').trim_end_matches('>');
        let cid = cid.replace("%40", "@");
        return parts.get(&cid).map(|url| Cow::Owned(url.clone()));
    }
    let remote = lower.starts_with("http://") || lower.starts_with("https://");
    if element == "img" || element != "a" {
        if remote && !show_images {
            blocked.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        return remote.then_some(Cow::Borrowed(trimmed));
    }
    let link = remote || lower.starts_with("mailto:") || lower.starts_with('#');
    link.then_some(Cow::Borrowed(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        sanitize(html, &HashMap::new(), false).html
    }

    /// Vectors from the XSS cheat sheets: none may keep anything that runs or loads.
    #[test]
    fn nothing_that_runs_or_loads_survives() {
        let corpus = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"  JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<svg onload=alert(1)><script>alert(1)</script></svg>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<div style=\"width: expression(alert(1)); background-image: url(https://t.example/p.gif)\">x</div>",
            "<p style=\"color: red; background: url(javascript:alert(1))\">x</p>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
            "<form action=\"https://evil.example\"><input name=p><button>go</button></form>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<base href=\"https://evil.example/\"><a href=\"x\">x</a>",
            "<object data=\"https://evil.example/x.swf\"></object><embed src=\"x.swf\">",
            "<link rel=stylesheet href=\"https://evil.example/x.css\">",
            "<style>@import 'https://evil.example/x.css'; body{background:url(https://t.example/x)}</style>",
            "<table background=\"https://t.example/bg.gif\"><tr><td>x</td></tr></table>",
            "<video poster=\"https://t.example/p.jpg\"></video><audio src=\"https://t.example/a.mp3\">",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<img src=\"https://t.example/pixel.gif\" width=1 height=1>",
            "<img srcset=\"https://t.example/a.png 1x\">",
            "<a href=\"/api/v1/orgs\">ours</a><img src=\"/api/v1/me\">",
            "<div onclick=\"alert(1)\" onmouseover=alert(1)>x</div>",
            "<body onload=alert(1)>",
            "<x-tag is=\"x\" onfocus=alert(1) autofocus>",
            "<p style=\"width: expr\\65ssion(alert(1)); color: blue\">x</p>",
        ];
        for vector in corpus {
            let out = clean(vector).to_ascii_lowercase();
            for bad in [
                "<script",
                "javascript:",
                "onerror",
                "onload",
                "onclick",
                "onmouseover",
                "onfocus",
                "expression(",
                "url(",
                "<meta",
                "<form",
                "<input",
                "<iframe",
                "<base",
                "<object",
                "<embed",
                "<link",
                "<style",
                "<svg",
                "<math",
                "data:",
                "https://t.example",
                "https://evil.example",
                "/api/v1",
                "srcset",
                "background=",
                "ssion(",
            ] {
                assert!(!out.contains(bad), "{vector:?} kept {bad:?}: {out}");
            }
        }
    }

    #[test]
    fn layout_links_and_the_messages_own_images_stay() {
        let parts = HashMap::from([
            ("logo@shop".to_owned(), "/mail/parts/7".to_owned()),
            (
                "image001.PNG@01DA2B3C".to_owned(),
                "/mail/parts/8".to_owned(),
            ),
        ]);
        let out = sanitize(
            "<table width=600 bgcolor=\"#fff\"><tr><td style=\"color: #333; padding: 8px; position: fixed\">\
             <a href=\"https://shop.example/offer\">Offer</a> <a href=\"mailto:sales@shop.example\">mail</a>\
             <img src=\"cid:logo@shop\" alt=Logo><img src=\"CID:image001.PNG%4001DA2B3C\" alt=Sig><img src=\"cid:missing\"><img src=\"https://cdn.example/a.png\">\
             </td></tr></table>",
            &parts,
            false,
        );
        assert_eq!(out.blocked_images, 1);
        let html = out.html;
        assert!(html.contains("width=\"600\""), "{html}");
        assert!(html.contains("bgcolor=\"#fff\""));
        assert!(html.contains("color:#333"));
        assert!(html.contains("padding:8px"));
        assert!(!html.contains("position"), "{html}");
        assert!(html.contains(
            "<a href=\"https://shop.example/offer\" target=\"_blank\" rel=\"noopener noreferrer\">Offer</a>"
        ), "{html}");
        assert!(html.contains("href=\"mailto:sales@shop.example\""));
        assert!(
            html.contains("<img src=\"/mail/parts/7\" alt=\"Logo\">"),
            "{html}"
        );
        assert!(!html.contains("cid:"));
        assert!(!html.contains("cdn.example"));

        let shown = sanitize("<img src=\"https://cdn.example/a.png\">", &parts, true);
        assert_eq!(shown.blocked_images, 0);
        assert!(shown.html.contains("src=\"https://cdn.example/a.png\""));
    }
}
