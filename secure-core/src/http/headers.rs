//! Security headers with strict defaults, and the per-request CSP nonce.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, HeaderName, HeaderValue, header};

use super::RandomUnavailable;
use crate::random;

/// A fresh value for the CSP `'nonce-…'` source, made per request from the OS random source.
///
/// Inline `<script>` and `<style>` elements run only if they carry it:
/// `<script nonce="{nonce}">`. Handlers get it from the security headers layer (with the
/// `axum` feature it is an extractor). It is 128 bits, base64 encoded, so it needs no
/// escaping inside a quoted HTML attribute.
///
/// ```
/// use secure::http::CspNonce;
///
/// let nonce = CspNonce::generate()?;
/// assert_eq!(nonce.as_str().len(), 24);
/// assert_ne!(nonce, CspNonce::generate()?);
/// # Ok::<(), secure::http::RandomUnavailable>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CspNonce(String);

impl CspNonce {
    /// A new nonce from the OS random source.
    ///
    /// # Errors
    ///
    /// [`RandomUnavailable`] if the OS random source fails.
    pub fn generate() -> Result<Self, RandomUnavailable> {
        Ok(CspNonce(STANDARD.encode(random::bytes::<16>()?)))
    }

    /// The nonce, to write into `nonce="…"` attributes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CspNonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CspNonce(..)")
    }
}

impl fmt::Display for CspNonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The `Content-Security-Policy` directives that name script and style sources, which get
/// the request's nonce.
const NONCED: [&str; 2] = ["script-src", "style-src"];

/// The security headers every response gets, strict unless relaxed one by one.
///
/// | header | default |
/// | --- | --- |
/// | `Content-Security-Policy` | `default-src 'self'; script-src 'self' 'nonce-…'; style-src 'self' 'nonce-…'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'` |
/// | `Strict-Transport-Security` | `max-age=63072000; includeSubDomains` |
/// | `X-Frame-Options` | `DENY` |
/// | `X-Content-Type-Options` | `nosniff` |
/// | `Referrer-Policy` | `no-referrer` |
/// | `Permissions-Policy` | `camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()` |
/// | `Cross-Origin-Opener-Policy` | `same-origin` |
/// | `Cross-Origin-Resource-Policy` | `same-origin` |
///
/// A header the handler already set is left as it is: a route that must be framed, say,
/// sets its own `X-Frame-Options`. The CSP gets a fresh nonce per request.
///
/// ```
/// use secure::http::{CspNonce, SecurityHeaders};
///
/// let headers = SecurityHeaders::strict()
///     .csp_directive("img-src", "'self' https://images.example")
///     .build()?;
/// let mut response = http::HeaderMap::new();
/// let nonce = CspNonce::generate().unwrap();
/// headers.apply(&mut response, &nonce);
/// let csp = response["content-security-policy"].to_str().unwrap();
/// assert!(csp.contains(&format!("script-src 'self' 'nonce-{nonce}'")));
/// assert!(csp.contains("img-src 'self' https://images.example"));
/// assert_eq!(response["x-frame-options"], "DENY");
/// # Ok::<(), secure::http::HeaderError>(())
/// ```
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    csp: Vec<(String, String)>,
    fixed: Vec<(HeaderName, HeaderValue)>,
}

/// [`SecurityHeaders`] being configured; [`build`](Self::build) checks the values.
#[derive(Clone, Debug)]
#[must_use = "call `build()` to check the headers"]
pub struct SecurityHeadersBuilder {
    csp: Vec<(String, String)>,
    hsts: Option<String>,
    frame_options: Option<&'static str>,
    referrer_policy: String,
    permissions_policy: String,
    coop: &'static str,
    corp: &'static str,
}

impl SecurityHeaders {
    /// The strict defaults of the table above.
    pub fn strict() -> SecurityHeadersBuilder {
        let csp = [
            ("default-src", "'self'"),
            ("script-src", "'self'"),
            ("style-src", "'self'"),
            ("object-src", "'none'"),
            ("base-uri", "'none'"),
            ("frame-ancestors", "'none'"),
            ("form-action", "'self'"),
        ];
        SecurityHeadersBuilder {
            csp: csp
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
            hsts: Some("max-age=63072000; includeSubDomains".to_owned()),
            frame_options: Some("DENY"),
            referrer_policy: "no-referrer".to_owned(),
            permissions_policy:
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
                    .to_owned(),
            coop: "same-origin",
            corp: "same-origin",
        }
    }

    /// Sets every header the response does not have yet; the CSP with `nonce`.
    pub fn apply(&self, headers: &mut HeaderMap, nonce: &CspNonce) {
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY)
            && let Ok(value) = HeaderValue::from_str(&self.csp_with(nonce))
        {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
        for (name, value) in &self.fixed {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
    }

    /// The `Content-Security-Policy` value for one response.
    pub fn csp_with(&self, nonce: &CspNonce) -> String {
        let mut text = String::new();
        for (name, sources) in &self.csp {
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str(name);
            if !sources.is_empty() {
                text.push(' ');
                text.push_str(sources);
            }
            if NONCED.contains(&name.as_str()) {
                text.push_str(" 'nonce-");
                text.push_str(nonce.as_str());
                text.push('\'');
            }
        }
        text
    }
}

impl SecurityHeadersBuilder {
    /// Sets one CSP directive, replacing the default one of that name; `sources` is written
    /// as in the header, such as `"'self' https://cdn.example"`. `script-src` and `style-src`
    /// always get the nonce as well.
    pub fn csp_directive(mut self, name: &str, sources: &str) -> Self {
        let name = name.to_ascii_lowercase();
        match self.csp.iter_mut().find(|(known, _)| *known == name) {
            Some(entry) => entry.1 = sources.to_owned(),
            None => self.csp.push((name, sources.to_owned())),
        }
        self
    }

