//! What only administrators may see.

use axum::Json;
use axum::extract::State;
use secure::axum::Caller;
use secure::http::Problem;
use secure::prelude::*;
use secure::sink::sql::sqlite::ConnectionExt;
use serde::Serialize;

use crate::Admin;
use crate::app::AppState;
use crate::db;

/// An account in the admin listing: never its password hash.
#[derive(Debug, Serialize)]
pub struct UserEntry {
    /// The user id.
    pub id: i64,
    /// The user name.
    pub username: String,
    /// `member` or `admin`.
    pub role: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
    /// How many notes the account has.
    pub notes: i64,
}

/// `GET /admin/users`: every account, for administrators only.
#[requires(Admin)]
pub async fn users(
    caller: Caller,
    State(app): State<AppState>,
) -> Result<Json<Vec<UserEntry>>, Problem> {
    let users = app
        .db
        .run(|connection| {
            connection
                .query_rows(
                    &secure::sql!(
                        "SELECT users.id, users.username, users.role, users.created_at, COUNT(notes.id)
                         FROM users LEFT JOIN notes ON notes.owner_id = users.id
                         GROUP BY users.id ORDER BY users.id"
                    ),
                    |row| {
                        Ok(UserEntry {
                            id: row.get(0)?,
                            username: row.get(1)?,
                            role: row.get(2)?,
                            created_at: row.get(3)?,
                            notes: row.get(4)?,
                        })
                    },
                )
                .map_err(db::failed)
        })
        .await?;
    Ok(Json(users))
}
