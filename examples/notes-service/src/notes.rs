//! Notes: each member's own, as JSON and as an HTML page, with search.
//!
//! Ownership is a policy of `#[requires]`: [`owned`] is the one function that hands out an
//! [`Owned`] note, and the functions that change or show a note take one. A note of another
//! member is answered 404, as if it did not exist, so ids cannot be probed.

use axum::Json;
use axum::extract::State;
use http::StatusCode;
use secure::authz::{Authorized, PolicyCheck};
use secure::axum::{Caller, ValidJson, ValidPath, ValidQuery};
use secure::http::{CspNonce, Problem, ProblemCode};
use secure::prelude::*;
use secure::sink::sql::sqlite::ConnectionExt;
use secure::sink::sql::sqlite::rusqlite::{self, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::Member;
use crate::app::AppState;
use crate::db;

/// A note, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Its id.
    pub id: i64,
    /// The `users.id` of its owner; not sent to clients.
    #[serde(skip)]
    pub owner_id: i64,
    /// One line of text.
    pub title: String,
    /// Any text, several lines.
    pub body: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
    /// Seconds since the Unix epoch.
    pub updated_at: i64,
}

/// What a client sends to create or replace a note.
#[derive(Deserialize, Validate)]
pub struct NoteInput {
    /// 1 to 200 characters after trimming, no control characters.
    #[validate(sanitize(trim), length(1..=200), no_control)]
    pub title: String,
    /// Up to 20,000 characters; line breaks and tabs allowed, other controls not.
    #[validate(length(max = 20_000), no_control(multiline))]
    pub body: String,
}

/// The `{id}` of a note route.
#[derive(Deserialize, Validate)]
pub struct NoteId {
    /// A positive id.
    #[validate(range(min = 1))]
    pub id: i64,
}

/// `GET /search?q=..`.
#[derive(Deserialize, Validate)]
pub struct Search {
    /// Text to find in titles and bodies: 1 to 100 characters, matched literally (`%` and
    /// `_` are not wildcards).
    #[validate(sanitize(trim), length(1..=100), no_control)]
    pub q: String,
}

/// A note the caller owns: made only by [`owned`], after its policy check.
#[derive(Debug)]
pub struct Owned {
    note: Note,
    _proof: Authorized<PolicyCheck>,
}

impl Owned {
    /// The note.
    pub fn note(&self) -> &Note {
        &self.note
    }
}

/// The answer for a note that does not exist or is not the caller's.
#[derive(Debug)]
pub struct Hidden;

impl From<secure::Forbidden> for Hidden {
    fn from(_: secure::Forbidden) -> Self {
        Hidden
    }
}

impl From<Hidden> for Problem {
    fn from(_: Hidden) -> Self {
        Problem::new(ProblemCode::NotFound, "there is no such note")
    }
}

impl Note {
    /// A stand-in for a note that does not exist: owned by nobody, since SQLite row ids, and
    /// so account ids, start at 1.
    fn missing(id: i64) -> Note {
        Note {
            id,
            owner_id: 0,
            title: String::new(),
            body: String::new(),
            created_at: 0,
            updated_at: 0,
        }
    }
}

/// The ownership policy: the caller's id is the note's owner's.
fn owns(caller: &Principal, note: &Note) -> bool {
    caller.id() == note.owner_id.to_string()
}

/// Hands out `note` as [`Owned`] if the caller owns it.
#[requires(policy(owns(note)), proof = owner)]
pub fn owned(#[subject] caller: &Principal, note: Note) -> Result<Owned, Hidden> {
    Ok(Owned {
        note,
        _proof: owner,
    })
}

fn read_note(row: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: row.get(0)?,
        owner_id: row.get(1)?,
        title: row.get(2)?,
        body: row.get(3)?,
        created_at: row.get(4)?,
        updated_at: row.get(5)?,
    })
}

/// The id of the signed-in caller. `#[requires]` has checked that there is one; a caller
/// whose id is not a user id is refused like an anonymous one.
fn caller_id(caller: &Caller) -> Result<i64, Problem> {
    caller
        .subject()
        .and_then(|subject| subject.id().parse().ok())
        .ok_or_else(|| Problem::new(ProblemCode::Unauthenticated, "sign in to use this resource"))
}

/// Reads note `id` and checks that `caller` owns it.
fn load_owned(connection: &Connection, caller: &Principal, id: i64) -> Result<Owned, Problem> {
    let note = connection
        .query_single(
            &secure::sql!(
                "SELECT id, owner_id, title, body, created_at, updated_at FROM notes WHERE id = ?",
                id
            ),
            read_note,
        )
        .optional()
        .map_err(db::failed)?
        // A missing note goes through the same check as another member's, so that both
        // answers take the same work (the denial's audit record included) and the time of
        // the 404 does not tell which ids exist.
        .unwrap_or_else(|| Note::missing(id));
    Ok(owned(caller, note)?)
}

fn principal(caller: &Caller) -> Result<Principal, Problem> {
    caller
        .subject()
        .cloned()
        .ok_or_else(|| Problem::new(ProblemCode::Unauthenticated, "sign in to use this resource"))
}

/// `GET /notes`: the caller's notes, oldest first.
#[requires(Member)]
pub async fn list(caller: Caller, State(app): State<AppState>) -> Result<Json<Vec<Note>>, Problem> {
    let owner = caller_id(&caller)?;
    let notes = app
        .db
        .run(move |connection| {
            connection
                .query_rows(
                    &secure::sql!(
                        "SELECT id, owner_id, title, body, created_at, updated_at FROM notes
                         WHERE owner_id = ? ORDER BY id",
                        owner
                    ),
                    read_note,
                )
                .map_err(db::failed)
        })
        .await?;
    Ok(Json(notes))
}

