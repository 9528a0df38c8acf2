"""The Zed extension in editors/zed cannot be built here (it needs crates.io and the wasm32-wasip2 target): this
checks what can be checked without building it, that it names the server, the language and the option that the
server and Zed know."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from automations_lint.server import app

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ZED = Path(__file__).parent.parent / "editors" / "zed"


def test_the_manifest_registers_the_server_for_zeds_yaml_language() -> None:
    manifest = tomllib.loads((ZED / "extension.toml").read_text())
    assert manifest["schema_version"] == 1 and manifest["id"] == "automations-lint"
    assert manifest["language_servers"] == {"automations-lint": {"name": "automations-lint", "languages": ["YAML"]}}
    cargo = tomllib.loads((ZED / "Cargo.toml").read_text())
    assert cargo["lib"]["crate-type"] == ["cdylib"]
    assert cargo["dependencies"]["zed_extension_api"] == "0.7.0"


def test_the_extension_starts_the_server_with_the_option_the_server_reads() -> None:
    source = (ZED / "src" / "lib.rs").read_text()
    assert re.search(r'const SERVER: &str = "automations-lint";', source)
    assert 'vec!["server".to_string()]' in source
    (option,) = re.findall(r'json!\(\{ "(\w+)": true \}\)', source)
    assert f'"{option}"' in Path(app.__file__).read_text()
    assert "zed::register_extension!(AutomationsLint);" in source
