//! Reads a SQL query the way a database would, far enough to find the placeholders: `?` and
//! `{}` inside string literals, quoted identifiers and comments are text, not holes.

/// A hole of the query, in the order the text has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hole {
    /// `?`: a bound value.
    Value,
    /// `?` in the pattern of a `LIKE` or `ILIKE` that says `ESCAPE '\'`: a `LikePattern`.
    Like,
    /// `?` in the pattern of a `GLOB`: a `GlobPattern`.
    Glob,
    /// `?` in the query of a full-text `MATCH`: an `FtsQuery`.
    Match,
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
    /// A `?`, with the index of its hole.
    Placeholder(usize),
    Symbol(char),
    Other,
}

/// The words that end the pattern operand of `LIKE`, `ILIKE` or `GLOB` when they are not
/// nested in parentheses or a `CASE`: the operators that bind looser than `LIKE` and the
/// clauses that follow an expression.
const PATTERN_ENDS: &[&str] = &[
    "ESCAPE",
    "AND",
    "OR",
    "NOT",
    "IS",
    "ISNULL",
    "NOTNULL",
    "IN",
    "BETWEEN",
    "LIKE",
    "ILIKE",
    "GLOB",
    "MATCH",
    "REGEXP",
    "WHEN",
    "THEN",
    "ELSE",
    "FROM",
    "WHERE",
    "GROUP",
    "HAVING",
    "ORDER",
    "LIMIT",
    "OFFSET",
    "UNION",
    "INTERSECT",
    "EXCEPT",
    "JOIN",
    "ON",
    "USING",
    "AS",
    "ASC",
    "DESC",
    "RETURNING",
    "WINDOW",
];

