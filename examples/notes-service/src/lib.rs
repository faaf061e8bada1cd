//! A small notes service built only with the public API of `secure`: accounts with hashed
//! passwords, rotating session cookies, notes that only their owner can read, an HTML view
//! with escaped text and a CSP nonce, parameterized search, file downloads through a path
//! jail, an admin listing, and an audit trail in the same SQLite database.
//!
//! Every route goes through `secure::axum::Router`, so each handler says who may call it
//! (`#[requires(..)]` or `#[public]`) and every state-changing one says how it is protected
//! against cross-site requests. [`tour`] attacks a running instance over real HTTP.

pub mod accounts;
pub mod admin;
pub mod app;
pub mod client;
pub mod config;
pub mod db;
pub mod files;
pub mod notes;
pub mod tour;

pub use app::{App, AppState, RoleName, Service, StartError};
pub use config::{Config, ConfigError, DatabaseUrl};

secure::roles! {
    /// Runs the service: sees every account.
    pub Admin = "admin", implies(Member);
    /// Anyone signed up: keeps notes of their own.
    pub Member = "member";
}
