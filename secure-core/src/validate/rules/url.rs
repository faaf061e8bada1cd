//! The `url` rule: a WHATWG URL with an allowed scheme.

/// Schemes that run code when a browser follows them; no allowlist can admit them.
const NEVER: &[&str] = &["javascript", "vbscript"];

/// Whether `text` is a URL as the WHATWG URL standard parses it, with a scheme that `allowed`
/// accepts (schemes are compared in lowercase).
///
/// Parsing is done by the `url` crate. On top of the standard, the text must not contain
/// ASCII whitespace or control characters anywhere: the standard would silently strip or
/// skip them, and the stored text would then differ from the URL a browser sees.
/// `javascript:` and `vbscript:` are refused whatever `allowed` says.
///
/// ```
/// use secure::validate::rules::is_url;
///
/// let web = |scheme: &str| scheme == "http" || scheme == "https";
/// assert!(is_url("https://example.com/a?b=c", web));
/// assert!(!is_url("javascript:alert(1)", web));
/// assert!(!is_url("https://exa mple.com", web));
/// ```
pub fn is_url(text: &str, allowed: impl Fn(&str) -> bool) -> bool {
    if text.bytes().any(|b| b <= b' ' || b == 0x7F) {
        return false;
    }
    match url::Url::parse(text) {
        Ok(url) => {
            let scheme = url.scheme();
            !NEVER.contains(&scheme) && allowed(scheme)
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_url;

    fn web(scheme: &str) -> bool {
        scheme == "http" || scheme == "https"
    }

    #[test]
    fn only_http_and_https_by_default() {
        for attack in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "javascript://%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            assert!(!is_url(attack, web), "{attack}");
        }
        assert!(is_url("https://example.com/a?b=c", web));
        assert!(is_url("http://localhost:8080/", web));
    }

    #[test]
    fn code_schemes_are_refused_even_when_listed() {
        assert!(!is_url("javascript:alert(1)", |_| true));
        assert!(!is_url("VBScript:msgbox(1)", |_| true));
        assert!(is_url("mailto:user@example.com", |scheme| scheme == "mailto"));
    }

    #[test]
    fn rejects_what_the_parser_would_silently_repair() {
        for text in [
            "https://exa\nmple.com",
            " https://example.com",
            "https://example.com\t",
            "",
        ] {
            assert!(!is_url(text, web), "{text:?}");
        }
    }

    #[test]
    fn rejects_unparseable() {
        for text in [
            "https://",
            "http://[::1",
            "example.com",
            "https://exa%mple.com",
        ] {
            assert!(!is_url(text, web), "{text:?}");
        }
    }
}
