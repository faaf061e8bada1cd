//! A client of the service over real HTTP, as a browser-less user agent would be: it keeps
//! the cookies the service sets (sending them back by hand, so a test can also forge
//! them), and sends the CSRF token in `X-CSRF-Token`.

use std::collections::BTreeMap;

use http::{HeaderMap, Method};
use serde_json::Value;

/// One client: a cookie jar and a CSRF token.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    cookies: BTreeMap<String, String>,
    csrf_token: Option<String>,
}

/// A response, read whole.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, as text (lossily, for binary bodies).
    pub body: String,
}

impl Reply {
    /// The body as JSON, or `Null` if it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// A header's value, or `""`.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }

    /// The `code` member of a problem body, or `""`.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or("").to_owned()
    }
}

/// A request to send: method, path (with its query), body and extra headers.
#[derive(Clone, Debug)]
pub struct Send {
    method: Method,
    path: String,
    body: Option<(String, Vec<u8>)>,
    headers: Vec<(String, String)>,
    with_cookies: bool,
    with_token: bool,
}

impl Send {
    /// A request without a body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Send {
            method,
            path: path.into(),
            body: None,
            headers: Vec::new(),
            with_cookies: true,
            with_token: true,
        }
    }

    /// A `GET`.
    pub fn get(path: impl Into<String>) -> Self {
        Send::new(Method::GET, path)
    }

    /// A JSON body.
    pub fn json(self, value: &Value) -> Self {
        self.body("application/json", value.to_string())
    }

    /// A body of `content_type`.
    pub fn body(mut self, content_type: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.body = Some((content_type.to_owned(), bytes.into()));
        self
    }

    /// An extra header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sends none of the client's cookies, and keeps none of the answer's.
    pub fn without_cookies(mut self) -> Self {
        self.with_cookies = false;
        self
    }

    /// Sends no `X-CSRF-Token`.
    pub fn without_token(mut self) -> Self {
        self.with_token = false;
        self
    }

    /// The method and path, as the tour prints them.
    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// `path` with `pairs` as its query string, form-encoded.
///
/// ```
/// assert_eq!(notes_service::client::with_query("/search", &[("q", "50% off")]), "/search?q=50%25+off");
/// ```
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let query = reqwest::Url::parse("http://localhost/")
        .map(|mut url| {
            url.query_pairs_mut().extend_pairs(pairs);
            url.query().unwrap_or("").to_owned()
        })
        .unwrap_or_default();
    format!("{path}?{query}")
}

/// An HTTP client that does not follow redirects (a redirect is an answer to look at),
/// sending from `local` if given.
fn http_client(local: Option<std::net::IpAddr>) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .local_address(local)
        .build()
        .unwrap_or_default()
}

impl Client {
    /// A client of the service at `base_url`, such as `http://127.0.0.1:3000`.
    pub fn new(base_url: impl Into<String>) -> Self {
        Client {
            http: http_client(None),
            base_url: base_url.into(),
            cookies: BTreeMap::new(),
            csrf_token: None,
        }
    }

    /// The same client sending from the local address `local`, such as `127.0.0.2` (any
    /// address of `127.0.0.0/8` reaches a server on `127.0.0.1`): a second client address.
    #[must_use]
    pub fn from_address(mut self, local: std::net::IpAddr) -> Self {
        self.http = http_client(Some(local));
        self
    }

    /// The value of a cookie the service set.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// Sets (or forges) a cookie.
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_owned(), value.to_owned());
    }

    /// The CSRF token last read from `GET /session`.
    pub fn csrf_token(&self) -> Option<&str> {
        self.csrf_token.as_deref()
    }

    /// Sends `request`, keeps the cookies of the answer, and reads it whole.
    pub async fn send(&mut self, request: Send) -> Result<Reply, reqwest::Error> {
        let url = format!("{}{}", self.base_url, request.path);
        let mut builder = self.http.request(request.method, url);
        if request.with_cookies && !self.cookies.is_empty() {
            let jar = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ");
            builder = builder.header("cookie", jar);
        }
        if let Some(token) = self.csrf_token.as_ref().filter(|_| request.with_token) {
            builder = builder.header("x-csrf-token", token);
        }
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some((content_type, bytes)) = request.body {
            builder = builder.header("content-type", content_type).body(bytes);
        }

        let response = builder.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        // A request sent without the jar stands for another user agent: its cookies are not
        // this client's.
        if request.with_cookies {
            for set in headers.get_all("set-cookie") {
                self.keep(set.to_str().unwrap_or(""));
            }
        }
        let bytes = response.bytes().await?;
        Ok(Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    fn keep(&mut self, set_cookie: &str) {
        let mut attributes = set_cookie.split(';');
        let Some((name, value)) = attributes.next().and_then(|pair| pair.split_once('=')) else {
            return;
        };
        let expired =
            attributes.any(|attribute| attribute.trim().eq_ignore_ascii_case("max-age=0"));
        match expired {
            true => self.cookies.remove(name.trim()),
            false => self
                .cookies
                .insert(name.trim().to_owned(), value.trim().to_owned()),
        };
    }

    /// Reads `GET /session`, keeping its CSRF token for the requests that follow.
    pub async fn refresh_token(&mut self) -> Result<Reply, reqwest::Error> {
        let reply = self.send(Send::get("/session")).await?;
        self.csrf_token = reply.json()["csrf_token"].as_str().map(str::to_owned);
        Ok(reply)
    }

    /// Sends a JSON request with the session's CSRF token, reading a token first if there
    /// is none yet.
    pub async fn json(
        &mut self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<Reply, reqwest::Error> {
        if self.csrf_token.is_none() {
            self.refresh_token().await?;
        }
        self.send(Send::new(method, path).json(body)).await
    }

    /// Signs up `username`.
    pub async fn sign_up(
        &mut self,
        username: &str,
        password: &str,
    ) -> Result<Reply, reqwest::Error> {
        let body = serde_json::json!({ "username": username, "password": password });
        self.json(Method::POST, "/signup", &body).await
    }

    /// Signs in as `username`, then reads the new session's CSRF token.
    pub async fn log_in(
        &mut self,
        username: &str,
        password: &str,
    ) -> Result<Reply, reqwest::Error> {
        let body = serde_json::json!({ "username": username, "password": password });
        let reply = self.json(Method::POST, "/login", &body).await?;
        self.refresh_token().await?;
        Ok(reply)
    }
}
