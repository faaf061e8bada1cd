//! The layers through the real router: every security header and a fresh CSP nonce per
//! request, 500s and panics without internal detail, rate-limit exhaustion and recovery,
//! client addresses from the connection or trusted proxies only, IPv6 clients by network,
//! a store that forgets idle clients, and a real listener, which answers an oversized body
//! with a 413 the client gets to read.

#![cfg(feature = "axum")]

mod web_support;

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use governor::clock::FakeRelativeClock;
use secure::axum::rate_limit::{
    InMemoryStore, Quota, RateLimitKey, RateLimitLayer, RateLimitStore, SWEEP_AFTER_CHECKS,
};
use secure::axum::{
    AuthenticationLayer, InternalErrorLayer, Router, SecurityHeadersLayer, get, post,
};
use secure::http::{CorrelationId, CspNonce, SecurityHeaders, TrustedProxies};
use secure::prelude::*;
use web_support::{TestUsers, empty, run, send};

#[public]
async fn page(nonce: CspNonce) -> String {
    nonce.as_str().to_owned()
}

#[public]
async fn leaky() -> impl IntoResponse {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "connection to postgres://admin:hunter2@db failed",
    )
}

#[public]
async fn boom() -> &'static str {
    panic!("secret panic detail hunter2")
}

#[public]
async fn unavailable() -> impl IntoResponse {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(axum::http::header::RETRY_AFTER, "120")],
        "postgres://admin:hunter2@db refused the connection",
    )
}

#[public]
async fn bad_gateway() -> impl IntoResponse {
    (
        StatusCode::BAD_GATEWAY,
        "upstream http://10.0.0.7:8080/internal?token=hunter2 answered 500",
    )
}

#[public]
async fn whoami(id: CorrelationId) -> String {
    id.as_str().to_owned()
}

fn hardened() -> axum::Router {
    Router::new()
        .route("/", get(page))
        .route("/leaky", get(leaky))
        .route("/boom", get(boom))
        .route("/unavailable", get(unavailable))
        .route("/bad-gateway", get(bad_gateway))
        .route("/whoami", get(whoami))
        .layer(SecurityHeadersLayer::new(
            SecurityHeaders::strict().build().unwrap(),
        ))
        .layer(InternalErrorLayer::new())
        .into()
}

