//! The values a front end's options carry, parsed once for every front end: the command
//! line's `--set`, `--as-of`, `--date` and the browser build's `options` object give the
//! same results and the same messages for the same text.

use crate::model::date::{self, Date};
use crate::model::COVER_KEYS;
use thiserror::Error;

/// An option value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OptionError {
    /// A cover setting without `=`.
    #[error("expected KEY=VALUE, got {0:?}")]
    Setting(String),
    /// A cover setting whose key names no cover field.
    #[error("unknown --set key {key:?} (known keys: {})", COVER_KEYS.join(", "))]
    UnknownKey {
        /// The key given.
        key: String,
    },
    /// An as-of date that is not an ISO 8601 calendar date.
    #[error("expected a date such as 2024-07-22, got {0:?}")]
    AsOf(String),
    /// A tracked-change date that is neither an ISO 8601 date nor a UTC date-time.
    #[error("expected an ISO 8601 date such as 2024-01-22 or 2024-01-22T09:30:00Z, got {0:?}")]
    Timestamp(String),
}

/// A cover setting `KEY=VALUE` (`--set`): the key trimmed, the value as given.
pub fn parse_setting(text: &str) -> Result<(String, String), OptionError> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| OptionError::Setting(text.to_string()))?;
    Ok((key.trim().to_string(), value.to_string()))
}

/// Cover settings checked before any work: each key must be a cover field
/// ([`COVER_KEYS`]).
pub fn check_settings(settings: &[(String, String)]) -> Result<(), OptionError> {
    match settings
        .iter()
        .find(|(key, _)| !COVER_KEYS.contains(&key.as_str()))
    {
        Some((key, _)) => Err(OptionError::UnknownKey { key: key.clone() }),
        None => Ok(()),
    }
}

/// An as-of date (`--as-of`): an ISO 8601 calendar date.
pub fn parse_as_of(text: &str) -> Result<Date, OptionError> {
    Date::parse_iso(text).ok_or_else(|| OptionError::AsOf(text.to_string()))
}

/// The date of a redline's tracked changes (`--date`): an ISO 8601 date or UTC date-time,
/// as a full date-time ("2024-01-22" → "2024-01-22T00:00:00Z").
pub fn parse_timestamp(text: &str) -> Result<String, OptionError> {
    date::parse_timestamp(text).ok_or_else(|| OptionError::Timestamp(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings() {
        assert_eq!(
            parse_setting(" td_number =TD 412=x"),
            Ok(("td_number".to_string(), "TD 412=x".to_string()))
        );
        let bad = parse_setting("td_number").unwrap_err();
        assert_eq!(bad.to_string(), "expected KEY=VALUE, got \"td_number\"");
        let ok = vec![("meeting".to_string(), "Geneva".to_string())];
        assert_eq!(check_settings(&ok), Ok(()));
        let unknown = vec![("colour".to_string(), "red".to_string())];
        let message = check_settings(&unknown).unwrap_err().to_string();
        assert!(message.starts_with("unknown --set key \"colour\" (known keys: group, td_number"));
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_as_of("2024-07-22"),
            Ok(Date::new(2024, 7, 22).unwrap())
        );
        assert_eq!(
            parse_as_of("22/07/2024").unwrap_err().to_string(),
            "expected a date such as 2024-07-22, got \"22/07/2024\""
        );
        assert_eq!(
            parse_timestamp("2024-01-22").as_deref(),
            Ok("2024-01-22T00:00:00Z")
        );
        assert!(matches!(
            parse_timestamp("tomorrow"),
            Err(OptionError::Timestamp(_))
        ));
    }
}
