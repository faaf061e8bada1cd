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
/// Most texts are decided without building a `Url`, which allocates: an `http`/`https` URL
/// of the plain shape most inputs have, and a text whose scheme is missing or refused.
/// Differential tests hold both shortcuts to the parser's answers.
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
    if let Some(scheme) = plain_web_url(text) {
        return allowed(scheme);
    }
    let mut buffer = [0; SCHEME_BUFFER];
    match scheme_of(text, &mut buffer) {
        Scheme::Missing => return false,
        Scheme::Lowercased(scheme) if NEVER.contains(&scheme) || !allowed(scheme) => return false,
        Scheme::Lowercased(_) | Scheme::Long => {}
    }
    parse_url(text, allowed).is_some()
}

/// The URL that [`is_url`] accepts, parsed (for callers that keep the serialization).
pub(crate) fn parse_url(text: &str, allowed: impl Fn(&str) -> bool) -> Option<url::Url> {
    if text.bytes().any(|b| b <= b' ' || b == 0x7F) {
        return None;
    }
    let url = url::Url::parse(text).ok()?;
    let scheme = url.scheme();
    (!NEVER.contains(&scheme) && allowed(scheme)).then_some(url)
}

/// The scheme of `text` when it is an `http`/`https` URL of the plain shape most inputs
/// have, decided in one pass without parsing or allocating; `None` sends the text to the
/// full parser.
///
/// The shape: a lowercase `http://` or `https://`, a host of ASCII letters, digits, dots and
/// hyphens in labels of 1 to 63 bytes whose last label starts with a letter (so it is not an
/// IPv4 address) and none of which is an IDNA label (`xn--`), an optional port of at most five
/// digits below 65536, then nothing, or `/`, `?` or `#` followed by visible ASCII other than
/// `\`. The WHATWG parser accepts every such text, with the same scheme; a differential test
/// holds this function to that.
fn plain_web_url(text: &str) -> Option<&'static str> {
    let (scheme, rest) = if let Some(rest) = text.strip_prefix("https://") {
        ("https", rest.as_bytes())
    } else {
        ("http", text.strip_prefix("http://")?.as_bytes())
    };

    let mut position = 0;
    let mut label_start = 0;
    loop {
        let byte = rest.get(position).copied();
        match byte {
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-') => position += 1,
            Some(b'.') | Some(b':' | b'/' | b'?' | b'#') | None => {
                let label = &rest[label_start..position];
                if label.is_empty() || label.len() > 63 || is_idna_label(label) {
                    return None;
                }
                if byte != Some(b'.') {
                    // The last label: a leading digit would make the host an IPv4 address.
                    if label[0].is_ascii_digit() {
                        return None;
                    }
                    break;
                }
                position += 1;
                label_start = position;
            }
            Some(_) => return None,
        }
    }

    let mut tail = &rest[position..];
    if let Some(after_colon) = tail.strip_prefix(b":") {
        let digits = after_colon
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 5 {
            return None;
        }
        let port = after_colon[..digits]
            .iter()
            .fold(0u32, |port, b| port * 10 + u32::from(b - b'0'));
        if port > 65535 {
            return None;
        }
        tail = &after_colon[digits..];
    }
    match tail.first() {
        None => Some(scheme),
        Some(b'/' | b'?' | b'#') if tail.iter().all(|b| b.is_ascii_graphic() && *b != b'\\') => {
            Some(scheme)
        }
        Some(_) => None,
    }
}

/// The longest scheme [`scheme_of`] lowercases on the stack; longer ones are left to the
/// parser.
const SCHEME_BUFFER: usize = 32;

/// The scheme of a text, as the WHATWG parser would read it.
#[derive(Debug, PartialEq)]
enum Scheme<'a> {
    /// The text does not start with a scheme and `:`, so it is not an absolute URL.
    Missing,
    /// The scheme, in lowercase.
    Lowercased(&'a str),
    /// A scheme longer than the buffer.
    Long,
}

/// Reads the scheme the way the WHATWG "scheme start" and "scheme" states do: an ASCII
/// letter, then letters, digits, `+`, `-` and `.`, up to the first `:`. Without a base URL,
/// a text that does not start like this fails to parse, and a text that does has this
/// scheme, lowercased; so a scheme that is refused decides the answer without the parser.
///
/// Text with leading whitespace or controls, which the parser would strip, is refused by
/// [`parse_url`] anyway, so reading it as [`Scheme::Missing`] does not change the answer.
fn scheme_of<'a>(text: &str, buffer: &'a mut [u8; SCHEME_BUFFER]) -> Scheme<'a> {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return Scheme::Missing;
    }
    let length = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        .count();
    if bytes.get(length) != Some(&b':') {
        return Scheme::Missing;
    }
    let Some(lowercase) = buffer.get_mut(..length) else {
        return Scheme::Long;
    };
    for (to, from) in lowercase.iter_mut().zip(bytes) {
        *to = from.to_ascii_lowercase();
    }
    // Every byte is ASCII, so the buffer holds UTF-8.
    core::str::from_utf8(lowercase).map_or(Scheme::Long, Scheme::Lowercased)
}

