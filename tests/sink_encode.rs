//! Output encoders: every context keeps the value inside it.

use proptest::prelude::*;
use secure::encode::{
    CssString, HtmlAttrValue, JsString, SafeHeaderValue, SafeHtml, SafeRedirect, SafeUrl,
    UnquotedAttrValue, UrlError, UrlPathSegment, UrlQueryValue,
};

/// Filter-evasion inputs from the OWASP XSS Filter Evasion Cheat Sheet, plus the JavaScript,
/// CSS and URL breakers of the pitfall list.
const XSS: &[&str] = &[
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
    "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
    "<svg/onload=alert('XSS')>",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029'\\0029\">",
    "\\\";alert('XSS');//",
    "</script><script>alert('XSS')</script>",
    "<!--<script>alert(1)</script>-->",
    "'';!--\"<XSS>=&{()}",
    "\u{2028}alert(1)\u{2029}",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    "x\0<script>",
    "x' onmouseover='alert(1)",
    "x\" autofocus onfocus=\"alert(1)",
    "<img src=x onerror=alert(1)>",
    "x onmouseover=alert(1)",
    "a/b",
    "x`y",
    "a>b",
    "a=b",
    "a\tb",
    "\"; alert(1); //",
    "abc\\",
    "'-alert(1)-'",
    "<!--",
    "https://example.com/a.png\\",
    "x\\'); background:url(//evil.example/",
    "a\"b",
    "a\nb",
    "a&admin=true#frag",
    "100% + tax",
    "../../admin",
];

/// The `href` and `src` values of the OWASP XSS Filter Evasion Cheat Sheet, and the URL-01
/// inputs: script and data URLs spelt to slip past filters.
const XSS_URLS: &[&str] = &[
    "javascript:alert('XSS')",
    "javascript:alert('XSS');",
    "JaVaScRiPt:alert('XSS')",
    "javascript:alert(&quot;XSS&quot;)",
    "`javascript:alert(\"RSnake says, 'XSS'\")`",
    "javascript:alert(String.fromCharCode(88,83,83))",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041",
    "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29",
    "jav\tascript:alert('XSS');",
    "jav&#x09;ascript:alert('XSS');",
    "jav&#x0A;ascript:alert('XSS');",
    "jav&#x0D;ascript:alert('XSS');",
    "jav\nascript:alert('XSS');",
    "jav\0ascript:alert('XSS');",
    " &#14;  javascript:alert('XSS');",
    "\u{1}javascript:alert('XSS');",
    " javascript:alert('XSS');",
    "javascript&colon;alert('XSS')",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    "javascript:document.location='http://www.google.com/'",
    "javascript://%0Aalert(1)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "livescript:alert('XSS')",
    "mocha:alert('XSS')",
    "vbscript:msgbox(\"XSS\")",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "file:///etc/passwd",
    "h\ntt p://6 6.000146.0x7.147/",
    "//xss.rocks/xss.js",
    "\\\\xss.rocks\\xss.js",
];

