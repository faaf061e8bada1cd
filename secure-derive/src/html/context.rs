//! Reads an HTML template the way a browser's tokenizer would, to learn where each hole
//! stands and refuse the places where no encoder is enough.

use crate::template::Token;

/// Where a hole stands, and so what it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HoleKind {
    /// Element text: markup as it is, or escaped text.
    Text,
    /// Inside a quoted attribute value: escaped text.
    Attr,
    /// At the start of a URL attribute value: a checked URL.
    UrlStart,
    /// At the start of a URL attribute that loads code (`<script src>`): a URL on this site.
    LocalUrlStart,
    /// Later in a URL attribute value: an encoded component.
    UrlPart,
    /// A whole unquoted attribute value: a self-delimiting encoded value.
    Unquoted,
}

/// The template cut into literal markup and holes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    Literal(String),
    Hole(HoleKind),
}

/// Elements whose content the browser does not decode, so escaping cannot protect a hole.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Attributes that hold a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "cite",
    "data",
    "poster",
    "background",
    "longdesc",
    "manifest",
    "codebase",
    "icon",
    "ping",
    "srcset",
    "xlink:href",
    "lowsrc",
    "dynsrc",
    "profile",
    "usemap",
    "classid",
    "archive",
];

/// URL attributes that load code into the page or move where its other URLs point: a hole
/// starting one takes a URL on this site, never one that may point anywhere.
const CODE_URLS: &[(&str, &str)] = &[
    ("script", "src"),
    ("script", "href"),
    ("script", "xlink:href"),
    ("base", "href"),
    ("link", "href"),
    ("object", "data"),
    ("object", "codebase"),
    ("object", "classid"),
    ("object", "archive"),
    ("embed", "src"),
    ("applet", "code"),
    ("applet", "codebase"),
    ("applet", "archive"),
    ("form", "action"),
    ("button", "formaction"),
    ("input", "formaction"),
];

/// SVG animation elements, whose `values`, `to`, `from` and `by` rewrite another attribute of
/// their parent (an `href` into `javascript:`), and the attribute naming which.
const ANIMATION: &[&str] = &["animate", "set", "animatemotion", "animatetransform"];
const ANIMATION_VALUES: &[&str] = &["values", "to", "from", "by", "attributename"];

#[derive(Clone, Debug)]
enum State {
    Data,
    TagOpen,
    TagName,
    BeforeAttr,
    AttrName(String),
    AfterAttrName(String),
    BeforeValue(String),
    Quoted {
        attr: String,
        quote: char,
        /// The value so far: its characters, and `None` for each hole.
        value: Vec<Option<char>>,
    },
    Unquoted,
    AfterUnquotedHole,
    Comment,
    Declaration,
    RawText(String),
}

/// Cuts `tokens` into pieces, or returns every reason a hole or the ending is refused.
pub(crate) fn scan(tokens: &[Token]) -> Result<Vec<Piece>, Vec<String>> {
    let mut scanner = Scanner::default();
    let mut at = 0;
    while at < tokens.len() {
        match tokens[at] {
            Token::Hole => scanner.hole(),
            Token::Char(c) => scanner.char(c, &tokens[at + 1..]),
        }
        at += 1 + std::mem::take(&mut scanner.skip);
    }
    scanner.finish()
}

#[derive(Default)]
struct Scanner {
    state: Option<State>,
    tag: String,
    end_tag: bool,
    literal: String,
    pieces: Vec<Piece>,
    errors: Vec<String>,
    skip: usize,
    /// Whether the current tag has an `http-equiv` attribute.
    http_equiv: bool,
    /// Whether a hole stands in the current tag's `content` attribute.
    content_hole: bool,
    /// Whether `<!--` was refused in the current `<script>` already.
    script_comment_refused: bool,
}

impl Scanner {
    fn state(&self) -> State {
        self.state.clone().unwrap_or(State::Data)
    }

