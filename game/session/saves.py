"""Saved games on disk, as front ends need them: the list of saves with what a player
reads of each (:class:`SaveInfo`), the newest game to continue, the scenario a
save was played on, and save names.

A save names its scenario by id; the file is looked up among the scenario
folders (bundled and the user's) and the files the player named in this run,
never at a path the save gives (:func:`scenario_for`). Names given to a save
are cleaned to a file name in the saves folder (:func:`save_stem`).
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.record import Record, RecordError
from game.persistence.records import (
    MAX_SAVE_BYTES,
    clean_temp_files,
    is_temp_file,
    load_record,
)
from game.persistence.scenarios import SCENARIO_ID, bundled_dir, candidates, saves_dir, user_dir

if TYPE_CHECKING:
    from game.engine.compiled import Compiled

__all__ = [
    "MAX_LISTED",
    "MAX_NAME_BYTES",
    "SaveInfo",
    "ScenarioChanged",
    "latest_game",
    "list_saves",
    "save_info",
    "save_stem",
    "scenario_for",
]

MAX_NAME_BYTES = 120
"""Longest save name, in bytes of UTF-8 (file systems allow 255; a longer name is shortened)."""
MAX_LISTED = 500
"""Most saves listed (the newest), so a crowded folder never slows the Load screen."""

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


class ScenarioChanged(RecordError):
    """The save was made on another version of its scenario (the hashes differ).

    The game never goes on silently: the front end says so and offers to replay
    the moves on the scenario as it is now (``allow_changed``), as a reload does.
    """

    def __init__(self, message: str, saved_hash: str, file_hash: str) -> None:
        super().__init__(message)
        self.saved_hash = saved_hash
        self.file_hash = file_hash


def save_stem(name: str) -> str:
    """A save's name cleaned to a file name in the saves folder (without ``.json``).

    Folders, control and invisible characters and leading dots are dropped (so a
    name never leaves the saves folder nor hides), a long name is shortened to
    :data:`MAX_NAME_BYTES`, and an empty one becomes ``game``.

    >>> save_stem("../../outside.json")
    'outside'
    >>> save_stem("a/b: c?")
    'ab c'
    """
    name = unicodedata.normalize("NFC", name).strip()
    if name.lower().endswith(".json"):
        name = name[:-5]
    kept = "".join(ch for ch in name if ch.isalnum() or ch in "-_ .")
    kept = " ".join(kept.split()).strip(". ")
    raw = kept.encode("utf-8")
    if len(raw) > MAX_NAME_BYTES:
        kept = raw[:MAX_NAME_BYTES].decode("utf-8", "ignore").strip(". ")
    if kept.split(".")[0].lower() in _RESERVED:
        kept = f"{kept}-game"
    return kept or "game"


def scenario_for(record: Record, given: str | os.PathLike[str] | None = None) -> str:
    """The scenario file of ``record``.

    ``given``: the file the player named for it (used as it is). Else the record's
    scenario id is looked up among the scenario folders and the files the player
    named in this run (see :func:`game.persistence.scenarios.candidates`); the
    record's ``meta.scenario_path`` counts only inside the scenario folders. Of
    the files holding that id, one of the same content as the save is preferred.

    Raises:
        RecordError: no file holds the scenario (naming the folders looked in).
    """
    if given is not None:
        return os.fspath(given)
    hint = record.meta.get("scenario_path")
    found = _find(record.scenario_id, record.scenario_hash, hint if isinstance(hint, str) else None)
    if found is None:
        sid = record.scenario_id
        shown = f"'{sid}'" if SCENARIO_ID.fullmatch(sid) else "that is not a scenario id"
        raise RecordError(
            f"the scenario {shown} of this save is not among the scenarios "
            f"({bundled_dir()}, {user_dir()}): put its file in {user_dir()}, or name it "
            "(treaty-table replay SAVE --scenario FILE; treaty-table play FILE --load SAVE)"
        )
    return str(found)


def _find(scenario_id: str, scenario_hash: str, hint: str | None) -> Path | None:
    from game.persistence.scenarios import load
    from game.scenario.yamlsafe import ScenarioFileError

    first: Path | None = None
    for path in candidates(scenario_id, hint):
        try:
            c = load(path)
        except ScenarioFileError:
            continue
        if c.id != scenario_id:
            continue
        if c.hash == scenario_hash:
            return path
        first = first or path
    return first


def check_scenario(c: Compiled, record: Record, allow_changed: bool = False) -> None:
    """Refuse a record that is not of scenario ``c`` (another id), or of another version
    of it (another hash) unless ``allow_changed``.

    Raises:
        RecordError: another scenario.
        ScenarioChanged: another version of it, with both hashes.
    """
    if record.scenario_id != c.id:
        raise RecordError(
            f"this save is of the scenario '{record.scenario_id}', not of '{c.id}' ({c.loaded.path})"
        )
    if record.scenario_hash != c.hash and not allow_changed:
        raise ScenarioChanged(
            f"this save was made on another version of the scenario '{c.id}' "
            f"(saved {record.scenario_hash[:12]}, the file {c.loaded.path} now "
            f"{c.hash[:12]}): the file has changed since, or the save was altered",
            record.scenario_hash,
            c.hash,
        )


# ------------------------------------------------------------------ the list
@dataclass(frozen=True)
class SaveInfo:
    """A saved game as a player reads it in a list: no ids, only names and dates.

    ``title`` is the scenario's title and ``players`` the diplomats the people
    played (one for a game against the computer, more in a hot seat), each by
    language (empty when the save does not say and its scenario is not there);
    ``date`` the date in the game; ``modified`` when the file was last written;
    ``autosave`` whether the game saved itself (when a player left it).
    ``problem`` says why the file cannot be used (only from :func:`save_info`:
    :func:`list_saves` lists usable saves only). ``scenario_id``, ``moves`` and
    ``path`` are for loading, not for showing.
    """

    path: Path
    modified: dt.datetime
    title: Mapping[str, str] = field(default_factory=dict)
    players: tuple[Mapping[str, str], ...] = ()
    date: dt.date | None = None
    moves: int = 0
    over: bool = False
    autosave: bool = False
    problem: str | None = None
    scenario_id: str = ""
    difficulty: str = "historical"

    @property
    def name(self) -> str:
        """The save's name (its file name without ``.json``)."""
        return self.path.stem

    @property
    def hotseat(self) -> bool:
        return len(self.players) > 1

    def title_in(self, lang: str) -> str:
        """The scenario's title in ``lang`` (else English, else the save's name)."""
        return _in(self.title, lang) or self.name

    def players_in(self, lang: str) -> list[str]:
        """The diplomats the people played, in ``lang``."""
        return [name for name in (_in(p, lang) for p in self.players) if name]

    def role_in(self, lang: str) -> str:
        """The player's diplomat in ``lang`` (empty for a hot-seat game or when unknown)."""
        return _in(self.players[0], lang) if len(self.players) == 1 else ""