const ENTITIES: &[&str] = &["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];

/// Element text and quoted attribute values: no markup character, and `&` only as one of the
/// escaper's entities.
fn stays_html_text(encoded: &str) -> bool {
    !encoded.contains(['<', '>', '"', '\''])
        && encoded.match_indices('&').all(|(at, _)| {
            ENTITIES
                .iter()
                .any(|entity| encoded[at..].starts_with(entity))
        })
}

fn decode_html(encoded: &str) -> String {
    encoded
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Unquoted attribute values: letters, digits, characters from U+0100 up and `&#xHH;`.
fn stays_unquoted(encoded: &str) -> bool {
    let mut rest = encoded;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_alphanumeric() || u32::from(c) > 0xFF {
            rest = &rest[c.len_utf8()..];
        } else if c == '&' && rest.len() >= 6 && is_hex_entity(&rest[..6]) {
            rest = &rest[6..];
        } else {
            return false;
        }
    }
    true
}

fn is_hex_entity(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.starts_with(b"&#x")
        && bytes[3].is_ascii_hexdigit()
        && bytes[4].is_ascii_hexdigit()
        && bytes[5] == b';'
}

fn decode_unquoted(encoded: &str) -> String {
    let mut out = String::new();
    let mut rest = encoded;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            let code = u32::from_str_radix(&rest[3..5], 16).unwrap();
            out.push(char::from_u32(code).unwrap());
            rest = &rest[6..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// JavaScript string contents: none of the characters that end a string or a script element,
/// and a backslash only as the start of `\xHH` or `\uHHHH`.
fn stays_js_string(encoded: &str) -> bool {
    let forbidden = [
        '<', '>', '&', '"', '\'', '`', '/', '$', '\n', '\r', '\u{2028}', '\u{2029}',
    ];
    !encoded.contains(forbidden)
        && !encoded.chars().any(|c| c.is_ascii_control())
        && encoded.match_indices('\\').all(|(at, _)| {
            let rest = &encoded.as_bytes()[at + 1..];
            match rest.first() {
                Some(b'x') => rest.len() >= 3 && rest[1..3].iter().all(u8::is_ascii_hexdigit),
                Some(b'u') => rest.len() >= 5 && rest[1..5].iter().all(u8::is_ascii_hexdigit),
                _ => false,
            }
        })
}

/// Decodes the inside of a JavaScript string literal with `\xHH` and `\uHHHH` escapes.
fn decode_js(encoded: &str) -> String {
    let mut out = String::new();
    let mut chars = encoded.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let digits = match chars.next() {
            Some('x') => 2,
            Some('u') => 4,
            other => panic!("unexpected escape {other:?}"),
        };
        let hex: String = chars.by_ref().take(digits).collect();
        out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
    }
    out
}

/// CSS string contents: no quote, line break, `\` other than a hex escape ended by a space,
/// and none of the characters that close a block, a declaration or a style element.
fn stays_css_string(encoded: &str) -> bool {
    let forbidden = [
        '"', '\'', '\n', '\r', '\u{c}', '<', '>', '(', ')', ';', '{', '}', '/',
    ];
    if encoded.contains(forbidden) || encoded.chars().any(|c| c.is_ascii_control()) {
        return false;
    }
    let mut rest = encoded;
    while let Some(at) = rest.find('\\') {
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        if !(1..=6).contains(&digits) || after.as_bytes().get(digits) != Some(&b' ') {
            return false;
        }
        rest = &after[digits + 1..];
    }
    true
}

/// Decodes CSS string contents with `\H.. ` escapes (NUL reads as U+FFFD, as in CSS).
fn decode_css(encoded: &str) -> String {
    let mut out = String::new();
    let mut rest = encoded;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        out.push(char::from_u32(u32::from_str_radix(&after[..digits], 16).unwrap()).unwrap());
        rest = &after[digits + 1..];
    }
    out.push_str(rest);
    out
}

fn stays_url_component(encoded: &str) -> bool {
    let bytes = encoded.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => at += 1,
            b'%' if at + 2 < bytes.len()
                && bytes[at + 1..at + 3].iter().all(u8::is_ascii_hexdigit) =>
            {
                at += 3
            }
            _ => return false,
        }
    }
    true
}

