//! The server's settings from the editor: `initializationOptions`, then the `dateline`
//! section of the client's configuration, read leniently (clients send odd shapes).

use std::collections::BTreeMap;
use std::time::Duration;

use crate::analysis::InlayOptions;
use crate::checks::Severity;

/// Server settings: `initializationOptions`, and the `dateline` section of the client's
/// configuration later. The shape the editor packages send:
/// `{"checks": {"severity": {"name/": "error"}}, "inlayHints": {"dates": true, "roles": false}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerOptions {
    /// Quiet time after the last edit before diagnostics are computed and published.
    pub debounce: Duration,
    pub inlay: InlayOptions,
    /// Severities set in the editor, over the corpus's `dateline.toml` (`None`: off).
    pub severity: BTreeMap<String, Option<Severity>>,
}

impl Default for ServerOptions {
    fn default() -> ServerOptions {
        ServerOptions {
            debounce: Duration::from_millis(50),
            inlay: InlayOptions { dates: true, roles: false },
            severity: BTreeMap::new(),
        }
    }
}

impl ServerOptions {
    /// Reads the settings object leniently: missing or mistyped keys keep their defaults
    /// (clients differ: Lua sends `[]` for an empty table, Helix sends `null`).
    pub fn from_json(value: Option<&serde_json::Value>) -> ServerOptions {
        let mut options = ServerOptions::default();
        options.update(value);
        options
    }

    /// Applies what `value` sets, leaving the rest as it is.
    pub fn update(&mut self, value: Option<&serde_json::Value>) {
        let Some(value) = value.filter(|v| v.is_object()) else { return };
        let hints = &value["inlayHints"];
        if let Some(dates) = hints["dates"].as_bool() {
            self.inlay.dates = dates;
        }
        if let Some(roles) = hints["roles"].as_bool() {
            self.inlay.roles = roles;
        }
        if let Some(ms) = value["diagnostics"]["debounceMs"].as_u64() {
            self.debounce = Duration::from_millis(ms.min(5_000));
        }
        if let Some(levels) = value["checks"]["severity"].as_object() {
            self.severity = levels
                .iter()
                .filter_map(|(selector, level)| {
                    let level = level.as_str()?;
                    let severity = match level {
                        "off" | "none" => None,
                        other => Some(Severity::parse(other).or_else(|| {
                            tracing::warn!("ignoring severity `{other}` for `{selector}` from the editor");
                            None
                        })?),
                    };
                    Some((selector.clone(), severity))
                })
                .collect();
        } else if value["checks"]["severity"].is_array() {
            self.severity.clear(); // `[]`: an empty table, from Lua.
        }
    }
}
