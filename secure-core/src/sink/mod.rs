//! Sinks: every place where a string is interpreted takes a type only a literal, an encoder
//! or an allowlist can produce.
//!
//! | module | the sink | the proof it takes |
//! | --- | --- | --- |
//! | [`sql`] | a SQL statement | `sql!` with a literal query, bound parameters, allowlisted identifiers |
//! | [`shell`] | a process | `command!` with a literal program, argv elements |
//! | [`ldap`] | an LDAP filter or DN | `ldap_filter!` with a literal template, RFC 4515/4514 escaping |
//! | [`nosql`] | a document database filter | JSON without operator or dotted keys |
//! | [`path`] | the file system | a path joined through a [`PathJail`](path::PathJail) |
//! | `xml` (feature `xml`) | an XML parser | a parse with DTDs refused and limits |
//! | [`log`] | a log line | [`LogSafe`](log::LogSafe) escaping |
//!
//! Constructors that skip the checks are in [`unchecked`](crate::unchecked).

pub mod ldap;
pub mod log;
pub mod nosql;
pub mod path;
pub mod shell;
pub mod sql;
#[cfg(feature = "xml")]
pub mod xml;
