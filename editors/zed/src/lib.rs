//! Starts `automations-lint server` for YAML files in Zed; the server checks only automations files.
//!
//! The command is the `automations-lint` found on the project's PATH (as the shell of the project sees it), or
//! the one named in Zed's settings: `"lsp": {"automations-lint": {"binary": {"path": "/path/to/automations-lint"}}}`
//! (for a virtual environment that is not on PATH).

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

const SERVER: &str = "automations-lint";

struct AutomationsLint;

impl zed::Extension for AutomationsLint {
    fn new() -> Self {
        AutomationsLint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let configured = binary.as_ref().and_then(|binary| binary.path.clone());
        let command = configured.or_else(|| worktree.which(SERVER)).ok_or_else(|| {
            "automations-lint is not on PATH: pip install automations-lint, or set \
             lsp.automations-lint.binary.path in Zed's settings"
                .to_string()
        })?;
        let args = binary
            .and_then(|binary| binary.arguments)
            .unwrap_or_else(|| vec!["server".to_string()]);
        Ok(zed::Command {
            command,
            args,
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        _language_server_id: &LanguageServerId,
        _worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        // Zed starts the server for every YAML file: it checks automations files and leaves the others alone.
        Ok(Some(zed::serde_json::json!({ "onlyAutomationsFiles": true })))
    }
}

zed::register_extension!(AutomationsLint);