/// The symbols that end a pattern operand outside parentheses: list separators, the end of
/// a statement, and comparisons, which bind no tighter than `LIKE`.
const PATTERN_END_SYMBOLS: &[char] = &[',', ';', '=', '<', '>', '!'];

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
                (':', Some(':')) => {
                    self.take();
                    self.take();
                    self.tokens.push(Token::Symbol(':'));
                    self.tokens.push(Token::Symbol(':'));
                }
                // A bracketed identifier, as SQLite reads `[name]`.
                ('[', _) => self.bracketed(),
                // A system variable, as `@@version`.
                ('@', Some('@')) => {
                    self.take();
                    self.take();
                    self.tokens.push(Token::Other);
                }
                (':' | '@', Some(next)) if next.is_ascii_digit() => {
                    self.error("numbered placeholders such as `:1` are not supported by `sql!`; write `?` and pass the arguments in order");
                    self.take();
                }
                (':' | '@' | '$', Some(next)) if next.is_alphabetic() || next == '_' => {
                    self.error("named placeholders such as `:name`, `@name` and `$name` are not supported by `sql!`; write `?` and pass the arguments in order");
                    self.take();
                }
                ('$', Some(next)) if next.is_ascii_digit() => {
                    self.error("numbered placeholders such as `$1` are not supported by `sql!`; write `?` and pass the arguments in order");
                    self.take();
                }
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
                (c, _) => {
                    self.take();
                    self.tokens.push(Token::Symbol(c));
                }
            }
        }
        self.check_patterns();
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

    /// `[..]`, up to the first `]`: SQLite's bracketed identifier (`[order]`), or a subscript
    /// or array in other dialects (`tags[1:2]`, `ARRAY[?, ?]`). A `?` in it is a placeholder;
    /// a `:` is not the start of a named one.
    fn bracketed(&mut self) {
        self.take();
        self.tokens.push(Token::Other);
        loop {
            match self.peek(0) {
                None => {
                    self.error("the query of `sql!` has an unterminated `[`; close it with `]`");
                    return;
                }
                Some(']') => {
                    self.take();
                    return;
                }
                Some('?') => self.placeholder(),
                Some(_) => {
                    self.take();
                }
            }
        }
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
        self.tokens.push(Token::Placeholder(self.holes.len()));
        self.holes.push(Hole::Value);
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

    /// Marks every `?` in the pattern operand of a `LIKE`, `ILIKE`, `GLOB` or `MATCH` as a
    /// pattern hole, however the operand is spelt (`'%' || ? || '%'`, `(?)`, `lower(?)`), and
    /// requires `ESCAPE '\'` after a `LIKE` pattern that has one, so that the escapes of the
    /// bound `LikePattern` mean what it expects.
    fn check_patterns(&mut self) {
        for at in 0..self.tokens.len() {
            let hole = match &self.tokens[at] {
                Token::Word(word) if word == "LIKE" || word == "ILIKE" => Hole::Like,
                Token::Word(word) if word == "GLOB" => Hole::Glob,
                // SQLite's `column MATCH query`, not MySQL's `MATCH (columns) AGAINST (..)`.
                Token::Word(word) if word == "MATCH" && !self.mysql_match(at) => Hole::Match,
                _ => continue,
            };
            let end = self.pattern_end(at + 1);
            let mut placeholders = false;
            for token in &self.tokens[at + 1..end] {
                if let Token::Placeholder(index) = token {
                    self.holes[*index] = hole;
                    placeholders = true;
                }
            }
            let escaped = matches!(&self.tokens[end..], [Token::Word(word), Token::Text(escape), ..] if word == "ESCAPE" && escape == "\\");
            if placeholders && hole == Hole::Like && !escaped {
                self.error("a `LIKE` pattern with a `?` in `sql!` must be followed by `ESCAPE '\\'`, and each `?` in it takes a `LikePattern`, so that `%` and `_` in the value match themselves");
            }
        }
    }

    /// Whether the `MATCH` at `at` is MySQL's `MATCH (columns) AGAINST (..)`: a parenthesised
    /// list followed by `AGAINST`.
    fn mysql_match(&self, at: usize) -> bool {
        if self.tokens.get(at + 1) != Some(&Token::Symbol('(')) {
            return false;
        }
        let mut depth = 0_usize;
        for (index, token) in self.tokens.iter().enumerate().skip(at + 1) {
            match token {
                Token::Symbol('(') => depth += 1,
                Token::Symbol(')') => {
                    depth -= 1;
                    if depth == 0 {
                        return matches!(self.tokens.get(index + 1), Some(Token::Word(word)) if word == "AGAINST");
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// The index of the token that ends the pattern operand starting at `start`.
    fn pattern_end(&self, start: usize) -> usize {
        let mut depth = 0_usize;
        for (at, token) in self.tokens.iter().enumerate().skip(start) {
            match token {
                Token::Symbol('(') => depth += 1,
                Token::Word(word) if word == "CASE" => depth += 1,
                Token::Symbol(')') => match depth.checked_sub(1) {
                    Some(outer) => depth = outer,
                    None => return at,
                },
                Token::Word(word) if word == "END" => match depth.checked_sub(1) {
                    Some(outer) => depth = outer,
                    None => return at,
                },
                Token::Symbol(c) if depth == 0 && PATTERN_END_SYMBOLS.contains(c) => return at,
                Token::Word(word) if depth == 0 && PATTERN_ENDS.contains(&word.as_str()) => {
                    return at;
                }
                _ => {}
            }
        }
        self.tokens.len()
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
        // Casts, names with `$`, and what looks like a named placeholder inside a string.
        let sql =
            "SELECT a::text, b$c, ':name', \"@x\", @@version, [a:b], c[1:2] FROM t WHERE d = ?";
        assert_eq!(holes(sql), [Hole::Value]);
        assert_eq!(holes("SELECT ARRAY[?, ?]"), [Hole::Value, Hole::Value]);
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
    fn every_placeholder_in_a_like_pattern_is_a_like_hole() {
        for sql in [
            r"SELECT * FROM t WHERE a LIKE '%' || ? || '%' ESCAPE '\' AND b = ?",
            r"SELECT * FROM t WHERE a LIKE (?) ESCAPE '\' AND b = ?",
            r"SELECT * FROM t WHERE a LIKE lower(?) ESCAPE '\' AND b = ?",
            r"SELECT * FROM t WHERE a NOT LIKE ? ESCAPE '\' AND b = ?",
            r"SELECT * FROM t WHERE a ILIKE ? ESCAPE '\' AND b = ?",
            r"SELECT * FROM t WHERE a LIKE ? COLLATE NOCASE ESCAPE '\' AND b = ?",
            r"SELECT * FROM t WHERE a LIKE CASE WHEN 1 THEN ? END ESCAPE '\' AND b = ?",
            r"SELECT * FROM t WHERE (a LIKE ? ESCAPE '\') = ?",
        ] {
            assert_eq!(holes(sql), [Hole::Like, Hole::Value], "{sql}");
        }
        assert_eq!(
            holes(r"SELECT ? LIKE a, b FROM t WHERE c LIKE ? || ? ESCAPE '\'"),
            [Hole::Value, Hole::Like, Hole::Like]
        );
        assert_eq!(
            holes(r"SELECT * FROM t WHERE a LIKE coalesce(?, 'x%') ESCAPE '\' LIMIT ?"),
            [Hole::Like, Hole::Value]
        );
    }

    #[test]
    fn a_like_pattern_ends_where_its_operand_does() {
        for sql in [
            "SELECT * FROM t WHERE a LIKE 'x%' AND b = ?",
            "SELECT * FROM t WHERE a LIKE 'x%' OR b = ?",
            "SELECT * FROM t WHERE (a LIKE 'x%') = ?",
            "SELECT a LIKE 'x%', ? FROM t",
            "SELECT * FROM t WHERE a LIKE b || 'x' = ?",
            "SELECT * FROM t WHERE a LIKE 'x%' LIMIT ?",
            "SELECT CASE WHEN a LIKE 'x%' THEN ? END FROM t",
            "SELECT * FROM t WHERE a LIKE 'x%'; SELECT ?",
        ] {
            assert_eq!(holes(sql), [Hole::Value], "{sql}");
        }
    }

    #[test]
    fn every_placeholder_in_a_glob_pattern_is_a_glob_hole() {
        for sql in [
            "SELECT * FROM t WHERE a GLOB ? AND b = ?",
            "SELECT * FROM t WHERE a NOT GLOB '*' || ? || '*' AND b = ?",
            "SELECT * FROM t WHERE a GLOB upper(?) AND b = ?",
        ] {
            assert_eq!(holes(sql), [Hole::Glob, Hole::Value], "{sql}");
        }
    }

    #[test]
    fn every_placeholder_in_a_full_text_query_is_a_match_hole() {
        for sql in [
            "SELECT * FROM notes_fts WHERE notes_fts MATCH ? AND owner = ?",
            "SELECT * FROM notes_fts WHERE body MATCH 'title: ' || ? ORDER BY rank LIMIT ?",
        ] {
            assert_eq!(holes(sql), [Hole::Match, Hole::Value], "{sql}");
        }
        // A parenthesised query is one too.
        assert_eq!(
            holes("SELECT * FROM notes WHERE body MATCH (?) AND n = ?"),
            [Hole::Match, Hole::Value]
        );
        // MySQL's `MATCH (columns) AGAINST (..)` is another operator.
        assert_eq!(
            holes("SELECT * FROM t WHERE MATCH (body, title) AGAINST (?)"),
            [Hole::Value]
        );
    }

    #[test]
    fn refuses_mistakes() {
        for sql in [
            "SELECT 'open",
            "SELECT /* open",
            "SELECT ?1",
            "SELECT * FROM t WHERE a = :name",
            "SELECT * FROM t WHERE a = @name",
            "SELECT * FROM t WHERE a = $name",
            "SELECT * FROM t WHERE a = $1",
            "SELECT * FROM t WHERE a = :1",
            "SELECT * FROM t WHERE a = @1",
            "SELECT [open",
            "SELECT * FROM t WHERE a LIKE ?",
            "SELECT * FROM t WHERE a NOT LIKE ? ESCAPE '!'",
            "SELECT * FROM t WHERE a LIKE '%' || ? || '%'",
            "SELECT * FROM t WHERE a LIKE lower(?) AND b = ?",
            "SELECT * FROM t WHERE a LIKE (? ESCAPE '\\')",
            "SELECT * FROM t WHERE a ILIKE ?",
            "SELECT '{' || { FROM t",
        ] {
            assert!(lex(sql).is_err(), "{sql}");
        }
    }
}
