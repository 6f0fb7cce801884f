"""Configuration: ``[tool.lapkin-audit]`` in ``pyproject.toml``, or ``lapkin-audit.toml`` /
``.lapkin-audit.toml`` (settings at the top level), discovered upward from each checked path.

In one folder ``.lapkin-audit.toml`` wins over ``lapkin-audit.toml``, which wins over a
``pyproject.toml`` that has a ``[tool.lapkin-audit]`` table (as in ruff). ``--config FILE``
uses that file for every path; ``--isolated`` uses none. Command-line options override the
configuration.

::

    [tool.lapkin-audit]
    select = ["A", "C", "D"]            # codes, prefixes, names or families
    extend-select = ["T701"]
    ignore = ["D402"]
    fail-on = "warning"                 # error | warning | info | never
    min-severity = "warning"            # error | warning | info
    lang = "en"                         # id | en
    pack = "packs/kab-lumajang-2024"    # a pack name, or a folder relative to this file

    [tool.lapkin-audit.per-file-ignores]
    "arsip/*.pdf" = ["S", "T"]          # globs relative to this file's folder

    [tool.lapkin-audit.severity]
    D402 = "warning"                    # a code, prefix, name or family → a severity

    [tool.lapkin-audit.polarity]        # per-indicator polarity, wins over the pack
    "Angka kemiskinan" = "negative"

    [tool.lapkin-audit.tolerances]      # merged over the pack's tolerances.yaml
    rounding = { modes = ["half_up"] }
    totals = { tolerance_units = 2 }

A configuration error (:class:`ConfigError`) names the file, the key and what is allowed;
``lapkin-audit check`` exits 2 on it.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONFIG_FILES = (".lapkin-audit.toml", "lapkin-audit.toml", "pyproject.toml")
SeverityName = Literal["error", "warning", "info"]


class ConfigError(ValueError):
    """A configuration file that cannot be used (exit 2)."""


def _split(value: Any) -> Any:
    """``"A1, D4"`` → ``["A1", "D4"]``; lists pass through."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseModel):
    """The validated settings of one configuration file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict,
                                                   alias="per-file-ignores")
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    pack: str | None = None
    polarity: dict[str, Literal["positive", "negative"]] = Field(default_factory=dict)
    tolerances: dict[str, Any] = Field(default_factory=dict)
    fail_on: Literal["error", "warning", "info", "never"] | None = Field(None, alias="fail-on")
    min_severity: SeverityName | None = Field(None, alias="min-severity")
    lang: Literal["id", "en"] | None = None

    _split_lists = field_validator("select", "extend_select", "ignore", mode="before")(
        staticmethod(_split))

    @field_validator("per_file_ignores", mode="before")
    @classmethod
    def _split_values(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _split(v) for k, v in value.items()}
        return value


@dataclass
class Config:
    """Settings and the file they came from (``None``: defaults, no file)."""

    settings: Settings
    path: Path | None = None

    @property
    def root(self) -> Path:
        """Folder that relative globs and pack paths are read against."""
        return self.path.parent if self.path else Path.cwd()

    def pack_ref(self) -> str | None:
        """The configured pack: a name, or a folder resolved against the config's folder."""
        value = self.settings.pack
        if not value:
            return None
        candidate = self.root / value
        if candidate.is_dir() or "/" in value or "\\" in value or value.startswith("."):
            return str(candidate.resolve())
        return value

    def ignores_for(self, file: Path) -> list[str]:
        """``ignore`` plus every ``per-file-ignores`` entry whose glob matches ``file``."""
        selectors = list(self.settings.ignore)
        resolved = file.resolve()
        try:
            relative = resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = resolved.as_posix()
        for pattern, codes in self.settings.per_file_ignores.items():
            if _glob_match(relative, resolved, pattern):
                selectors.extend(codes)
        return selectors

    def selected(self) -> list[str] | None:
        base = self.settings.select
        if base is None and not self.settings.extend_select:
            return None
        return list(base if base is not None else ["ALL"]) + list(self.settings.extend_select)


def _glob_match(relative: str, resolved: Path, pattern: str) -> bool:
    if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(resolved.name, pattern):
        return True
    return Path(relative).match(pattern) if "/" not in pattern else False


def _where(path: Path, pyproject: bool) -> str:
    return f"{path} [tool.lapkin-audit]" if pyproject else str(path)


def _describe(error: dict[str, Any]) -> str:
    key = ".".join(str(part) for part in error["loc"])
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = ", ".join(sorted(f.alias or name for name, f in Settings.model_fields.items()))
        return f"unknown key {key!r}; allowed keys: {allowed}"
    if kind == "literal_error":
        return f"key {key!r}: {error['input']!r} is not allowed; allowed: {ctx.get('expected')}"
    return f"key {key!r}: {error['msg']} (got {error.get('input')!r})"


def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    pyproject = path.name == "pyproject.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration file ({exc.strerror or exc})")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if pyproject:
        data = data.get("tool", {}).get("lapkin-audit", {})
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors())
        raise ConfigError(f"{_where(path, pyproject)}: {problems}") from None
    config = Config(settings, path.resolve())
    _check_selectors(config, pyproject)
    return config


def _check_selectors(config: Config, pyproject: bool) -> None:
    from lapkin_audit.engine import SelectionError, select_rules

    s = config.settings
    where = _where(config.path, pyproject) if config.path else "configuration"
    checks: list[tuple[str, list[str]]] = [
        ("select", s.select or []), ("extend-select", s.extend_select), ("ignore", s.ignore),
        ("severity", list(s.severity)),
    ] + [(f"per-file-ignores.{glob!r}", codes) for glob, codes in s.per_file_ignores.items()]
    for key, selectors in checks:
        for selector in selectors:
            try:
                select_rules([selector])
            except SelectionError:
                raise ConfigError(
                    f"{where}: key {key!r}: {selector!r} selects no rule; allowed: a rule code "
                    "(A101), a prefix (A1, D), a name (late-report), a family (dates) or ALL"
                ) from None
    if s.tolerances:
        from lapkin_audit.rules.calc import Tolerances

        try:
            Tolerances.model_validate(s.tolerances)
        except ValidationError as exc:
            problems = "; ".join(
                f"key 'tolerances.{'.'.join(str(p) for p in e['loc'])}': {e['msg']}"
                for e in exc.errors())
            raise ConfigError(f"{where}: {problems}; allowed: the sections of the "
                              "regulation pack's tolerances.yaml") from None
    if s.pack:
        from lapkin_audit.packs import PackError, load_pack

        try:
            load_pack(config.pack_ref() or s.pack)
        except PackError as exc:
            raise ConfigError(f"{where}: key 'pack': {exc}") from None


def _has_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return "lapkin-audit" in data.get("tool", {})


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file in ``start``'s folder or any folder above it."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_table(candidate):
                continue
            return candidate
    return None


class Resolver:
    """Configuration per checked file: ``--config``, ``--isolated`` or discovery (cached)."""

    def __init__(self, config_file: Path | None = None, isolated: bool = False) -> None:
        self.fixed: Config | None = None
        if isolated:
            self.fixed = Config(Settings())
        elif config_file is not None:
            self.fixed = load_config(config_file)
        self._cache: dict[Path, Config] = {}

    def for_path(self, path: Path) -> Config:
        if self.fixed is not None:
            return self.fixed
        found = find_config_file(path)
        if found is None:
            return Config(Settings())
        if found not in self._cache:
            self._cache[found] = load_config(found)
        return self._cache[found]
