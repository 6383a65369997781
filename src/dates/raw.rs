//! [`RawDate`]: a date as a TOML file writes it (KB entries, `dateline.toml`), with where.

use serde::Deserialize;
use toml::Spanned;

use crate::span::Span;

/// A date as written in TOML: a string (`"2021-06"`) or a bare TOML date (`2021-06-15`).
#[derive(Clone, Debug)]
pub struct RawDate {
    pub value: String,
    pub span: Span,
}

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<toml::Value>::deserialize(deserializer)?;
        let span = Span::from(spanned.span());
        let value = match spanned.into_inner() {
            toml::Value::String(text) => text,
            toml::Value::Datetime(datetime) => datetime.to_string(),
            toml::Value::Integer(year) => year.to_string(),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "expected a date such as \"2021-06-15\", found {}",
                    other.type_str()
                )));
            }
        };
        Ok(RawDate { value, span })
    }
}
