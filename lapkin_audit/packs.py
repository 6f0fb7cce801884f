"""Regulation packs: what the regulations say, as YAML data under the top-level ``rules/``.

A pack is a folder of YAML files, one per section (``deadlines.yaml``, ``polarity.yaml``,
…) plus an optional ``pack.yaml`` naming the pack it ``extends``. Sections are deep-merged
over the parent's, so a regional pack states only what differs. Rule modules read sections
with :meth:`Pack.section` and validate them with their own pydantic models.

Packs ship inside the wheel as ``lapkin_audit/_packs``; in a source checkout they are read
from ``rules/`` directly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGED = Path(__file__).parent / "_packs"
_SOURCE = Path(__file__).parent.parent / "rules"
DEFAULT_PACK = "default"
# libyaml's parser when PyYAML was built with it (8x faster on the packs, same data)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackError(Exception):
    """A pack that does not exist or does not parse (a configuration error: exit 2)."""


def packs_root() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE


def available_packs() -> list[str]:
    root = packs_root()
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


class Pack:
    """A resolved regulation pack: its name, the chain it extends, and merged sections."""

    def __init__(self, name: str, chain: list[Path], sections: dict[str, Any]) -> None:
        self.name = name
        self.chain = chain
        self.sections = sections

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})

    def __repr__(self) -> str:
        return f"Pack({self.name!r}, sections={sorted(self.sections)})"


def _deep_merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _deep_merge(base.get(key), value) if key in base else value
        return merged
    return override


def _resolve_dir(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if path.is_dir():
        return path
    candidate = packs_root() / str(name_or_path)
    if candidate.is_dir():
        return candidate
    raise PackError(
        f"regulation pack {str(name_or_path)!r} not found; "
        f"available: {', '.join(available_packs()) or 'none'}, or give a folder path"
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise PackError(f"{path}: cannot read regulation pack file: {exc}") from exc
    if not isinstance(data, dict):
        raise PackError(f"{path}: a pack file must hold a mapping at the top level")
    return data


@lru_cache(maxsize=16)
def _load(directory: Path) -> Pack:
    meta_file = directory / "pack.yaml"
    meta = _read_yaml(meta_file) if meta_file.exists() else {}
    parent_name = meta.get("extends")
    if parent_name is None and directory.name != DEFAULT_PACK:
        parent_name = DEFAULT_PACK
    sections: dict[str, Any] = {}
    chain: list[Path] = []
    if parent_name:
        parent = _load(_resolve_dir(parent_name).resolve())
        sections = dict(parent.sections)
        chain = list(parent.chain)
    for file in sorted(directory.glob("*.yaml")):
        if file.name == "pack.yaml":
            continue
        key = file.stem
        sections[key] = _deep_merge(sections.get(key, {}), _read_yaml(file))
    chain.append(directory)
    return Pack(meta.get("name", directory.name), chain, sections)


def load_pack(name_or_path: str | Path = DEFAULT_PACK) -> Pack:
    """Load a pack by name (``default``, ``kab-lumajang``) or folder path."""
    return _load(_resolve_dir(name_or_path).resolve())


def pack_for_region(region: str | None) -> Pack:
    """The pack whose ``pack.yaml`` lists this region under ``match`` (e.g. a report of
    Kabupaten Lumajang gets ``kab-lumajang``); the default pack otherwise."""
    if region:
        wanted = " ".join(region.lower().split())
        for name in available_packs():
            meta_file = packs_root() / name / "pack.yaml"
            if not meta_file.exists():
                continue
            matches = _read_yaml(meta_file).get("match", [])
            if any(" ".join(str(m).lower().split()) == wanted for m in matches):
                return load_pack(name)
    return load_pack(DEFAULT_PACK)
