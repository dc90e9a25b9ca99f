"""Saved games on disk: the list of saves, and the scenario file a save was played on."""

from __future__ import annotations

from pathlib import Path

from game.engine.record import Record
from game.persistence.scenarios import resolve, saves_dir


def scenario_for(record: Record) -> str:
    """The scenario file a record was played on (the saved path, else its id)."""
    saved = record.meta.get("scenario_path")
    if isinstance(saved, str) and Path(saved).exists():
        return saved
    return str(resolve(record.scenario_id))


def list_saves() -> list[Path]:
    """Saved games, newest first."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