#[test]
fn every_security_header_is_set_with_a_fresh_nonce() {
    run(async {
        let app = hardened();
        let first = send(&app, empty("GET", "/")).await;
        let second = send(&app, empty("GET", "/")).await;
        assert_ne!(first.body, second.body);

        let nonce = &first.body;
        assert_eq!(nonce.len(), 24);
        assert_eq!(
            first.header("content-security-policy"),
            format!(
                "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
            )
        );
        assert_eq!(
            first.header("strict-transport-security"),
            "max-age=63072000; includeSubDomains"
        );
        assert_eq!(first.header("x-frame-options"), "DENY");
        assert_eq!(first.header("x-content-type-options"), "nosniff");
        assert_eq!(first.header("referrer-policy"), "no-referrer");
        assert_eq!(
            first.header("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
        );
        assert_eq!(first.header("cross-origin-opener-policy"), "same-origin");
        assert_eq!(first.header("cross-origin-resource-policy"), "same-origin");

        let problem = send(&app, empty("GET", "/leaky")).await;
        assert_eq!(problem.header("x-frame-options"), "DENY");
    });
}

#[test]
fn a_nonce_without_the_layer_is_a_500_not_a_made_up_value() {
    run(async {
        let app: axum::Router = Router::new().route("/", get(page)).into();
        let reply = send(&app, empty("GET", "/")).await;
        assert_eq!(reply.status, 500);
        assert_eq!(reply.code(), "internal");
    });
}

#[test]
fn internal_errors_and_panics_carry_only_a_correlation_id() {
    run(async {
        let app = hardened();
        // A 5xx other than 503 is answered as 500.
        for path in ["/leaky", "/boom", "/bad-gateway"] {
            let reply = send(&app, empty("GET", path)).await;
            assert_eq!(reply.status, 500, "{path}");
            assert_eq!(reply.code(), "internal");
            assert!(!reply.body.contains("hunter2"), "{}", reply.body);
            let id = reply.header("x-request-id").to_owned();
            assert_eq!(id.len(), 32);
            assert_eq!(reply.json()["correlation_id"], id.as_str());
            assert_eq!(reply.json()["detail"], "the request could not be completed");
            assert_eq!(reply.header("content-length"), reply.body.len().to_string());
        }
        // A 503 stays one, with the handler's Retry-After and nothing of its body.
        let unavailable = send(&app, empty("GET", "/unavailable")).await;
        assert_eq!(unavailable.status, 503);
        assert_eq!(unavailable.code(), "unavailable");
        assert_eq!(unavailable.header("retry-after"), "120");
        assert!(
            !unavailable.body.contains("hunter2"),
            "{}",
            unavailable.body
        );
        assert_eq!(
            unavailable.json()["correlation_id"],
            unavailable.header("x-request-id")
        );
        assert_eq!(
            unavailable.header("content-type"),
            "application/problem+json"
        );
    });
}

#[test]
fn correlation_ids_are_made_by_the_server() {
    run(async {
        let app = hardened();
        let request = Request::get("/whoami")
            .header("x-request-id", "CANARY-client-id")
            .body(Body::empty())
            .unwrap();
        let reply = send(&app, request).await;
        assert_eq!(reply.header("x-request-id"), reply.body);
        assert_ne!(reply.body, "CANARY-client-id");
        let next = send(&app, empty("GET", "/whoami")).await;
        assert_ne!(next.body, reply.body);
    });
}

fn from(address: &str, uri: &str) -> Request<Body> {
    let mut request = empty("GET", uri);
    let peer: SocketAddr = address.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

#[public]
async fn cheap() -> &'static str {
    "ok"
}

fn limited(clock: &FakeRelativeClock, proxies: TrustedProxies) -> axum::Router {
    let quota =
        Quota::per_second(NonZeroU32::new(1).unwrap()).allow_burst(NonZeroU32::new(2).unwrap());
    let store = InMemoryStore::with_clock(quota, clock.clone());
    Router::new()
        .route("/", get(cheap))
        .layer(RateLimitLayer::per_client_address(store).trusted_proxies(proxies))
        .into()
}

#[test]
fn rate_limits_exhaust_answer_429_and_recover() {
    run(async {
        let clock = FakeRelativeClock::default();
        let app = limited(&clock, TrustedProxies::none());
        assert_eq!(send(&app, from("203.0.113.1:5000", "/")).await.status, 200);
        assert_eq!(send(&app, from("203.0.113.1:5001", "/")).await.status, 200);

        let limited = send(&app, from("203.0.113.1:5002", "/")).await;
        assert_eq!(limited.status, 429);
        assert_eq!(limited.code(), "rate_limited");
        assert_eq!(limited.header("retry-after"), "1");

        assert_eq!(send(&app, from("203.0.113.2:5000", "/")).await.status, 200);

        clock.advance(Duration::from_millis(1_000));
        assert_eq!(send(&app, from("203.0.113.1:5003", "/")).await.status, 200);
        assert_eq!(send(&app, from("203.0.113.1:5004", "/")).await.status, 429);
    });
}

#[test]
fn forwarded_addresses_are_ignored_unless_the_proxy_is_trusted() {
    run(async {
        let clock = FakeRelativeClock::default();
        let app = limited(&clock, TrustedProxies::none());
        for spoof in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
            let mut request = from("198.51.100.9:4000", "/");
            request
                .headers_mut()
                .insert("x-forwarded-for", spoof.parse().unwrap());
            let status = send(&app, request).await.status;
            assert_eq!(
                status,
                if spoof == "3.3.3.3" { 429 } else { 200 },
                "{spoof}"
            );
        }

        let proxies = TrustedProxies::none().with_network("10.0.0.0/8").unwrap();
        let app = limited(&clock, proxies);
        for client in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
            let mut request = from("10.0.0.1:4000", "/");
            request.headers_mut().insert(
                "x-forwarded-for",
                format!("6.6.6.6, {client}").parse().unwrap(),
            );
            assert_eq!(send(&app, request).await.status, 200, "{client}");
        }
    });
}

#[test]
fn one_ipv6_network_shares_one_bucket_whatever_address_it_picks() {
    run(async {
        let clock = FakeRelativeClock::default();
        let app = limited(&clock, TrustedProxies::none());
        let rotating = [
            "[2001:db8:5:6::1]:1",
            "[2001:db8:5:6::2]:1",
            "[2001:db8:5:6:ffff::3]:1",
        ];
        let statuses: Vec<u16> = statuses_from(&app, &rotating).await;
        assert_eq!(statuses, [200, 200, 429]);
        let neighbour = send(&app, from("[2001:db8:5:7::1]:1", "/")).await;
        assert_eq!(neighbour.status, 200);
    });
}