    fn char(&mut self, c: char, rest: &[Token]) {
        self.literal.push(c);
        let next = match self.state() {
            State::Data => {
                if c == '<' {
                    State::TagOpen
                } else {
                    State::Data
                }
            }
            State::TagOpen => self.tag_open(c, rest),
            State::TagName => match c {
                c if c.is_ascii_whitespace() || c == '/' => State::BeforeAttr,
                '>' => self.after_tag(),
                c => {
                    self.tag.push(c.to_ascii_lowercase());
                    State::TagName
                }
            },
            State::BeforeAttr => match c {
                c if c.is_ascii_whitespace() || c == '/' => State::BeforeAttr,
                '>' => self.after_tag(),
                c => State::AttrName(c.to_ascii_lowercase().to_string()),
            },
            State::AttrName(mut name) => match c {
                c if c.is_ascii_whitespace() => State::AfterAttrName(name),
                '=' => {
                    self.http_equiv |= name == "http-equiv";
                    State::BeforeValue(name)
                }
                '/' => State::BeforeAttr,
                '>' => self.after_tag(),
                c => {
                    name.push(c.to_ascii_lowercase());
                    State::AttrName(name)
                }
            },
            State::AfterAttrName(name) => match c {
                c if c.is_ascii_whitespace() => State::AfterAttrName(name),
                '=' => {
                    self.http_equiv |= name == "http-equiv";
                    State::BeforeValue(name)
                }
                '/' => State::BeforeAttr,
                '>' => self.after_tag(),
                c => State::AttrName(c.to_ascii_lowercase().to_string()),
            },
            State::BeforeValue(attr) => match c {
                c if c.is_ascii_whitespace() => State::BeforeValue(attr),
                '"' | '\'' => State::Quoted {
                    attr,
                    quote: c,
                    value: Vec::new(),
                },
                '>' => self.after_tag(),
                _ => State::Unquoted,
            },
            State::Quoted {
                attr,
                quote,
                mut value,
            } => {
                if c == quote {
                    if URL_ATTRIBUTES.contains(&attr.as_str())
                        && let Err(error) = url_scheme(&self.tag, &attr, &value)
                    {
                        self.errors.push(error);
                    }
                    State::BeforeAttr
                } else {
                    value.push(Some(c));
                    State::Quoted { attr, quote, value }
                }
            }
            State::Unquoted => match c {
                c if c.is_ascii_whitespace() => State::BeforeAttr,
                '>' => self.after_tag(),
                _ => State::Unquoted,
            },
            State::AfterUnquotedHole => match c {
                c if c.is_ascii_whitespace() || c == '/' => State::BeforeAttr,
                '>' => self.after_tag(),
                _ => {
                    self.errors.push(String::from(
                        "a hole of `html!` in an unquoted attribute value must be the whole value; quote the value (`name=\"..{}..\"`)",
                    ));
                    State::Unquoted
                }
            },
            State::Comment => {
                if self.literal.ends_with("-->") {
                    State::Data
                } else {
                    State::Comment
                }
            }
            State::Declaration => {
                if c == '>' {
                    State::Data
                } else {
                    State::Declaration
                }
            }
            State::RawText(element) => self.raw_text(c, element, rest),
        };
        self.state = Some(next);
    }

    fn tag_open(&mut self, c: char, rest: &[Token]) -> State {
        match c {
            '!' if rest.starts_with(&[Token::Char('-'), Token::Char('-')]) => {
                self.literal.push_str("--");
                self.skip = 2;
                State::Comment
            }
            '!' | '?' => State::Declaration,
            '/' => {
                self.start_tag(true);
                State::TagName
            }
            c if c.is_ascii_alphabetic() => {
                self.start_tag(false);
                self.tag.push(c.to_ascii_lowercase());
                State::TagName
            }
            _ => State::Data,
        }
    }

    fn start_tag(&mut self, end_tag: bool) {
        self.tag.clear();
        self.end_tag = end_tag;
        self.http_equiv = false;
        self.content_hole = false;
    }

