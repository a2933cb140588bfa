//! Creates an Exchange restore session for two restore points, activates it, and polls it
//! until the restore has finished.
//!
//! ```text
//! GRAPH_TOKEN=<bearer token with BackupRestore-Restore.ReadWrite.All> \
//! cargo run -p msgraph-backup-restore-beta --example create_activate_poll -- <restore point id> <restore point id>
//! ```
//!
//! `GRAPH_BASE_URL` overrides the service root (`https://graph.microsoft.com/beta`).

use std::time::Duration;

use msgraph_backup_restore_beta::prelude::*;
use msgraph_backup_restore_beta::requests::solutions::backup_restore::exchange_restore_sessions as sessions;
use msgraph_backup_restore_beta::{
    DestinationType, ExchangeRestoreSession, MailboxRestoreArtifact, RestorePoint,
    RestoreSessionStatus,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Restores two restore points in place and returns the session once it has finished.
pub async fn create_activate_poll(
    client: &Client,
    restore_points: [&str; 2],
    poll_every: Duration,
    max_polls: u32,
) -> Result<ExchangeRestoreSession, BoxError> {
    let artifacts = restore_points.map(|id| {
        MailboxRestoreArtifact {
            // A reference to an existing entity: `{"id": "..."}`.
            restore_point: Nullable::Value(RestorePoint {
                id: Some(id.to_owned()),
                ..RestorePoint::default()
            }),
            destination_type: Nullable::Value(DestinationType::InPlace),
            ..MailboxRestoreArtifact::default()
        }
        .into()
    });
    let draft = ExchangeRestoreSession {
        mailbox_restore_artifacts: Some(artifacts.into()),
        ..ExchangeRestoreSession::default()
    };
    let created = client.send(&sessions::create(&draft, None)).await?;
    let id = created
        .id
        .ok_or("the service returned a session without an id")?;
    println!("created session {id}");

    client.send(&sessions::activate(&id, None)).await?;
    for _ in 0..max_polls {
        let session = client.send(&sessions::get(&id, None)).await?;
        let status = session.status.value();
        println!("status: {}", status.map_or("(none)", |s| s.as_str()));
        if let Some(
            RestoreSessionStatus::Completed
            | RestoreSessionStatus::CompletedWithError
            | RestoreSessionStatus::Failed,
        ) = status
        {
            return Ok(session);
        }
        tokio::time::sleep(poll_every).await;
    }
    Err(format!("session {id} did not finish after {max_polls} polls").into())
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let token = std::env::var("GRAPH_TOKEN").map_err(|_| "set GRAPH_TOKEN to a bearer token")?;
    let mut builder = Client::builder(StaticToken::new(token));
    if let Ok(base_url) = std::env::var("GRAPH_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let client = builder.build()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [first, second] = args.as_slice() else {
        return Err("usage: create_activate_poll <restore point id> <restore point id>".into());
    };
    let session =
        create_activate_poll(&client, [first, second], Duration::from_secs(10), 360).await?;
    println!(
        "finished: {}",
        session
            .status
            .as_ref()
            .map_or("(none)", RestoreSessionStatus::as_str)
    );
    Ok(())
}