fn decode_url(encoded: &str) -> String {
    percent_encoding::percent_decode_str(encoded)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

#[test]
fn xss_inputs_stay_in_every_context() {
    for input in XSS {
        let text = SafeHtml::escape(input);
        assert!(stays_html_text(text.as_str()), "text: {input}");
        assert_eq!(decode_html(text.as_str()), *input);

        let quoted = HtmlAttrValue::encode(input);
        let inner = &quoted.as_str()[1..quoted.as_str().len() - 1];
        assert!(quoted.as_str().starts_with('"') && quoted.as_str().ends_with('"'));
        assert!(stays_html_text(inner), "attribute: {input}");

        let unquoted = UnquotedAttrValue::encode(input);
        assert!(stays_unquoted(unquoted.as_str()), "unquoted: {input}");
        assert_eq!(decode_unquoted(unquoted.as_str()), *input);

        let js = JsString::encode(input);
        assert!(stays_js_string(js.as_str()), "js: {input}");
        assert_eq!(decode_js(js.as_str()), *input);

        let css = CssString::encode(input);
        assert!(stays_css_string(css.as_str()), "css: {input}");
        assert_eq!(decode_css(css.as_str()), input.replace('\0', "\u{fffd}"));

        let query = UrlQueryValue::encode(input);
        assert!(stays_url_component(query.as_str()), "query: {input}");
        assert_eq!(decode_url(query.as_str()), *input);

        let segment = UrlPathSegment::encode(input).unwrap();
        assert!(stays_url_component(segment.as_str()) && !segment.as_str().contains('/'));
    }
}

#[test]
fn html_01_attribute_and_body_encoders() {
    let single = HtmlAttrValue::encode("x' onmouseover='alert(1)");
    assert_eq!(single.as_str(), "\"x&#39; onmouseover=&#39;alert(1)\"");
    let double = HtmlAttrValue::encode("x\" autofocus onfocus=\"alert(1)");
    assert_eq!(
        double.as_str(),
        "\"x&quot; autofocus onfocus=&quot;alert(1)\""
    );
    for value in [&single, &double] {
        let inner = &value.as_str()[1..value.as_str().len() - 1];
        assert!(!inner.contains(['"', '\'', '<', '>']));
    }

    // In a template, the same values stay inside a single- or a double-quoted attribute.
    let html = secure::html!(
        "<a title='{}'>a</a><a title=\"{}\">b</a>",
        "x' onmouseover='alert(1)",
        "x\" autofocus onfocus=\"alert(1)"
    );
    assert_eq!(
        html.as_str(),
        "<a title='x&#39; onmouseover=&#39;alert(1)'>a</a><a title=\"x&quot; autofocus onfocus=&quot;alert(1)\">b</a>"
    );

    let body = SafeHtml::escape("<img src=x onerror=alert(1)>");
    assert_eq!(body.as_str(), "&lt;img src=x onerror=alert(1)&gt;");
}

#[test]
fn html_02_unquoted_attribute_values() {
    let cases = [
        (
            "x onmouseover=alert(1)",
            "x&#x20;onmouseover&#x3d;alert&#x28;1&#x29;",
        ),
        ("a/b", "a&#x2f;b"),
        ("x`y", "x&#x60;y"),
        ("a>b", "a&#x3e;b"),
        ("a=b", "a&#x3d;b"),
        ("a\tb", "a&#x09;b"),
    ];
    for (input, expected) in cases {
        assert_eq!(
            UnquotedAttrValue::encode(input).as_str(),
            expected,
            "{input:?}"
        );
        let quoted = secure::html!("<input value={}>", HtmlAttrValue::encode(input));
        assert!(quoted.as_str().starts_with("<input value=\""), "{input:?}");
    }
    let html = secure::html!(
        "<input value={}>",
        UnquotedAttrValue::encode("x onmouseover=alert(1)")
    );
    assert_eq!(
        html.as_str(),
        "<input value=x&#x20;onmouseover&#x3d;alert&#x28;1&#x29;>"
    );
}

#[test]
fn js_01_string_literal() {
    let cases = [
        (
            "</script><script>alert(1)</script>",
            r"\x3c\x2fscript\x3e\x3cscript\x3ealert\x281\x29\x3c\x2fscript\x3e",
        ),
        ("\"; alert(1); //", r"\x22\x3b alert\x281\x29\x3b \x2f\x2f"),
        ("abc\\", r"abc\x5c"),
        ("'-alert(1)-'", r"\x27\x2dalert\x281\x29\x2d\x27"),
        ("<!--", r"\x3c\x21\x2d\x2d"),
    ];
    for (input, expected) in cases {
        let encoded = JsString::encode(input);
        assert_eq!(encoded.as_str(), expected);
        assert!(stays_js_string(encoded.as_str()));
        assert_eq!(decode_js(encoded.as_str()), input);
    }
}

#[test]
fn css_01_string_value() {
    let cases = [
        (
            "https://example.com/a.png\\",
            r"https\3a \2f \2f example\2e com\2f a\2e png\5c ",
        ),
        (
            "x\\'); background:url(//evil.example/",
            r"x\5c \27 \29 \3b \20 background\3a url\28 \2f \2f evil\2e example\2f ",
        ),
        ("a\"b", r"a\22 b"),
        ("a\nb", r"a\a b"),
    ];
    for (input, expected) in cases {
        let encoded = CssString::encode(input);
        assert_eq!(encoded.as_str(), expected);
        assert!(stays_css_string(encoded.as_str()));
        assert_eq!(decode_css(encoded.as_str()), input);
    }
}

#[test]
fn urlenc_01_components() {
    assert_eq!(
        UrlQueryValue::encode("a&admin=true#frag").as_str(),
        "a%26admin%3Dtrue%23frag"
    );
    assert_eq!(
        UrlQueryValue::encode("100% + tax").as_str(),
        "100%25%20%2B%20tax"
    );
    assert_eq!(UrlQueryValue::encode("x y").as_str(), "x%20y");
    assert_eq!(
        UrlPathSegment::encode("../../admin").unwrap().as_str(),
        "..%2F..%2Fadmin"
    );
    assert_eq!(
        UrlPathSegment::encode("a/b?c").unwrap().as_str(),
        "a%2Fb%3Fc"
    );
    assert_eq!(UrlQueryValue::encode("-._~").as_str(), "-._~");

    let html = secure::html!(
        "<a href=\"/search?q={}\">s</a>",
        UrlQueryValue::encode("a&admin=true#frag")
    );
    assert_eq!(
        html.as_str(),
        "<a href=\"/search?q=a%26admin%3Dtrue%23frag\">s</a>"
    );

    // Component encoding is no substitute for the scheme check of a whole URL.
    assert_eq!(
        UrlQueryValue::encode("javascript:alert(1)").as_str(),
        "javascript%3Aalert%281%29"
    );
    assert!(SafeUrl::parse("javascript:alert(1)").is_err());
}

#[test]
fn safe_url_has_a_scheme_allowlist() {
    for attack in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "javascript://%0Aalert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "/relative",
    ] {
        assert!(SafeUrl::parse(attack).is_err(), "{attack:?}");
    }
    assert_eq!(
        SafeUrl::parse("http://localhost:8080/").unwrap().as_str(),
        "http://localhost:8080/"
    );
    assert!(SafeUrl::parse_with_schemes("javascript:alert(1)", &["javascript"]).is_err());
    assert!(SafeUrl::parse_with_schemes("data:image/png;base64,AAAA", &["data"]).is_ok());
    assert_eq!(
        SafeUrl::parse("https://example.com/a?b=c")
            .unwrap()
            .as_str(),
        "https://example.com/a?b=c"
    );
    assert_eq!(
        SafeUrl::parse("HTTP://Example.COM").unwrap().as_str(),
        "http://example.com/"
    );
}

