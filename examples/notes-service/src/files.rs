//! Downloads of the files in the service's files directory, through a path jail.

use std::io::Read;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::header;
use secure::axum::{Caller, ValidPath};
use secure::http::{Problem, ProblemCode};
use secure::prelude::*;
use secure::sink::path::PathError;
use serde::Deserialize;

use crate::Member;
use crate::app::AppState;

/// The largest file served.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The `{*path}` of `GET /files/..`, as axum decoded it (once).
#[derive(Deserialize, Validate)]
pub struct FilePath {
    /// A relative path inside the files directory; the jail decides which are.
    #[validate(length(1..=255), no_control)]
    pub path: String,
}

/// `GET /files/{*path}`: a file from the files directory, as an attachment.
///
/// The path is joined through the [`PathJail`]: `..`, absolute paths, backslashes, drive
/// and device names, and symbolic links that lead outside are refused with 400, missing
/// files are 404, and neither answer repeats the path.
#[requires(Member)]
pub async fn download(
    caller: Caller,
    State(app): State<AppState>,
    ValidPath(file): ValidPath<FilePath>,
) -> Result<Response, Problem> {
    let path = file.into_inner().path;
    let reading = app.clone();
    let contents = tokio::task::spawn_blocking(move || read_jailed(&reading.files, &path))
        .await
        .map_err(|_| Problem::internal(None))??;
    let headers = [
        (header::CONTENT_TYPE, "application/octet-stream"),
        (header::CONTENT_DISPOSITION, "attachment"),
    ];
    Ok((headers, contents).into_response())
}

/// The 404 for a path that names no file: missing, or a directory.
fn no_such_file() -> Problem {
    Problem::new(ProblemCode::NotFound, "there is no such file")
}

fn read_jailed(jail: &PathJail, path: &str) -> Result<Vec<u8>, Problem> {
    let file = jail.open(path).map_err(|error| match error {
        PathError::Io(std::io::ErrorKind::NotFound) => no_such_file(),
        PathError::Io(_) => {
            tracing::error!(error = %error, "file could not be opened");
            Problem::internal(None)
        }
        refused => {
            tracing::warn!(reason = %refused, "file path refused");
            Problem::new(
                ProblemCode::MalformedInput,
                "the path is not one this service serves files from",
            )
        }
    })?;
    // A directory opens but is no file to send: it is answered as one that does not exist,
    // so that the answer does not tell which directories are there.
    let regular = file.metadata().is_ok_and(|metadata| metadata.is_file());
    if !regular {
        return Err(no_such_file());
    }
    let mut contents = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut contents)
        .map_err(|error| {
            tracing::error!(error = %error, "file could not be read");
            Problem::internal(None)
        })?;
    if contents.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::new(
            ProblemCode::BodyTooLarge,
            "the file is larger than this service sends",
        ));
    }
    Ok(contents)
}