#[test]
fn the_ipv6_network_size_is_configurable() {
    run(async {
        let clock = FakeRelativeClock::default();
        let quota = Quota::per_hour(NonZeroU32::new(1).unwrap());
        let app = |prefix: u8| -> axum::Router {
            let store = InMemoryStore::with_clock(quota, clock.clone());
            Router::new()
                .route("/", get(cheap))
                .layer(RateLimitLayer::per_client_address(store).ipv6_prefix(prefix))
                .into()
        };
        let whole_block = app(48);
        assert_eq!(
            send(&whole_block, from("[2001:db8:1:1::1]:1", "/"))
                .await
                .status,
            200
        );
        assert_eq!(
            send(&whole_block, from("[2001:db8:1:2::1]:1", "/"))
                .await
                .status,
            429
        );
        let single_addresses = app(128);
        assert_eq!(
            send(&single_addresses, from("[2001:db8:1:1::1]:1", "/"))
                .await
                .status,
            200
        );
        assert_eq!(
            send(&single_addresses, from("[2001:db8:1:1::2]:1", "/"))
                .await
                .status,
            200
        );
    });
}

#[test]
fn ipv4_mapped_peers_and_proxies_count_as_ipv4() {
    run(async {
        let clock = FakeRelativeClock::default();
        let app = limited(&clock, TrustedProxies::none());
        let statuses = statuses_from(
            &app,
            &["203.0.113.4:1", "[::ffff:203.0.113.4]:1", "203.0.113.4:2"],
        )
        .await;
        assert_eq!(statuses, [200, 200, 429]);

        // A dual-stack listener reports the IPv4 proxy as a mapped address: still trusted.
        let proxies = TrustedProxies::none().with_network("10.0.0.0/8").unwrap();
        let app = limited(&clock, proxies);
        for client in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
            let mut request = from("[::ffff:10.0.0.1]:4000", "/");
            request
                .headers_mut()
                .insert("x-forwarded-for", client.parse().unwrap());
            assert_eq!(send(&app, request).await.status, 200, "{client}");
        }
    });
}

async fn statuses_from(app: &axum::Router, peers: &[&str]) -> Vec<u16> {
    let mut statuses = Vec::new();
    for peer in peers {
        statuses.push(send(app, from(peer, "/")).await.status.as_u16());
    }
    statuses
}

#[test]
fn the_in_memory_store_forgets_idle_clients_on_its_own() {
    run(async {
        let clock = FakeRelativeClock::default();
        let quota = Quota::per_second(NonZeroU32::new(1).unwrap());
        let store = InMemoryStore::with_clock(quota, clock.clone());
        let mut most = 0;
        for client in 0..20_000u32 {
            let key = RateLimitKey::Address(std::net::Ipv4Addr::from(client).into());
            assert!(store.check(&key).await.is_ok());
            if client % 100 == 99 {
                clock.advance(Duration::from_secs(3));
            }
            most = most.max(store.len());
        }
        // Without sweeps it would hold all 20 000; idle keys go once the checks since the last
        // sweep reach the keys held, so it stays within twice the sweep threshold.
        assert!(most <= 2 * SWEEP_AFTER_CHECKS, "held {most} keys");
        assert!(most >= SWEEP_AFTER_CHECKS, "held {most} keys");

        // A key still counting down survives a sweep: its limit is not reset.
        let busy = RateLimitKey::Address("198.51.100.1".parse().unwrap());
        assert!(store.check(&busy).await.is_ok());
        for _ in 0..2 * SWEEP_AFTER_CHECKS {
            assert!(store.check(&busy).await.is_err());
        }
        assert_eq!(store.len(), 1);
    });
}

#[test]
fn without_a_peer_address_the_limit_fails_closed() {
    run(async {
        let clock = FakeRelativeClock::default();
        let reply = send(&limited(&clock, TrustedProxies::none()), empty("GET", "/")).await;
        assert_eq!(reply.status, 500);
    });
}

#[test]
fn subjects_are_limited_per_subject() {
    run(async {
        let clock = FakeRelativeClock::default();
        let quota = Quota::per_hour(NonZeroU32::new(1).unwrap());
        let store = InMemoryStore::with_clock(quota, clock.clone());
        let app: axum::Router = Router::new()
            .route("/", get(cheap))
            .layer(RateLimitLayer::per_subject::<Principal>(store))
            .layer(AuthenticationLayer::new(TestUsers))
            .into();
        let as_user = |user: &str, address: &str| {
            let mut request = from(address, "/");
            request
                .headers_mut()
                .insert("x-test-user", user.parse().unwrap());
            request
        };
        assert_eq!(send(&app, as_user("ada", "192.0.2.1:1")).await.status, 200);
        let again = send(&app, as_user("ada", "192.0.2.2:1")).await;
        assert_eq!(again.status, 429);
        assert_eq!(again.header("retry-after"), "3600");
        assert_eq!(send(&app, as_user("bob", "192.0.2.1:1")).await.status, 200);
    });
}