#[test]
fn url_01_xss_urls_are_refused_and_the_controls_accepted() {
    for attack in XSS_URLS {
        assert_eq!(
            SafeUrl::parse(attack),
            Err(UrlError::NotAllowed),
            "{attack:?}"
        );
    }
    for control in ["https://example.com/a?b=c", "http://localhost:8080/"] {
        assert_eq!(SafeUrl::parse(control).unwrap().as_str(), control);
    }

    // Of the whole filter-evasion list, only a plain https URL is a link, and it stays inside
    // its attribute.
    let accepted: Vec<&str> = XSS
        .iter()
        .copied()
        .filter(|input| SafeUrl::parse(input).is_ok())
        .collect();
    assert_eq!(accepted, ["https://example.com/a.png\\"]);
    let url = SafeUrl::parse(accepted[0]).unwrap();
    assert_eq!(url.as_str(), "https://example.com/a.png/");
    let html = secure::html!("<a href=\"{}\">x</a>", url);
    assert_eq!(
        html_attribute(html.as_str(), "<a href=\"", "\">x</a>"),
        url.as_str()
    );
}

/// The decoded value of the one attribute `html` holds between `before` and `after`.
fn html_attribute(html: &str, before: &str, after: &str) -> String {
    let value = html
        .strip_prefix(before)
        .and_then(|rest| rest.strip_suffix(after))
        .unwrap_or_else(|| panic!("not one attribute: {html}"));
    assert!(stays_html_text(value), "{html}");
    decode_html(value)
}

