//! README's dates snippet. `time::macros::datetime!` expands to `::time::...` paths, which
//! only a direct dependency on `time` satisfies (the runtime's re-export cannot); with one
//! at the runtime's version, Cargo builds a single `time`, so a macro's value is the very
//! type the models hold.

use msgraph_backup_restore_beta::ExchangeRestoreSession;
use odata_runtime::serde_json;
use time::macros::datetime;

#[test]
fn a_time_macro_value_is_a_model_value() -> Result<(), serde_json::Error> {
    let read: ExchangeRestoreSession =
        serde_json::from_str(r#"{"createdDateTime": "2023-03-30T12:01:03.45Z"}"#)?;
    let built = ExchangeRestoreSession {
        created_date_time: datetime!(2023-03-30 12:01:03.45 UTC).into(),
        ..ExchangeRestoreSession::default()
    };
    assert_eq!(read.created_date_time, built.created_date_time);
    let since: odata_runtime::time::OffsetDateTime = datetime!(2023-03-30 0:00 UTC);
    assert!(
        read.created_date_time
            .is_value_and(|created| created >= since)
    );
    Ok(())
}