fn is_idna_label(label: &[u8]) -> bool {
    label.len() >= 4 && label[..4].eq_ignore_ascii_case(b"xn--")
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

#[cfg(test)]
mod agreement {
    use super::{SCHEME_BUFFER, Scheme, parse_url, plain_web_url, scheme_of};

    /// A text without a scheme never parses; a text with one parses to that scheme, if at all.
    fn scheme_agrees(text: &str) {
        let mut buffer = [0; SCHEME_BUFFER];
        match scheme_of(text, &mut buffer) {
            Scheme::Missing => assert!(parse_url(text, |_| true).is_none(), "{text:?}"),
            Scheme::Lowercased(scheme) => {
                if let Ok(parsed) = url::Url::parse(text) {
                    assert_eq!(parsed.scheme(), scheme, "{text:?}");
                }
            }
            Scheme::Long => assert!(text.find(':').is_some_and(|at| at > SCHEME_BUFFER)),
        }
    }

    #[test]
    fn scheme_agrees_with_the_parser_on_tricky_inputs() {
        let long = format!("{}:x", "a".repeat(SCHEME_BUFFER + 1));
        for text in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java script:alert(1)",
            " javascript:alert(1)",
            "\u{0}javascript:alert(1)",
            "1http://example.com",
            "+http://example.com",
            "web+app:x",
            "a.b-c+d:x",
            "mailto:user@example.com",
            "example.com",
            "example.com:8080",
            "localhost:8080/a",
            ":x",
            "",
            "http",
            "https:",
            "é:x",
            &long,
        ] {
            scheme_agrees(text);
        }
        let mut buffer = [0; SCHEME_BUFFER];
        assert_eq!(
            scheme_of("JaVaScRiPt:alert(1)", &mut buffer),
            Scheme::Lowercased("javascript")
        );
        assert_eq!(scheme_of("example.com", &mut buffer), Scheme::Missing);
        assert_eq!(scheme_of(&long, &mut buffer), Scheme::Long);
    }

    proptest::proptest! {
        #[test]
        fn scheme_agrees_with_the_parser_on_generated_text(
            text in "[a-zA-Z0-9+.\\-]{0,8}:?[ -~]{0,12}"
        ) {
            scheme_agrees(&text);
        }

        #[test]
        fn scheme_agrees_with_the_parser_on_any_text(text in proptest::prelude::any::<String>()) {
            scheme_agrees(&text);
        }
    }

    /// Every text the fast path accepts, the WHATWG parser accepts with the same scheme.
    fn agrees(text: &str) {
        if let Some(scheme) = plain_web_url(text) {
            let parsed =
                url::Url::parse(text).unwrap_or_else(|_| panic!("fast path accepted {text:?}"));
            assert_eq!(parsed.scheme(), scheme, "{text:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_the_parser_on_tricky_inputs() {
        for text in [
            "https://example.com",
            "https://example.com/",
            "https://EXAMPLE.com/a/../b?c=d#e",
            "http://a-b.c-d.example:8080/x",
            "http://localhost:65535",
            "https://ex--ample.com",
            "https://-example-.com",
            "https://example.com/%zz",
            "https://example.com/<>\"{}|^`",
            "https://example.com?",
            "https://example.com#",
            "https://example.com:/",
        ] {
            agrees(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_path_agrees_with_the_parser_on_generated_urls(
            text in "(https?|HTTP)://[a-zA-Z0-9.\\-_@]{0,12}(:[0-9]{0,6})?([/?#][ -~]{0,16})?"
        ) {
            agrees(&text);
        }
    }

    #[test]
    fn fast_path_declines_what_it_cannot_decide() {
        for text in [
            "https://1.2.3.4",
            "https://0x7f.1",
            "https://example.123",
            "https://xn--bcher-kva.example",
            "https://user@example.com",
            "https://example.com:65536",
            "https://example.com:123456",
            "https://example..com",
            "https://.example.com",
            "https:example.com",
            "https://exa_mple.com",
            "https://example.com\\evil",
            "HTTPS://example.com",
            "https://",
        ] {
            assert_eq!(plain_web_url(text), None, "{text:?}");
        }
    }
}
