//! Reads a SQL query the way a database would, far enough to find the placeholders: `?` and
//! `{}` inside string literals, quoted identifiers and comments are text, not holes.

/// A hole of the query, in the order the text has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hole {
    /// `?`: a bound value.
    Value,
    /// `?` right after `LIKE`, followed by `ESCAPE '\'`: a `LikePattern`.
    Like,
    /// `{}`: an allowlisted identifier.
    Identifier,
}

/// The query cut at its identifier holes, and every hole in order.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Query {
    /// The text between identifier holes (one more piece than identifier holes).
    pub(crate) pieces: Vec<String>,
    pub(crate) holes: Vec<Hole>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    Text(String),
    Placeholder,
    Other,
}

/// Lexes `sql`, returning the query or every mistake found.
pub(crate) fn lex(sql: &str) -> Result<Query, Vec<String>> {
    let mut lexer = Lexer {
        chars: sql.chars().collect(),
        at: 0,
        pieces: vec![String::new()],
        holes: Vec::new(),
        tokens: Vec::new(),
        errors: Vec::new(),
    };
    lexer.run();
    if lexer.errors.is_empty() {
        Ok(Query {
            pieces: lexer.pieces,
            holes: lexer.holes,
        })
    } else {
        Err(lexer.errors)
    }
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
    pieces: Vec<String>,
    holes: Vec<Hole>,
    tokens: Vec<Token>,
    errors: Vec<String>,
}

impl Lexer {
    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            match (c, self.peek(1)) {
                ('\'', _) => self.quoted('\'', true),
                ('"' | '`', _) => self.quoted(c, false),
                ('-', Some('-')) => self.line_comment(),
                ('/', Some('*')) => self.block_comment(),
                ('?', _) => self.placeholder(),
                ('{', Some('}')) => {
                    self.at += 2;
                    self.holes.push(Hole::Identifier);
                    self.pieces.push(String::new());
                    self.tokens.push(Token::Other);
                }
                ('{' | '}', _) => {
                    self.error("a brace in the query of `sql!` must be `{}`, a hole for an allowlisted identifier; braces in data belong in a bound value or a string literal");
                    self.take();
                }
                (c, _) if c.is_alphabetic() || c == '_' => self.word(),
                (c, _) if c.is_whitespace() => {
                    self.take();
                }
                _ => {
                    self.take();
                    self.tokens.push(Token::Other);
                }
            }
        }
        self.check_like();
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn take(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        self.pieces.last_mut().expect("one piece at least").push(c);
        Some(c)
    }

    fn error(&mut self, message: &str) {
        let message = String::from(message);
        if !self.errors.contains(&message) {
            self.errors.push(message);
        }
    }

    /// A string literal (`'..'`) or a quoted identifier (`".."`, `` `..` ``); a doubled quote
    /// stands for itself.
    fn quoted(&mut self, quote: char, text: bool) {
        self.take();
        let mut content = String::new();
        loop {
            match self.take() {
                None => {
                    self.error("the query of `sql!` has an unterminated quote; close every `'`, `\"` and `` ` ``");
                    return;
                }
                Some(c) if c == quote && self.peek(0) == Some(quote) => {
                    self.take();
                    content.push(c);
                }
                Some(c) if c == quote => break,
                Some(c) => content.push(c),
            }
        }
        self.tokens.push(if text {
            Token::Text(content)
        } else {
            Token::Other
        });
    }

    fn line_comment(&mut self) {
        while let Some(c) = self.take() {
            if c == '\n' {
                break;
            }
        }
    }

    fn block_comment(&mut self) {
        self.take();
        self.take();
        loop {
            match self.take() {
                None => {
                    self.error("the query of `sql!` has an unterminated `/*` comment");
                    return;
                }
                Some('*') if self.peek(0) == Some('/') => {
                    self.take();
                    return;
                }
                Some(_) => {}
            }
        }
    }

    fn placeholder(&mut self) {
        self.take();
        if self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
            self.error("numbered placeholders such as `?1` are not supported by `sql!`; write `?` and pass the arguments in order");
        }
        let like = matches!(self.tokens.last(), Some(Token::Word(word)) if word == "LIKE" || word == "ILIKE");
        self.holes.push(if like { Hole::Like } else { Hole::Value });
        self.tokens.push(Token::Placeholder);
    }

    fn word(&mut self) {
        let mut word = String::new();
        while let Some(c) = self
            .peek(0)
            .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        {
            self.take();
            word.push(c.to_ascii_uppercase());
        }
        self.tokens.push(Token::Word(word));
    }

    /// Every `LIKE ?` must be followed by `ESCAPE '\'`, so that the bound `LikePattern`'s
    /// escapes mean what it expects.
    fn check_like(&mut self) {
        let escaped = |rest: &[Token]| matches!(rest, [Token::Word(word), Token::Text(escape), ..] if word == "ESCAPE" && escape == "\\");
        let unescaped = self.tokens.windows(2).enumerate().any(|(at, pair)| {
            matches!(pair, [Token::Word(word), Token::Placeholder] if word == "LIKE" || word == "ILIKE")
                && !escaped(&self.tokens[at + 2..])
        });
        if unescaped {
            self.error("a `LIKE ?` in `sql!` must be followed by `ESCAPE '\\'` and bound to a `LikePattern`, so that `%` and `_` in the value match themselves");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Hole, lex};

    fn holes(sql: &str) -> Vec<Hole> {
        lex(sql).expect("a valid query").holes
    }

    #[test]
    fn skips_placeholders_in_strings_identifiers_and_comments() {
        let sql = "SELECT '?', \"a?\", `b?` -- ?\n /* ? {} */ FROM t WHERE a = ? AND b = 'it''s ?'";
        assert_eq!(holes(sql), [Hole::Value]);
    }

    #[test]
    fn finds_identifier_and_like_holes() {
        let query = lex(r"SELECT {} FROM t WHERE name LIKE ? ESCAPE '\' AND id = ?").unwrap();
        assert_eq!(query.holes, [Hole::Identifier, Hole::Like, Hole::Value]);
        assert_eq!(
            query.pieces,
            [
                "SELECT ",
                r" FROM t WHERE name LIKE ? ESCAPE '\' AND id = ?"
            ]
        );
    }

    #[test]
    fn refuses_mistakes() {
        for sql in [
            "SELECT 'open",
            "SELECT /* open",
            "SELECT ?1",
            "SELECT * FROM t WHERE a LIKE ?",
            "SELECT * FROM t WHERE a NOT LIKE ? ESCAPE '!'",
            "SELECT '{' || { FROM t",
        ] {
            assert!(lex(sql).is_err(), "{sql}");
        }
    }
}
