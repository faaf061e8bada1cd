//! Handlers keep axum's extractor flexibility: state, several extractors in any order,
//! `impl IntoResponse` outputs, `?` in bodies, and routes chained by method; a body on one
//! line draws no lint.
#![deny(unused_braces)]

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use secure::axum::{Caller, Router, ValidJson, ValidPath, ValidQuery, any, delete, get, patch, post, put};
use secure::http::Problem;
use secure::prelude::*;

secure::roles! {
    pub Admin = "admin", implies(Member);
    pub Member = "member";
}

#[derive(Clone)]
struct AppState {
    name: &'static str,
}

#[derive(serde::Deserialize, Validate)]
struct Id {
    #[validate(range(min = 1))]
    id: u64,
}

#[derive(serde::Deserialize, Validate)]
struct Page {
    #[validate(range(1..=100))]
    size: u8,
}

fn lookup(id: u64) -> Result<String, Problem> {
    Ok(format!("item {id}"))
}

#[public]
async fn index(State(state): State<AppState>) -> impl IntoResponse {
    state.name
}

#[requires(Member, proof = member)]
async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
    ValidPath(id): ValidPath<Id>,
    ValidQuery(page): ValidQuery<Page>,
) -> Result<String, Problem> {
    let _proof: Authorized<Member> = member;
    let item = lookup(id.id)?;
    Ok(format!("{} {item} {} {}", state.name, page.size, headers.len()))
}

#[requires(Admin, csrf = protected)]
async fn replace(caller: Caller, ValidPath(id): ValidPath<Id>, ValidJson(page): ValidJson<Page>) -> Result<String, Problem> {
    Ok(format!("{} {}", id.id, page.size))
}

#[requires(Admin, csrf = exempt("API tokens in headers, never cookies"))]
async fn remove(caller: Caller) -> Result<(), Problem> { Ok(()) }

#[public(csrf = protected)]
async fn echo(body: String) -> String {
    body
}

fn main() {
    let _app: axum::Router = Router::new()
        .route("/", get(index))
        .route("/items/{id}", get(show).put(replace).patch(replace).delete(remove).post(replace))
        .route("/echo", any(echo))
        .route("/p", post(echo))
        .route("/u", put(echo))
        .route("/a", patch(echo))
        .route("/d", delete(remove))
        .with_state(AppState { name: "shop" })
        .into();
}