/// Added outside the authentication layer, a per-subject limit would see nobody and count
/// every account by address; it fails closed instead.
#[test]
fn a_per_subject_limit_outside_authentication_fails_closed() {
    run(async {
        let quota = Quota::per_hour(NonZeroU32::new(100).unwrap());
        let app: axum::Router = Router::new()
            .route("/", get(cheap))
            .layer(AuthenticationLayer::new(TestUsers))
            .layer(RateLimitLayer::per_subject::<Principal>(
                InMemoryStore::new(quota),
            ))
            .into();
        let mut request = from("192.0.2.1:1", "/");
        request
            .headers_mut()
            .insert("x-test-user", "ada".parse().unwrap());
        let reply = send(&app, request).await;
        assert_eq!(reply.status, 500);
        assert_eq!(reply.code(), "internal");
    });
}

/// A store shared between instances, as a test double: it counts calls.
struct Counting(std::sync::Mutex<Vec<RateLimitKey>>);

impl RateLimitStore for Counting {
    async fn check(&self, key: &RateLimitKey) -> Result<(), Duration> {
        let mut seen = self.0.lock().unwrap();
        seen.push(key.clone());
        match seen.len() {
            1 => Ok(()),
            _ => Err(Duration::from_secs(30)),
        }
    }
}

#[test]
fn the_store_can_be_replaced() {
    run(async {
        let store = Arc::new(Counting(std::sync::Mutex::new(Vec::new())));
        struct Shared(Arc<Counting>);
        impl RateLimitStore for Shared {
            async fn check(&self, key: &RateLimitKey) -> Result<(), Duration> {
                self.0.check(key).await
            }
        }
        let app: axum::Router = Router::new()
            .route("/", get(cheap))
            .layer(RateLimitLayer::per_client_address(Shared(Arc::clone(
                &store,
            ))))
            .into();
        assert_eq!(send(&app, from("192.0.2.7:1", "/")).await.status, 200);
        let limited = send(&app, from("192.0.2.7:1", "/")).await;
        assert_eq!(limited.header("retry-after"), "30");
        let seen = store.0.lock().unwrap();
        assert_eq!(seen[0], RateLimitKey::Address("192.0.2.7".parse().unwrap()));
    });
}

#[test]
fn a_real_listener_serves_the_hardened_router() {
    run(async {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let clock = FakeRelativeClock::default();
        let app = limited(&clock, TrustedProxies::none())
            .layer(InternalErrorLayer::new())
            .layer(SecurityHeadersLayer::new(
                SecurityHeaders::strict().build().unwrap(),
            ));
        let server = tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });

        let mut replies = Vec::new();
        for _ in 0..3 {
            let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
            let request = "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n";
            stream.write_all(request.as_bytes()).await.unwrap();
            let mut reply = String::new();
            tokio::time::timeout(Duration::from_secs(5), stream.read_to_string(&mut reply))
                .await
                .unwrap()
                .unwrap();
            replies.push(reply);
        }
        server.abort();

        assert!(replies[0].starts_with("HTTP/1.1 200"), "{}", replies[0]);
        assert!(replies[0].to_lowercase().contains("x-frame-options: deny"));
        assert!(replies[2].starts_with("HTTP/1.1 429"), "{}", replies[2]);
        assert!(replies[2].to_lowercase().contains("retry-after: 1"));
    });
}

#[public(csrf = exempt("a test of body limits, with no session"))]
async fn upload(body: String) -> String {
    body.len().to_string()
}

#[test]
fn an_oversized_body_gets_a_413_the_client_can_read() {
    run(async {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        // Small socket buffers, so that the body cannot sit in them: answered and closed
        // without reading it, the connection is reset under the client, which then loses the
        // 413 (a failed write or read here).
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(16 * 1024).unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = socket.listen(16).unwrap();
        let address = listener.local_addr().unwrap();
        let app: axum::Router = Router::new()
            .route("/upload", post(upload).body_limit(1024))
            .into();
        let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

        let body = vec![b'x'; 2 * 1024 * 1024];
        for _ in 0..5 {
            let client = tokio::net::TcpSocket::new_v4().unwrap();
            client.set_send_buffer_size(16 * 1024).unwrap();
            let mut stream = client.connect(address).await.unwrap();
            let head = format!(
                "POST /upload HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: text/plain\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).await.unwrap();
            stream.write_all(&body).await.unwrap();
            let mut reply = String::new();
            tokio::time::timeout(Duration::from_secs(5), stream.read_to_string(&mut reply))
                .await
                .unwrap()
                .unwrap();
            assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
            assert!(reply.contains("body_too_large"), "{reply}");
        }

        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        let request = "POST /upload HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: text/plain\r\n\
                       content-length: 5\r\nconnection: close\r\n\r\nhello";
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).await.unwrap();
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        assert!(reply.ends_with("\r\n\r\n5"), "{reply}");
        server.abort();
    });
}
