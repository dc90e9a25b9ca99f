"""The GENIUS importer: safe XML, located errors, and a scenario that plays to an end."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.cli import main
from game.engine import apply, compile_loaded, new_game
from game.engine.policy import make_policy
from game.genius import (
    Evaluator,
    GeniusError,
    import_genius,
    parse_xml_text,
    read_domain,
    read_profile,
)
from game.genius.convert import _integer_grid, _integer_points, slug
from game.scenario.loader import validate_located
from game.scenario.yamlsafe import load_yaml_text
from game.text.play import run_text_game

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "genius"
DOMAIN = FIX / "harbour_domain.xml"
OWNER = FIX / "harbour_owner.xml"
SHIPPER = FIX / "harbour_shipper.xml"


def _scenario(tmp_path: Path):  # type: ignore[no-untyped-def]
    text = import_genius(DOMAIN, OWNER, SHIPPER, scenario_id="harbour")
    path = tmp_path / "harbour.yaml"
    path.write_text(text, encoding="utf-8")
    return compile_loaded(validate_located(load_yaml_text(text, str(path)), str(path)))


def test_domain_and_profiles_are_read() -> None:
    domain = read_domain(DOMAIN)
    assert domain.name == "Harbour lease"
    assert [i.kind for i in domain.issues] == ["discrete", "discrete", "integer"]
    owner = read_profile(OWNER, domain)
    assert owner.weights == {"1": 5.0, "2": 2.0, "3": 3.0}
    assert owner.reservation == 0.3 and owner.discount == 0.9
    # GENIUS: discrete evaluations divided by the largest; integer offset + slope * (x - lower)
    assert owner.evaluations["1"] == {"Low": 0.1, "Medium": 0.6, "High": 1.0}
    assert owner.evaluations["3"] == Evaluator("linear", (-0.1, 1.0, 1.0))


def test_import_validates_with_normalised_preferences(tmp_path: Path) -> None:
    c = _scenario(tmp_path)
    sc = c.sc
    assert sc.id == "harbour"
    owner, shipper = sc.parties
    assert sum(owner.preferences.weights.values()) == pytest.approx(1.0)
    assert owner.preferences.weights["rent"] == pytest.approx(0.5)
    # evaluations divided by the issue's largest evaluation
    assert owner.preferences.values["rent"] == {"low": 0.1, "medium": 0.6, "high": 1.0}
    assert shipper.preferences.values["rent"]["medium"] == pytest.approx(0.625)
    # a linear evaluator cut at 1 gets a kink point
    assert shipper.preferences.values["term_in_years"] == {1: 0.0, 6: 1.0, 10: 1.0}
    assert owner.preferences.reservation == 0.3
    # GENIUS's discount factor is kept as it is, not turned into a cost per month
    assert owner.preferences.discount == 0.9 and owner.preferences.delay_cost == 0.0
    assert shipper.preferences.discount is None
    assert {s.id for s in sc.stages} == {"talks", "signed", "broken_off", "no_deal"}
    assert sc.history == ()
    assert set(c.roles) == {"harbour_owner", "harbour_shipper"}


def test_a_game_plays_through_a_pipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATY_TABLE_SAVES", str(tmp_path / "saves"))
    c = _scenario(tmp_path)
    lines = iter(
        ["propose rent=high berths_number=v_2_berths term_in_years=1\n", "accept\n"]
        + ["adjourn\n"] * 40
    )
    out = io.StringIO()
    code = run_text_game(c, "harbour_owner", 1, lines, out)
    text = out.getvalue()
    assert code == 0
    assert "DEBRIEF" in text or "saved" in text


def test_ai_against_ai_reaches_an_end(tmp_path: Path) -> None:
    c = _scenario(tmp_path)
    for seed in (1, 2, 3):
        state = new_game(c, seed)
        policies = {side: make_policy(c, side) for side in c.parties}
        for _ in range(500):
            if state.over:
                break
            state = apply(state, policies[state.to_move].choose(state, state.to_move).move)
        assert state.outcome is not None, f"seed {seed}: no end after 500 moves"
        assert state.outcome.termination.value in ("signed", "broken_off", "deadline")


@pytest.mark.parametrize(("title", "phrase"), [("a\x1b[2Jb", "U+001B"), ("x\nid: y", "one line")])
def test_cli_refuses_a_title_the_format_does_not_allow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str, phrase: str
) -> None:
    out = tmp_path / "h.yaml"
    argv = ["import-genius", str(DOMAIN), str(OWNER), str(SHIPPER), "--out", str(out)]
    assert main([*argv, "--title", title]) == 2
    err = capsys.readouterr().err
    assert phrase in err and "please report" not in err
    assert not out.exists()
    assert main([*argv, "--title", 'Say "no": end\\']) == 0
    assert main(["validate", str(out)]) == 0


def test_cli_writes_a_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "h.yaml"
    assert (
        main(
            [
                "import-genius",
                str(DOMAIN),
                str(OWNER),
                str(SHIPPER),
                "--out",
                str(out),
                "--id",
                "harbour",
            ]
        )
        == 0
    )
    assert "play it with" in capsys.readouterr().err
    assert main(["validate", str(out)]) == 0
    # no overwrite without --force
    assert main(["import-genius", str(DOMAIN), str(OWNER), str(SHIPPER), "--out", str(out)]) == 2


@pytest.mark.parametrize(
    ("domain", "a", "where"),
    [
        ("bad_malformed.xml", "harbour_owner.xml", "bad_malformed.xml:5:5: error: malformed XML"),
        ("bad_entities.xml", "harbour_owner.xml", "bad_entities.xml:2:"),
        ("bad_external_entity.xml", "harbour_owner.xml", "DOCTYPE is not allowed"),
        ("harbour_domain.xml", "bad_profile.xml", "bad_profile.xml:5:5: error: item 'Medium'"),
        ("harbour_domain.xml", "missing.xml", "missing.xml:1:1: error: no such file"),
    ],
)
def test_bad_files_get_located_errors(
    domain: str, a: str, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import-genius", str(FIX / domain), str(FIX / a), str(SHIPPER)])
    err = capsys.readouterr().err
    assert code == 1
    assert where in err
    assert "Traceback" not in err


def test_bad_profile_lists_every_problem() -> None:
    with pytest.raises(GeniusError) as info:
        read_profile(FIX / "bad_profile.xml", read_domain(DOMAIN))
    messages = [p.message for p in info.value.problems]
    assert any("no evaluation for item(s): 6 berths" in m for m in messages)
    assert any("<evaluator" in m for m in messages)
    assert any('no <weight index="3">' in m for m in messages)
    assert any("between 0 and 1" in m for m in messages)


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"<a>",
        b"<a></b>",
        b"\xff\xfe<",
        b"<utility_space/>",
        b"<other/>",
        b"<a>" * 100 + b"</a>" * 100,
    ],
)
def test_garbage_never_raises_anything_else(text: bytes) -> None:
    try:
        root = parse_xml_text(text, "x.xml")
    except GeniusError as exc:
        assert all(str(p).startswith("x.xml:") for p in exc.problems)
    else:
        assert root.tag


def test_slug_and_grid() -> None:
    assert slug("Berths (number)") == "berths_number"
    assert slug("18:00", "v") == "v_18_00"
    assert slug("!!!", "issue") == "issue"
    points = _integer_points(0, 10, Evaluator("linear", (0.3, 0.0, 0.0)))
    assert list(points) == [0, 3, 4, 10]
    assert list(points.values()) == pytest.approx([0.0, 0.9, 1.0, 1.0])
    assert _integer_grid(0, 10, 21) == (1, 10)
    assert _integer_grid(0, 100, 21) == (5, 100)
    step, top = _integer_grid(0, 97, 21)
    assert (top - 0) // step + 1 <= 21
    step, top = _integer_grid(0, 10**12, 21)  # fast, even for a huge range
    assert top // step + 1 <= 21


def test_real_issue_becomes_options(tmp_path: Path) -> None:
    domain = tmp_path / "d.xml"
    domain.write_text(
        '<negotiation_template><utility_space><objective name="Price talk">'
        '<issue index="1" name="Price" type="real" lowerbound="0.5" upperbound="2.5"/>'
        '<issue index="2" name="When" type="discrete"><item value="now"/><item value="later"/></issue>'
        "</objective></utility_space></negotiation_template>"
    )
    prof = (
        '<utility_space><objective name="Price talk">'
        '<issue index="1" name="Price" type="real" lowerbound="0.5" upperbound="2.5">'
        '<evaluator ftype="linear" slope="{s}" offset="{o}"/></issue>'
        '<issue index="2" name="When" type="discrete">'
        '<item value="now" evaluation="{a}"/><item value="later" evaluation="{b}"/></issue>'
        '<weight index="1" value="0.7"/><weight index="2" value="0.3"/>'
        "</objective></utility_space>"
    )
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    a.write_text(prof.format(s="0.5", o="0", a="1", b="0"))
    b.write_text(prof.format(s="-0.5", o="1", a="0", b="2"))
    text = import_genius(domain, a, b, max_values=5)
    loaded = validate_located(load_yaml_text(text, "x.yaml"), "x.yaml")
    price = loaded.scenario.issues[0]
    assert price.kind == "options"
    assert [o.name.get() for o in price.options] == ["0.5", "1", "1.5", "2", "2.5"]
    assert loaded.scenario.parties[0].preferences.values["price"]["v_2_5"] == 1.0
    assert loaded.scenario.parties[1].preferences.values["price"]["v_2_5"] == 0.0
    assert loaded.scenario.parties[1].preferences.values["when"] == {"now": 0.0, "later": 1.0}


def test_cli_plays_an_import_through_a_real_pipe(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "h.yaml"
    assert main(["import-genius", str(DOMAIN), str(OWNER), str(SHIPPER), "--out", str(out)]) == 0
    moves = (
        "propose rent=high berths_number=v_2_berths term_in_years=1\naccept\n" + "adjourn\n" * 30
    )
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", str(out), "--text", "--role", "harbour_owner"],
        input=moves,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "harbour owner proposes" in done.stdout
