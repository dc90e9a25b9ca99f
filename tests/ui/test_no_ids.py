"""No ids in what a player reads: scripted games through the window in both languages
(every scene, every step at the table, the tooltips) and the debrief's CSV export find no
issue, option, source, mandate, party, stage, event or argument id — only names. Ids may
appear in the CSV's own id columns, and in file paths (a save's file name).
"""

from __future__ import annotations

import csv
import re

import pytest

from game.ui.inspect import tooltips, visible_texts
from game.ui.tour import tour


def scenario_ids(c):  # type: ignore[no-untyped-def]
    """(ids written like ids: with _ - or digits; lowercase names; plain words)."""
    ids: set[str] = {c.id}
    names: set[str] = set()
    for i in c.sc.issues:
        ids.add(i.id)
        ids.update(o.id for o in i.options)
    ids.update(s.id for s in c.sc.sources)
    for p in c.sc.parties:
        names.update((p.id, p.diplomat.id))
        ids.update(m.id for m in p.mandates)
        ids.update(x.id for x in p.instructions)
        ids.update(f.id for f in p.factions)
    names.update(c.roles)
    ids.update(c.stages)
    ids.update(c.events)
    ids.update(c.arguments)
    coded = {i for i in ids | names if re.search(r"[_\d-]", i)}
    return coded, names - coded, ids - coded - names


def id_problems(texts, c) -> list[str]:  # type: ignore[no-untyped-def]
    coded, names, plain = scenario_ids(c)
    out = []
    for raw in texts:
        text = re.sub(r"\S*[/\\]\S*", " ", raw)  # file paths name files, not things
        for i in coded | names:
            if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text):
                out.append(f"{i!r} in {raw[:160]!r}")
        for i in plain:
            if re.search(rf"(?<!\w){re.escape(i)}\s*=|=\s*{re.escape(i)}(?!\w)", text):
                out.append(f"{i!r} in {raw[:160]!r}")
    return out


@pytest.mark.parametrize(("lang", "role"), [("en", 0), ("az", 1)])
def test_no_id_in_any_text_a_player_reads_or_exports(app, dirs, lang, role) -> None:
    from game.ui.tour import finish_game

    app.settings.lang = lang
    app.restyle()
    seen: list[str] = []
    c = None

    def read() -> None:
        app.dirty = True
        app.step()
        seen.extend(visible_texts(app.manager))
        seen.extend(tooltips(app.manager))

    for name, scene in tour(app, "peking-1925", role, fast=True):
        read()
        if name == "table":
            c = scene.session.c
            table = scene

            def each_move(s):  # type: ignore[no-untyped-def]
                read()
                return len(s.moves) > 40

            finish_game(app, until=each_move)  # every step of a game at the table
            assert table.session.state.date > table.session.c.sc.calendar.start
        if name == "debrief":
            scene.export_csv()
            path = next((dirs / "saves" / "exports").glob("*.csv"))
            rows = list(csv.reader(path.open(encoding="utf-8")))
            for row in rows:  # the last column holds the ids (issue, side)
                seen.extend(row[:-1])
            assert {r[-1] for r in rows if r} >= {"oil_share", "japan"}
    assert c is not None and len(seen) > 1000
    assert id_problems(seen, c) == []


def test_the_check_finds_ids() -> None:
    from game.persistence.scenarios import load, resolve

    c = load(resolve("peking-1925"))
    found = id_problems(
        [
            "recognition = conditional, evacuation_by = 1926-02-15, oil_royalty = net5",
            "Rol: karakhan",
            "Ssenari: peking-1925",
            "Source: s_ws_en",
            "Saved: /home/x/saves/peking-1925-yoshizawa.json",
            "Recognition of the USSR: conditional on further settlement",
        ],
        c,
    )
    joined = "\n".join(found)
    for i in ("evacuation_by", "oil_royalty", "net5", "karakhan", "peking-1925", "s_ws_en"):
        assert repr(i) in joined
    assert "'recognition'" in joined and "'conditional'" in joined
    assert "/home/x" not in joined and "further settlement" not in joined