#[test]
fn xss_inputs_in_html_url_holes_stay_one_parameter_or_segment() {
    let base = url::Url::parse("https://example.com/").unwrap();
    for input in XSS.iter().chain(XSS_URLS) {
        let html = secure::html!(
            "<a href=\"/search?q={}\">s</a>",
            UrlQueryValue::encode(input)
        );
        let href = html_attribute(html.as_str(), "<a href=\"", "\">s</a>");
        let url = base.join(&href).unwrap();
        assert_eq!(url.origin(), base.origin(), "{input:?}");
        assert_eq!((url.path(), url.fragment()), ("/search", None));
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(pairs, [("q".to_owned(), (*input).to_owned())]);

        let segment = UrlPathSegment::encode(input).unwrap();
        let html = secure::html!("<a href=\"/files/{}\">f</a>", segment);
        let href = html_attribute(html.as_str(), "<a href=\"", "\">f</a>");
        let url = base.join(&href).unwrap();
        assert_eq!(url.origin(), base.origin(), "{input:?}");
        assert_eq!((url.query(), url.fragment()), (None, None));
        let segments: Vec<&str> = url.path_segments().unwrap().collect();
        assert_eq!(segments.len(), 2, "{input:?}");
        assert_eq!(segments[0], "files");
        assert_eq!(
            percent_encoding::percent_decode_str(segments[1])
                .decode_utf8()
                .unwrap(),
            *input
        );
    }
}

#[test]
fn html_template_encodes_each_hole_for_its_place() {
    let url = SafeUrl::parse("https://example.com/?a=1&b=2").unwrap();
    let html = secure::html!(
        "<a href=\"{}\" data-id=\"{}\">{}</a>{}",
        url,
        42,
        "<b>",
        secure::html!("<br>")
    );
    assert_eq!(
        html.as_str(),
        "<a href=\"https://example.com/?a=1&amp;b=2\" data-id=\"42\">&lt;b&gt;</a><br>"
    );
    assert_eq!(secure::html!("{{literal}} {}", 'x').as_str(), "{literal} x");
}

#[test]
fn safe_html_composes() {
    let rows: SafeHtml = ["a", "<b>"]
        .iter()
        .map(|cell| secure::html!("<td>{}</td>", cell))
        .collect();
    assert_eq!(rows.as_str(), "<td>a</td><td>&lt;b&gt;</td>");
    let page = secure::html!("<tr>") + rows + secure::html!("</tr>");
    assert_eq!(page.as_str(), "<tr><td>a</td><td>&lt;b&gt;</td></tr>");
}

#[cfg(feature = "rich-text")]
#[test]
fn rich_text_keeps_only_the_allowlist() {
    for input in XSS {
        let clean = SafeHtml::sanitize_rich_text(input)
            .into_string()
            .to_ascii_lowercase();
        // Text may mention anything, escaped; tags must carry no script, handler or style.
        for tag in clean
            .split('<')
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap())
        {
            assert!(
                !tag.starts_with("script") && !tag.starts_with("style"),
                "{input}: {clean}"
            );
            assert!(
                !tag.contains("=\"javascript:") && !tag.contains(" on"),
                "{input}: {clean}"
            );
            assert!(!tag.contains("style="), "{input}: {clean}");
        }
    }
    assert_eq!(
        SafeHtml::sanitize_rich_text("<p>Hi <em>there</em></p>").as_str(),
        "<p>Hi <em>there</em></p>"
    );
}

fn askama(text: &str) -> String {
    askama_escape::escape(text, askama_escape::Html).to_string()
}