/// `POST /notes`: a new note of the caller's.
#[requires(Member, csrf = protected)]
pub async fn create(
    caller: Caller,
    State(app): State<AppState>,
    ValidJson(input): ValidJson<NoteInput>,
) -> Result<(StatusCode, Json<Note>), Problem> {
    let owner = caller_id(&caller)?;
    let NoteInput { title, body } = input.into_inner();
    let note = app
        .db
        .run(move |connection| {
            let now = db::now();
            connection
                .execute_query(&secure::sql!(
                    "INSERT INTO notes (owner_id, title, body, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?)",
                    owner,
                    &title,
                    &body,
                    now,
                    now
                ))
                .map_err(db::failed)?;
            Ok(Note {
                id: connection.last_insert_rowid(),
                owner_id: owner,
                title,
                body,
                created_at: now,
                updated_at: now,
            })
        })
        .await?;
    tracing::info!(user_id = owner, note_id = note.id, "note created");
    Ok((StatusCode::CREATED, Json(note)))
}

/// `GET /notes/{id}`.
#[requires(Member)]
pub async fn show(
    caller: Caller,
    State(app): State<AppState>,
    ValidPath(path): ValidPath<NoteId>,
) -> Result<Json<Note>, Problem> {
    let caller = principal(&caller)?;
    let id = path.id;
    let owned = app
        .db
        .run(move |connection| load_owned(connection, &caller, id))
        .await?;
    Ok(Json(owned.note))
}

/// `PUT /notes/{id}`: replaces the title and body.
#[requires(Member, csrf = protected)]
pub async fn update(
    caller: Caller,
    State(app): State<AppState>,
    ValidPath(path): ValidPath<NoteId>,
    ValidJson(input): ValidJson<NoteInput>,
) -> Result<Json<Note>, Problem> {
    let caller = principal(&caller)?;
    let id = path.id;
    let NoteInput { title, body } = input.into_inner();
    let note = app
        .db
        .run(move |connection| {
            let owned = load_owned(connection, &caller, id)?;
            replace(connection, &owned, title, body)
        })
        .await?;
    Ok(Json(note))
}

/// Writes a new title and body to an owned note.
fn replace(
    connection: &Connection,
    owned: &Owned,
    title: String,
    body: String,
) -> Result<Note, Problem> {
    let note = owned.note();
    let now = db::now();
    connection
        .execute_query(&secure::sql!(
            "UPDATE notes SET title = ?, body = ?, updated_at = ? WHERE id = ? AND owner_id = ?",
            &title,
            &body,
            now,
            note.id,
            note.owner_id
        ))
        .map_err(db::failed)?;
    Ok(Note {
        title,
        body,
        updated_at: now,
        ..note.clone()
    })
}

/// `DELETE /notes/{id}`.
#[requires(Member, csrf = protected)]
pub async fn remove(
    caller: Caller,
    State(app): State<AppState>,
    ValidPath(path): ValidPath<NoteId>,
) -> Result<StatusCode, Problem> {
    let caller = principal(&caller)?;
    let id = path.id;
    app.db
        .run(move |connection| {
            let owned = load_owned(connection, &caller, id)?;
            erase(connection, owned)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes an owned note.
fn erase(connection: &Connection, owned: Owned) -> Result<(), Problem> {
    connection
        .execute_query(&secure::sql!(
            "DELETE FROM notes WHERE id = ? AND owner_id = ?",
            owned.note.id,
            owned.note.owner_id
        ))
        .map_err(db::failed)?;
    Ok(())
}

/// `GET /notes/{id}/page`: the note as an HTML page. Its text is escaped where it stands;
/// the one inline script carries this response's CSP nonce, so an injected script would
/// not run even if it got through.
#[requires(Member)]
pub async fn page(
    caller: Caller,
    State(app): State<AppState>,
    nonce: CspNonce,
    ValidPath(path): ValidPath<NoteId>,
) -> Result<SafeHtml, Problem> {
    let caller = principal(&caller)?;
    let id = path.id;
    let owned = app
        .db
        .run(move |connection| load_owned(connection, &caller, id))
        .await?;
    Ok(render(owned.note(), &nonce))
}

/// The page of a note.
pub fn render(note: &Note, nonce: &CspNonce) -> SafeHtml {
    secure::html!(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{}</title></head>
<body>
<main>
<h1>{}</h1>
<pre id="note">{}</pre>
<p>Last changed <time id="changed" data-unix="{}"></time></p>
</main>
<script nonce="{}">
const changed = document.getElementById("changed");
changed.textContent = new Date(Number(changed.dataset.unix) * 1000).toLocaleString();
</script>
</body>
</html>
"#,
        &note.title,
        &note.title,
        &note.body,
        note.updated_at,
        nonce.as_str()
    )
}

/// `GET /search?q=..`: the caller's notes whose title or body contains `q`, literally.
#[requires(Member)]
pub async fn search(
    caller: Caller,
    State(app): State<AppState>,
    ValidQuery(search): ValidQuery<Search>,
) -> Result<Json<Vec<Note>>, Problem> {
    let owner = caller_id(&caller)?;
    let pattern = LikePattern::contains(&search.q);
    let notes = app
        .db
        .run(move |connection| {
            connection
                .query_rows(
                    &secure::sql!(
                        r"SELECT id, owner_id, title, body, created_at, updated_at FROM notes
                          WHERE owner_id = ? AND (title LIKE ? ESCAPE '\' OR body LIKE ? ESCAPE '\')
                          ORDER BY id",
                        owner,
                        &pattern,
                        &pattern
                    ),
                    read_note,
                )
                .map_err(db::failed)
        })
        .await?;
    Ok(Json(notes))
}