def _in(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


_cache: dict[tuple[str, int, int], SaveInfo] = {}


def save_info(path: Path) -> SaveInfo:
    """What ``path`` holds as a save; never raises (a file that cannot be used gets its
    ``problem``: not a regular file, too large, damaged, not a save)."""
    try:
        st = path.stat()
    except OSError as exc:
        return SaveInfo(path, dt.datetime.now(), problem=f"{path}: cannot be read ({exc.strerror})")
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key in _cache:
        return _cache[key]
    modified = dt.datetime.fromtimestamp(st.st_mtime)
    try:
        info = _describe(path, load_record(path), modified)
    except RecordError as exc:
        info = SaveInfo(path, modified, problem=str(exc))
    if len(_cache) > 4 * MAX_LISTED:
        _cache.clear()
    _cache[key] = info
    return info


def list_saves(folder: Path | None = None) -> list[SaveInfo]:
    """The saved games in the saves folder that this game can read, newest first.

    Temporary files of interrupted saves are never listed (old ones are removed),
    nor files that are not saves (damaged, foreign, too large, not regular files).
    At most :data:`MAX_LISTED`.
    """
    folder = saves_dir() if folder is None else folder
    clean_temp_files(folder)
    found: list[tuple[float, Path]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if (
            not entry.name.endswith(".json")
            or entry.name.startswith(".")
            or is_temp_file(entry.name)
        ):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if entry.is_file(follow_symlinks=False) and st.st_size <= MAX_SAVE_BYTES:
            found.append((st.st_mtime, Path(entry.path)))
    found.sort(key=lambda item: (-item[0], item[1].name))
    out: list[SaveInfo] = []
    for _, path in found:
        info = save_info(path)
        if info.problem is None:
            out.append(info)
            if len(out) >= MAX_LISTED:
                break
    return out


def latest_game(folder: Path | None = None) -> SaveInfo | None:
    """The newest save of a game still in progress (for the title's Continue), or None."""
    for info in list_saves(folder):
        if not info.over:
            return info
    return None


def _texts(value: object) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {}


def _describe(path: Path, rec: Record, modified: dt.datetime) -> SaveInfo:
    meta = rec.meta
    title = _texts(meta.get("title"))
    raw = meta.get("players")
    players = tuple(_texts(p) for p in raw) if isinstance(raw, list) else ()
    if not title or not players:
        title, players = _from_scenario(rec, title, players)
    date: dt.date | None
    try:
        date = dt.date.fromisoformat(str(meta["date"]))
    except (KeyError, ValueError):
        date = None
    return SaveInfo(
        path=path,
        modified=modified,
        title=title,
        players=players,
        date=date,
        moves=len(rec.moves),
        over=meta.get("over") is True,
        autosave=meta.get("autosave") is True,
        scenario_id=rec.scenario_id,
        difficulty=str(meta.get("difficulty") or "historical"),
    )


def _from_scenario(
    rec: Record, title: dict[str, str], players: tuple[dict[str, str], ...]
) -> tuple[dict[str, str], tuple[dict[str, str], ...]]:
    """A save without the names (an older one): take them from its scenario, if it is there."""
    hint = rec.meta.get("scenario_path")
    names = _names(rec.scenario_id, rec.scenario_hash, hint if isinstance(hint, str) else None)
    if names is None:
        return title, players
    scenario_title, roles, diplomats = names
    title = title or dict(scenario_title)
    if not players:
        role = rec.meta.get("role")
        humans = rec.meta.get("humans")
        sides = [h for h in humans if h in diplomats] if isinstance(humans, list) else []
        if not sides and isinstance(role, str) and role in roles:
            sides = [roles[role]]
        players = tuple(dict(diplomats[side]) for side in sides)
    return title, players


_Names = tuple[dict[str, str], dict[str, str], dict[str, dict[str, str]]]
_known: dict[tuple[str, str, str | None], _Names] = {}


def _names(scenario_id: str, scenario_hash: str, hint: str | None) -> _Names | None:
    """A scenario's title, roles and diplomats' names (read once per scenario while listing)."""
    from game.persistence.scenarios import load
    from game.scenario.yamlsafe import ScenarioFileError

    key = (scenario_id, scenario_hash, hint)
    if key in _known:
        return _known[key]
    found = _find(scenario_id, scenario_hash, hint)
    if found is None:
        return None
    try:
        c = load(found)
    except (ScenarioFileError, OSError):
        return None
    diplomats = {side: dict(party.diplomat.name.tr) for side, party in c.parties.items()}
    if len(_known) >= 16:
        _known.clear()
    _known[key] = (dict(c.sc.meta.title.tr), dict(c.roles), diplomats)
    return _known[key]