proptest! {
    #[test]
    fn html_escaper_agrees_with_askama(text in any::<String>()) {
        let ours = SafeHtml::escape(&text)
            .as_str()
            .replace("&lt;", "&#60;")
            .replace("&gt;", "&#62;")
            .replace("&quot;", "&#34;")
            .replace("&amp;", "&#38;");
        prop_assert_eq!(ours, askama(&text));
    }

    #[test]
    fn html_escaper_agrees_with_askama_on_markup_heavy_text(text in "[<>&\"'a ]{0,200}") {
        let ours = SafeHtml::escape(&text)
            .as_str()
            .replace("&lt;", "&#60;")
            .replace("&gt;", "&#62;")
            .replace("&quot;", "&#34;")
            .replace("&amp;", "&#38;");
        prop_assert_eq!(ours, askama(&text));
    }

    #[test]
    fn every_encoder_stays_in_its_context(text in any::<String>()) {
        let html = SafeHtml::escape(&text);
        prop_assert!(stays_html_text(html.as_str()));
        prop_assert_eq!(decode_html(html.as_str()), text.clone());

        let unquoted = UnquotedAttrValue::encode(&text);
        prop_assert!(stays_unquoted(unquoted.as_str()));
        prop_assert_eq!(decode_unquoted(unquoted.as_str()), text.clone());

        let js = JsString::encode(&text);
        prop_assert!(stays_js_string(js.as_str()));
        prop_assert_eq!(decode_js(js.as_str()), text.clone());

        let css = CssString::encode(&text);
        prop_assert!(stays_css_string(css.as_str()));
        prop_assert_eq!(decode_css(css.as_str()), text.replace('\0', "\u{fffd}"));

        let query = UrlQueryValue::encode(&text);
        prop_assert!(stays_url_component(query.as_str()));
        prop_assert_eq!(decode_url(query.as_str()), text.clone());

        if let Ok(segment) = UrlPathSegment::encode(&text) {
            prop_assert!(stays_url_component(segment.as_str()));
            prop_assert_eq!(decode_url(segment.as_str()), text.clone());
        }
    }
}

/// Text that is mostly what redirect and URL checks meet: slashes, backslashes, schemes, hosts,
/// encodings and the characters browsers strip.
fn url_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(https?:|javascript:|JaVaScRiPt:|data:|//|/|\\\\|%5[cC]|%2[fF]|[a-z.]{1,8}|@|:|\\?|#|\t|\n|\r| |\u{0}|\u{3000}){0,8}",
    ]
}

proptest! {
    #[test]
    fn quoted_attribute_values_stay_quoted(text in any::<String>()) {
        let quoted = HtmlAttrValue::encode(&text);
        let value = quoted.as_str();
        prop_assert!(value.len() >= 2 && value.starts_with('"') && value.ends_with('"'));
        let inner = &value[1..value.len() - 1];
        prop_assert!(stays_html_text(inner));
        prop_assert_eq!(decode_html(inner), text);
    }

    #[test]
    fn header_values_never_hold_a_line_break_or_control(text in any::<String>()) {
        let breaks = |c: char| c.is_control() && c != '\t';
        match SafeHeaderValue::new(&text) {
            Ok(header) => {
                prop_assert_eq!(header.as_str(), text.as_str());
                prop_assert!(!text.chars().any(breaks), "{:?}", text);
            }
            Err(_) => prop_assert!(text.chars().any(breaks), "{:?}", text),
        }
    }

    #[test]
    fn accepted_local_redirects_stay_on_the_origin(text in url_like()) {
        let base = url::Url::parse("https://shop.example/account/").unwrap();
        if let Ok(redirect) = SafeRedirect::local(&text) {
            let target = redirect.as_str();
            prop_assert_eq!(target, text.as_str());
            prop_assert!(target.starts_with('/') && !target[1..].starts_with(['/', '\\']));
            prop_assert!(!target.chars().any(|c| c.is_control() || c == '\\'), "{:?}", target);
            let resolved = base.join(target).unwrap();
            prop_assert_eq!(resolved.host_str(), Some("shop.example"), "{:?}", target);
        }
    }

    #[test]
    fn accepted_redirects_to_hosts_go_only_to_those_hosts(text in url_like()) {
        let base = url::Url::parse("https://shop.example/").unwrap();
        if let Ok(redirect) = SafeRedirect::to_hosts(&text, &["accounts.example"]) {
            let resolved = base.join(redirect.as_str()).unwrap();
            let host = resolved.host_str();
            prop_assert!(
                host == Some("shop.example") || host == Some("accounts.example"),
                "{:?} goes to {:?}", text, host
            );
            prop_assert!(resolved.username().is_empty() && resolved.password().is_none());
        }
    }

    #[test]
    fn accepted_urls_have_an_allowed_scheme(text in url_like()) {
        if let Ok(safe) = SafeUrl::parse(&text) {
            let parsed = url::Url::parse(safe.as_str()).unwrap();
            prop_assert!(["http", "https"].contains(&parsed.scheme()), "{:?}", text);
            prop_assert!(!safe.as_str().chars().any(|c| c.is_control() || c == ' '));
        }
    }
}