    /// Adds `preload` to HSTS: only once the domain is ready for the browsers' preload list.
    pub fn hsts_preload(mut self) -> Self {
        self.hsts = Some("max-age=63072000; includeSubDomains; preload".to_owned());
        self
    }

    /// Leaves HSTS out, for a service only reached over plain http in development.
    pub fn without_hsts(mut self) -> Self {
        self.hsts = None;
        self
    }

    /// `X-Frame-Options: SAMEORIGIN` and `frame-ancestors 'self'`: the site may frame itself.
    pub fn frames_from_same_origin(mut self) -> Self {
        self.frame_options = Some("SAMEORIGIN");
        self.csp_directive("frame-ancestors", "'self'")
    }

    /// Replaces the `Referrer-Policy`, such as `strict-origin-when-cross-origin`.
    pub fn referrer_policy(mut self, policy: &str) -> Self {
        policy.clone_into(&mut self.referrer_policy);
        self
    }

    /// Replaces the `Permissions-Policy`.
    pub fn permissions_policy(mut self, policy: &str) -> Self {
        policy.clone_into(&mut self.permissions_policy);
        self
    }

    /// `Cross-Origin-Resource-Policy: same-site`, for resources other subdomains load.
    pub fn resources_for_same_site(mut self) -> Self {
        self.corp = "same-site";
        self
    }

    /// Checks every value: a value with CR, LF, NUL or another control, or a CSP directive
    /// with `;` or `,`, is refused rather than split into other headers or directives.
    ///
    /// # Errors
    ///
    /// [`HeaderError`] naming the header.
    pub fn build(self) -> Result<SecurityHeaders, HeaderError> {
        for (name, sources) in &self.csp {
            let well_formed = !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && !sources.contains([';', ','])
                && HeaderValue::from_str(sources).is_ok();
            if !well_formed {
                return Err(HeaderError::new("content-security-policy"));
            }
        }
        let mut fixed = Vec::new();
        let mut push = |name: HeaderName, value: &str| match HeaderValue::from_str(value) {
            Ok(value) => {
                fixed.push((name, value));
                Ok(())
            }
            Err(_) => Err(HeaderError::new(name.as_str())),
        };
        if let Some(hsts) = &self.hsts {
            push(header::STRICT_TRANSPORT_SECURITY, hsts)?;
        }
        if let Some(frame) = self.frame_options {
            push(header::X_FRAME_OPTIONS, frame)?;
        }
        push(header::X_CONTENT_TYPE_OPTIONS, "nosniff")?;
        push(header::REFERRER_POLICY, &self.referrer_policy)?;
        push(
            HeaderName::from_static("permissions-policy"),
            &self.permissions_policy,
        )?;
        push(
            HeaderName::from_static("cross-origin-opener-policy"),
            self.coop,
        )?;
        push(
            HeaderName::from_static("cross-origin-resource-policy"),
            self.corp,
        )?;
        Ok(SecurityHeaders {
            csp: self.csp,
            fixed,
        })
    }
}

/// A header value that would have held CR, LF, NUL or another control character (or a CSP
/// directive that would have added others), refused. It names the header, not the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderError {
    header: String,
}

impl HeaderError {
    fn new(header: &str) -> Self {
        HeaderError {
            header: header.to_owned(),
        }
    }

    /// The name of the header.
    pub fn header(&self) -> &str {
        &self.header
    }
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid value for `{}`: no CR, LF, NUL or controls, and no `;` or `,` inside a CSP directive",
            self.header
        )
    }
}

impl std::error::Error for HeaderError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injected_directives_and_lines_are_refused() {
        let attack = SecurityHeaders::strict()
            .csp_directive("img-src", "* ; script-src *")
            .build();
        assert_eq!(attack.unwrap_err().header(), "content-security-policy");
        let attack = SecurityHeaders::strict()
            .referrer_policy("no-referrer\r\nSet-Cookie: a=b")
            .build();
        assert_eq!(attack.unwrap_err().header(), "referrer-policy");
        let attack = SecurityHeaders::strict()
            .permissions_policy("camera=()\0")
            .build();
        assert_eq!(attack.unwrap_err().header(), "permissions-policy");
    }

    #[test]
    fn handler_headers_win() {
        let headers = SecurityHeaders::strict().build().unwrap();
        let mut map = HeaderMap::new();
        map.insert(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("SAMEORIGIN"),
        );
        headers.apply(&mut map, &CspNonce::generate().unwrap());
        assert_eq!(map[header::X_FRAME_OPTIONS], "SAMEORIGIN");
        assert_eq!(map[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
}