    fn after_tag(&mut self) -> State {
        if self.tag == "meta" && self.http_equiv && self.content_hole {
            self.errors.push(String::from(
                "a hole of `html!` cannot stand in `content` of a `<meta http-equiv>`, which can send the page elsewhere (`refresh`) or set its policies; write the value in the template",
            ));
        }
        self.script_comment_refused = false;
        if !self.end_tag && RAW_TEXT.contains(&self.tag.as_str()) {
            State::RawText(self.tag.clone())
        } else {
            State::Data
        }
    }

    fn raw_text(&mut self, c: char, element: String, rest: &[Token]) -> State {
        if c != '<' {
            return State::RawText(element);
        }
        // In a script, `<!--` starts the states where `</script>` may not end it; the scanner
        // does not follow them, so it refuses the template.
        let comment = [Token::Char('!'), Token::Char('-'), Token::Char('-')];
        if element == "script" && rest.starts_with(&comment) && !self.script_comment_refused {
            self.script_comment_refused = true;
            self.errors.push(String::from(
                "`<!--` inside `<script>` changes where the browser ends the element, so `html!` cannot place the holes after it; remove it (it has had no use since the 1990s)",
            ));
        }
        // `</name` ends the element only when whitespace, `/` or `>` follows, as a browser
        // reads it: `</scriptx>` is script text.
        let closing: Vec<char> = std::iter::once('/').chain(element.chars()).collect();
        let matches = rest.len() > closing.len()
            && rest.iter().zip(&closing).all(|(token, expected)| {
                matches!(token, Token::Char(c) if c.eq_ignore_ascii_case(expected))
            })
            && matches!(
                rest[closing.len()],
                Token::Char(c) if c.is_ascii_whitespace() || c == '/' || c == '>'
            );
        if matches {
            State::TagOpen
        } else {
            State::RawText(element)
        }
    }

    fn hole(&mut self) {
        let (kind, next) = match self.state() {
            State::Data => (Ok(HoleKind::Text), State::Data),
            State::Quoted {
                attr,
                quote,
                mut value,
            } => {
                self.content_hole |= attr == "content";
                let kind = quoted_hole(&self.tag, &attr, is_blank(&value));
                value.push(None);
                (kind, State::Quoted { attr, quote, value })
            }
            State::BeforeValue(attr) => {
                self.content_hole |= attr == "content";
                (unquoted_hole(&self.tag, &attr), State::AfterUnquotedHole)
            }
            State::Unquoted | State::AfterUnquotedHole => (
                Err(String::from(
                    "a hole of `html!` in an unquoted attribute value must be the whole value; quote the value (`name=\"..{}..\"`)",
                )),
                State::Unquoted,
            ),
            State::TagOpen | State::TagName => (
                Err(String::from(
                    "a hole of `html!` cannot be a tag name; write the tag in the template",
                )),
                State::TagName,
            ),
            state @ (State::BeforeAttr | State::AttrName(_) | State::AfterAttrName(_)) => (
                Err(String::from(
                    "a hole of `html!` cannot be an attribute name; write the attribute in the template and put the hole in its quoted value",
                )),
                state,
            ),
            State::Comment => (
                Err(String::from(
                    "a hole of `html!` cannot stand in an HTML comment",
                )),
                State::Comment,
            ),
            State::Declaration => (
                Err(String::from(
                    "a hole of `html!` cannot stand in a `<!...>` or `<?...>` declaration",
                )),
                State::Declaration,
            ),
            State::RawText(element) => (
                Err(format!(
                    "a hole of `html!` cannot stand inside `<{element}>`, where HTML escaping does not apply; put the value in a quoted `data-` attribute and read it from there"
                )),
                State::RawText(element),
            ),
        };
        self.state = Some(next);
        match kind {
            Ok(kind) => {
                let literal = std::mem::take(&mut self.literal);
                if !literal.is_empty() {
                    self.pieces.push(Piece::Literal(literal));
                }
                self.pieces.push(Piece::Hole(kind));
            }
            Err(message) => self.errors.push(message),
        }
    }

