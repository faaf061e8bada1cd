//! The `email` rule: a practical address grammar for sign-up forms.

/// Whether `text` is an email address in the grammar the `email` rule accepts.
///
/// The grammar is what mail systems deliver in practice, a strict subset of RFC 5321/5322
/// with the internationalized forms of RFC 6531:
///
/// - `local@domain` with exactly one `@`;
/// - the local part is a dot-atom: one or more runs of letters, digits and
///   ``!#$%&'*+-/=?^_`{|}~`` (or non-ASCII letters, digits and combining marks) separated by
///   single dots, with no dot at either end; at most 64 bytes. Quoted local parts
///   (`"a b"@example.com`) are rejected;
/// - the domain is two or more labels separated by dots; a domain with non-ASCII characters
///   is first converted to ASCII (strict IDNA, so `bücher.example` is accepted), and then
///   each label is 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen,
///   and the last label is not all digits. Address literals (`user@[192.0.2.1]`),
///   single-label domains and a trailing dot are rejected;
/// - the whole address is at most 254 bytes, counting the domain in its ASCII form.
///
/// Not checked: whether an internationalized domain mixes scripts or imitates another one.
/// `a@еxample.com`, whose first `е` is Cyrillic, is accepted: it is a valid domain
/// (`xn--xample-2of.com`), distinct from `example.com` although it reads the same. IDNA
/// itself does not refuse look-alikes; which ones to refuse is the application's policy
/// (UTS #39 describes the usual ones), and adding the `ascii` rule accepts only ASCII
/// addresses. The same holds for look-alike local parts.
///
/// ```
/// use secure::validate::rules::is_email;
///
/// assert!(is_email("user.name+tag@example.com"));
/// assert!(is_email("o'reilly@example.com"));
/// assert!(!is_email("us..er@example.com"));
/// assert!(!is_email("user@exam_ple.com"));
/// // A Cyrillic `е` in the domain: a look-alike of `example.com`, and a valid address.
/// assert!(is_email("a@\u{435}xample.com"));
/// ```
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    if !is_local_part(local) {
        return false;
    }

    if domain.is_ascii() {
        return local.len() + 1 + domain.len() <= 254 && is_ascii_domain(domain);
    }
    // Only non-ASCII domains pay for the IDNA conversion, and its allocation.
    match idna::domain_to_ascii_strict(domain) {
        Ok(ascii) => local.len() + 1 + ascii.len() <= 254 && is_ascii_domain(&ascii),
        Err(_) => false,
    }
}

fn is_local_part(local: &str) -> bool {
    if local.is_empty() || local.len() > 64 {
        return false;
    }
    if local.is_ascii() {
        return is_dotted(local.as_bytes(), |b| ASCII_ATEXT[usize::from(b)]);
    }
    local
        .split('.')
        .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

/// Whether `bytes` are runs of `allowed` bytes separated by single dots, with no dot at
/// either end: one pass, no allocation.
fn is_dotted(bytes: &[u8], allowed: impl Fn(u8) -> bool) -> bool {
    let mut previous_dot = true;
    for &byte in bytes {
        if byte == b'.' {
            if previous_dot {
                return false;
            }
            previous_dot = true;
        } else if allowed(byte) {
            previous_dot = false;
        } else {
            return false;
        }
    }
    !previous_dot
}

/// RFC 5322 `atext` among ASCII bytes: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
const ASCII_ATEXT: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8;
        table[byte] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'/'
                    | b'='
                    | b'?'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
                    | b'~'
            );
        byte += 1;
    }
    table
};

fn is_atext(c: char) -> bool {
    if c.is_ascii() {
        ASCII_ATEXT[c as usize]
    } else {
        // RFC 6531 allows any non-ASCII UTF-8; letters, marks and digits are what real
        // mailboxes use, and excluding the rest keeps out spaces, controls and bidi tricks.
        c.is_alphanumeric() || is_mark(c)
    }
}

fn is_mark(c: char) -> bool {
    use unicode_normalization::char::is_combining_mark;
    is_combining_mark(c)
}

/// Two or more LDH labels of 1 to 63 bytes, no hyphen at a label's ends, the last label not
/// all digits: one pass over the bytes.
fn is_ascii_domain(domain: &str) -> bool {
    let bytes = domain.as_bytes();
    let mut labels = 0;
    let mut start = 0;
    for end in memchr_dots(bytes).chain([bytes.len()]) {
        let label = &bytes[start..end];
        if label.is_empty()
            || label.len() > 63
            || label[0] == b'-'
            || label[label.len() - 1] == b'-'
            || !label
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        {
            return false;
        }
        labels += 1;
        start = end + 1;
    }
    let last = &bytes[bytes
        .iter()
        .rposition(|b| *b == b'.')
        .map_or(0, |dot| dot + 1)..];
    labels >= 2 && !last.iter().all(u8::is_ascii_digit)
}

fn memchr_dots(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, byte)| **byte == b'.')
        .map(|(position, _)| position)
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn accepts_practical_addresses() {
        for address in [
            "user.name+tag@example.com",
            "o'reilly@example.com",
            "user@sub.example.co.uk",
            "a@b.co",
            "x@bücher.example",
            "用户@例子.广告",
            "USER@EXAMPLE.COM",
        ] {
            assert!(is_email(address), "{address}");
        }
    }

    #[test]
    fn rejects_broken_dot_atoms_and_domains() {
        let long_label = format!("user@{}.com", "a".repeat(64));
        let long_local = format!("{}@example.com", "a".repeat(65));
        let long_total = format!(
            "{}@{}.com",
            "a".repeat(64),
            vec!["b".repeat(63); 3].join(".")
        );
        for address in [
            ".user@example.com",
            "user.@example.com",
            "us..er@example.com",
            "user@exam_ple.com",
            "user@-example.com",
            "user@example-.com",
            long_label.as_str(),
            long_local.as_str(),
            long_total.as_str(),
            "user@localhost",
            "user@example.com.",
            "user@[192.0.2.1]",
            "user@1.2.3.4",
            "\"quoted\"@example.com",
            "a@b@example.com",
            "@example.com",
            "user@",
            "",
            "user name@example.com",
            "user@exa mple.com",
            "user\u{202E}@example.com",
        ] {
            assert!(!is_email(address), "{address}");
        }
    }

    #[test]
    fn length_limits_are_inclusive() {
        let local = "a".repeat(64);
        assert!(is_email(&format!("{local}@example.com")));

        // 64 + 1 + 189 = 254 bytes.
        let domain = format!(
            "{}.{}.{}.com",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(57)
        );
        let at_limit = format!("{local}@{domain}");
        assert_eq!(at_limit.len(), 254);
        assert!(is_email(&at_limit));
        assert!(!is_email(&format!("{local}@e{domain}")));
    }
}
