"""Hostile input to the window: damaged saves on the Load screen, text typed into the Save
dialog, a copy of a bundled scenario in the user's folder, and random event storms.

Each defect's test is built from its example. The storm is bounded (a fixed number of
events); ``TREATY_TABLE_FUZZ_EVENTS=N`` makes it longer.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import threading
import time
from pathlib import Path

import pygame
import pytest

from game.ui.driver import key, press, pump, start, to_table
from tests.ui.conftest import MINI


def _good_save(app, dirs: Path) -> Path:  # type: ignore[no-untyped-def]
    """A save of a game of mini, made through the window (its first move played)."""
    from game.ui.driver import adjourn

    table = to_table(app, MINI, "Nadia")
    adjourn(app)
    path = table.session.save("good")
    while app.stack:
        app.stack.pop().exit()
    return path


def _newest(path: Path) -> None:
    t = time.time() + 60
    os.utime(path, (t, t), follow_symlinks=False)


def _open_load_screen(app) -> None:  # type: ignore[no-untyped-def]
    start(app, MINI)
    app.top.load()
    pump(app)
    assert app.top.name == "load"


def _damaged(good: Path, kind: str) -> Path:
    data = json.loads(good.read_text(encoding="utf-8"))
    path = good.with_name(f"{kind}.json")
    if kind == "seed":  # a 5,000-digit seed
        text = re.sub(r'"seed": *\d+', '"seed": ' + "7" * 5000, good.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        return path
    if kind == "nested":
        path.write_text("[" * 1_000_000 + "]" * 1_000_000, encoding="utf-8")
        return path
    meta = data.setdefault("meta", {})
    if kind == "difficulty":
        meta["difficulty"] = "impossible"
    elif kind == "humans":
        meta["humans"] = {"north": 1}
    elif kind == "role":
        meta["role"] = ["nadia"]
        meta.pop("humans", None)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["seed", "nested"])
def test_a_damaged_newest_save_is_never_offered(app, dirs, kind) -> None:
    good = _good_save(app, dirs)
    bad = _damaged(good, kind)
    _newest(bad)
    _open_load_screen(app)
    load = app.top
    assert [info.path for info in load.saves] == [good]
    assert load.selected.path == good and load.load_button.treaty_enabled
    press(app, load.load_button)
    assert app.top.name == "table"


@pytest.mark.parametrize("kind", ["difficulty", "humans", "role"])
def test_a_save_with_strange_meta_is_never_offered(app, dirs, kind) -> None:
    good = _good_save(app, dirs)
    bad = _damaged(good, kind)
    _newest(bad)
    from game.session import save_info

    assert save_info(bad).problem  # named, never raised
    _open_load_screen(app)
    assert [info.path for info in app.top.saves] == [good]
    press(app, app.top.load_button)
    table = app.top
    assert table.name == "table"
    assert table.session.difficulty == "historical"
    assert table.session.humans == frozenset({"north"})


def test_the_load_screen_does_not_wait_on_a_fifo(app, dirs) -> None:
    good = _good_save(app, dirs)
    fifo = good.with_name("pipe.json")
    os.mkfifo(fifo)
    _newest(fifo)
    done = threading.Event()
    opened: list[object] = []

    def open_screen() -> None:
        from game.session import list_saves, save_info

        opened.extend(list_saves())
        opened.append(save_info(fifo))
        done.set()

    worker = threading.Thread(target=open_screen, daemon=True)
    worker.start()
    finished = done.wait(20)
    if not finished:  # unblock the reader so the test run goes on, then fail
        with open(fifo, "w") as fh:
            fh.write("{}")
    assert finished, "listing the saves waited on a FIFO"
    *listed, pipe = opened
    assert [info.path for info in listed] == [good]
    assert pipe.problem
    _open_load_screen(app)
    shown = [i["text"] for i in app.top.list.item_list]
    assert len(shown) == 1 and "pipe" not in shown[0]


@pytest.mark.parametrize("text", ["\u200b", "\u034f", "a\u200b\u200bb", "\x00\x1b[2J"])
def test_invisible_characters_typed_into_the_save_dialog(app, dirs, text) -> None:
    table = to_table(app, MINI, "Nadia")
    table.save()
    pump(app)
    dialog = app.top
    dialog.name_entry.set_text("")
    app.manager.set_focus_set(dialog.name_entry)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": text}))
    pump(app, 3)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": "x"}))
    pump(app, 3)
    press(app, dialog.focusables[-1])  # Save
    assert app.top is table
    saved = [p.name for p in (dirs / "saves").glob("*.json")]
    assert saved and all("\x00" not in n and "\u200b" not in n for n in saved)


def test_five_thousand_characters_typed_into_the_save_name(app, dirs) -> None:
    from game.ui.scenes.saves import NAME_LIMIT

    table = to_table(app, MINI, "Nadia")
    table.save()
    pump(app)
    dialog = app.top
    app.manager.set_focus_set(dialog.name_entry)
    for i in range(5000):
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": "x"}))
        if i % 200 == 199:
            pump(app)
    pump(app, 2)
    assert len(dialog.name_entry.get_text()) <= NAME_LIMIT
    press(app, dialog.focusables[-1])
    assert app.top is table


def test_a_copy_of_a_bundled_scenario_in_the_users_folder(app, dirs, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs / "data"))
    from game.persistence.scenarios import bundled_dir, user_dir

    user_dir().mkdir(parents=True)
    copy = user_dir() / "peking-1925.yaml"
    shutil.copy(bundled_dir() / "peking-1925.yaml", copy)
    start(app, "atami-1923")
    app.top.scenarios()
    pump(app)
    chooser = app.top
    chooser.set_focus(chooser.list)
    names = [i["text"] for i in chooser.list.item_list]
    assert len(set(names)) == len(names)  # the two Pekings are told apart
    for _ in range(len(names) + 2):  # down to the end and past it: one selection at a time
        key(app, pygame.K_DOWN)
        assert sum(i["selected"] for i in chooser.list.item_list) == 1
    assert Path(chooser.selected) == copy.resolve()
    press(app, chooser.go_button)
    assert app.top.name == "role" and Path(app.top.setup.path) == copy.resolve()


CHARS = "aZ09 ə\u200b\u200d\u034f\x00\x07\x1b\t\n\r\u202e\ufeff\U0001f600…—ş"


def _storm_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    roll = rng.random()
    pos = (rng.randrange(size[0]), rng.randrange(size[1]))
    if roll < 0.35:
        return pygame.event.Event(
            pygame.MOUSEMOTION, {"pos": pos, "rel": (1, 1), "buttons": (0, 0, 0)}
        )
    if roll < 0.6:
        kind = rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP])
        return pygame.event.Event(kind, {"pos": pos, "button": rng.choice([1, 1, 1, 3, 4, 5])})
    if roll < 0.8:
        keys = [
            pygame.K_TAB, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_LEFT, pygame.K_RIGHT,
            pygame.K_UP, pygame.K_DOWN, pygame.K_SPACE, pygame.K_PAGEDOWN, pygame.K_BACKSPACE,
            pygame.K_DELETE, pygame.K_HOME, pygame.K_END, pygame.K_z, pygame.K_s, pygame.K_a,
        ]  # fmt: skip
        mod = rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
        return pygame.event.Event(
            pygame.KEYDOWN, {"key": rng.choice(keys), "mod": mod, "unicode": "", "scancode": 0}
        )
    if roll < 0.97:
        text = "".join(rng.choice(CHARS) for _ in range(rng.randrange(1, 12)))
        return pygame.event.Event(pygame.TEXTINPUT, {"text": text})
    w, h = rng.choice([(1024, 640), (1280, 800), (900, 600)])
    return pygame.event.Event(pygame.VIDEORESIZE, {"w": w, "h": h, "size": (w, h)})


@pytest.mark.parametrize("seed", [1, 2])
def test_random_event_storms_never_break_the_window(app, dirs, seed) -> None:
    """Random mouse, keys and typed text (control, zero-width, emoji) in every scene the
    storm reaches; the window never raises and still answers."""
    events = int(os.environ.get("TREATY_TABLE_FUZZ_EVENTS", "1500"))
    rng = random.Random(seed)
    start(app, MINI)
    for i in range(events):
        pygame.event.post(_storm_event(rng, app.size))
        if i % 5 == 4:
            app.step()
            if not app.running:  # the storm quit (Esc, yes): start again
                app.running = True
                while app.stack:
                    app.stack.pop().exit()
                start(app, MINI)
    app.step()
    assert app.stack and app.top is not None