    fn finish(mut self) -> Result<Vec<Piece>, Vec<String>> {
        match self.state() {
            State::Data => {}
            State::RawText(element) => self.errors.push(format!(
                "the template of `html!` ends inside `<{element}>`; close the element in the same template"
            )),
            _ => self.errors.push(String::from(
                "the template of `html!` ends inside a tag, an attribute or a comment; close it in the same template, so that the next piece starts in text",
            )),
        }
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        if !self.literal.is_empty() {
            self.pieces.push(Piece::Literal(self.literal));
        }
        Ok(self.pieces)
    }
}

fn is_code_attribute(attr: &str) -> bool {
    attr.starts_with("on") || attr == "style" || attr == "srcdoc"
}

fn code_attribute_error(attr: &str) -> String {
    format!(
        "a hole of `html!` cannot stand in `{attr}`, whose value is run as code; put the value in a quoted `data-` attribute and read it from there"
    )
}

/// Refuses a hole in an attribute that no encoder makes safe, wherever in the value it stands.
fn refused_attribute(tag: &str, attr: &str) -> Result<(), String> {
    if is_code_attribute(attr) {
        Err(code_attribute_error(attr))
    } else if attr == "http-equiv" {
        Err(String::from(
            "a hole of `html!` cannot stand in `http-equiv`, which can turn `content` into a redirect or a policy; write the value in the template",
        ))
    } else if ANIMATION.contains(&tag) && ANIMATION_VALUES.contains(&attr) {
        Err(format!(
            "a hole of `html!` cannot stand in `{attr}` of `<{tag}>`, which can rewrite a link of the element around it (an `href` into `javascript:`); write the value in the template"
        ))
    } else {
        Ok(())
    }
}

fn quoted_hole(tag: &str, attr: &str, empty: bool) -> Result<HoleKind, String> {
    refused_attribute(tag, attr)?;
    if CODE_URLS.contains(&(tag, attr)) && empty {
        Ok(HoleKind::LocalUrlStart)
    } else if URL_ATTRIBUTES.contains(&attr) {
        Ok(if empty {
            HoleKind::UrlStart
        } else {
            HoleKind::UrlPart
        })
    } else {
        Ok(HoleKind::Attr)
    }
}

/// URL attributes whose URL is loaded as an image only.
const IMAGE_URLS: &[(&str, &str)] = &[
    ("img", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("video", "poster"),
];

/// Schemes whose URL runs code or carries a whole document in the page's name.
const CODE_SCHEMES: &[&str] = &["javascript", "vbscript", "livescript", "mocha", "data"];

/// Refuses a URL attribute whose holes stand after literal text, when that text starts a
/// scheme that runs code (`href="javascript:go({})"`) or when a hole stands inside the scheme
/// itself (`href="java{}:.."`). The text is read as the browser reads it: character
/// references decoded, tabs and newlines dropped, leading spaces and controls trimmed. A
/// value that starts with a hole is a checked URL, which decides its own scheme.
fn url_scheme(tag: &str, attr: &str, value: &[Option<char>]) -> Result<(), String> {
    // A hole after nothing but ASCII whitespace starts the value, as `quoted_hole` decides: it
    // is a checked URL. After anything else, even text that decodes to whitespace, it is an
    // encoded part.
    let Some(first_hole) = value.iter().position(Option::is_none) else {
        return Ok(());
    };
    if is_blank(&value[..first_hole]) {
        return Ok(());
    }
    let decoded = decode_references(value);
    let units = decoded
        .into_iter()
        .filter(|unit| !matches!(unit, Some('\t' | '\n' | '\r')))
        .skip_while(|unit| unit.is_some_and(|c| c <= ' '));
    let mut scheme = String::new();
    let mut hole_in_scheme = false;
    let mut ends_scheme = false;
    for unit in units {
        match unit {
            None => hole_in_scheme = true,
            Some(':') => {
                ends_scheme = true;
                break;
            }
            Some(c) if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase());
            }
            // `/`, `?`, `#` or any other character: a relative URL, with no scheme.
            Some(_) => return Ok(()),
        }
    }
    if !ends_scheme {
        return Ok(());
    }
    if hole_in_scheme {
        return Err(format!(
            "a hole of `html!` in `{attr}` stands inside the URL's scheme, which it could turn into `javascript:`; pass the whole URL as a `SafeUrl` (`{attr}=\"{{}}\"`)"
        ));
    }
    // An image loaded from a `data:` URL is decoded as an image, never run.
    if scheme == "data" && IMAGE_URLS.contains(&(tag, attr)) {
        return Ok(());
    }
    if CODE_SCHEMES.contains(&scheme.as_str()) {
        return Err(format!(
            "a hole of `html!` in `{attr}` follows the scheme `{scheme}:`, whose URLs run code or carry a document, so no encoding makes the value safe; link to an `http` or `https` URL instead"
        ));
    }
    Ok(())
}

/// Whether an attribute value so far is nothing but ASCII whitespace: a hole after it starts
/// the value.
fn is_blank(value: &[Option<char>]) -> bool {
    value
        .iter()
        .all(|unit| unit.is_some_and(|c| c.is_ascii_whitespace()))
}

/// `value` with the character references that can spell a scheme decoded: numeric ones
/// (`&#58;`, `&#x3A;`, with or without `;`, with any number of leading zeros) and `&colon;`,
/// `&Tab;`, `&NewLine;`, `&sol;`, `&quest;`, `&num;`, `&period;`, `&plus;`.
fn decode_references(value: &[Option<char>]) -> Vec<Option<char>> {
    // Named references are case-sensitive, as browsers read them.
    const NAMED: &[(&str, char)] = &[
        ("colon;", ':'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("sol;", '/'),
        ("quest;", '?'),
        ("num;", '#'),
        ("period;", '.'),
        ("plus;", '+'),
    ];
    let mut out = Vec::with_capacity(value.len());
    let mut at = 0;
    while at < value.len() {
        if value[at] != Some('&') {
            out.push(value[at]);
            at += 1;
            continue;
        }
        let rest: String = value[at + 1..].iter().map_while(|unit| *unit).collect();
        if let Some((decoded, used)) = numeric_reference(&rest) {
            out.push(Some(decoded));
            at += 1 + used;
        } else if let Some((name, decoded)) = NAMED.iter().find(|(name, _)| rest.starts_with(name))
        {
            out.push(Some(*decoded));
            at += 1 + name.len();
        } else {
            out.push(Some('&'));
            at += 1;
        }
    }
    out
}

/// A numeric character reference at the start of `rest` (after the `&`): the character and
/// how many characters it used.
fn numeric_reference(rest: &str) -> Option<(char, usize)> {
    let body = rest.strip_prefix('#')?;
    let (digits, radix, prefix) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 2),
        None => (body, 10, 1),
    };
    let count = digits.chars().take_while(|c| c.is_digit(radix)).count();
    if count == 0 {
        return None;
    }
    let number = digits[..count]
        .chars()
        .try_fold(0u32, |n, c| {
            n.checked_mul(radix)?.checked_add(c.to_digit(radix)?)
        })
        .unwrap_or(u32::MAX);
    let decoded = char::from_u32(number).unwrap_or(char::REPLACEMENT_CHARACTER);
    let semicolon = usize::from(digits[count..].starts_with(';'));
    Some((decoded, prefix + count + semicolon))
}

fn unquoted_hole(tag: &str, attr: &str) -> Result<HoleKind, String> {
    refused_attribute(tag, attr)?;
    if URL_ATTRIBUTES.contains(&attr) {
        Err(format!(
            "a hole of `html!` for the URL attribute `{attr}` must be quoted; write `{attr}=\"{{}}\"` and pass a `SafeUrl`"
        ))
    } else {
        Ok(HoleKind::Unquoted)
    }
}
