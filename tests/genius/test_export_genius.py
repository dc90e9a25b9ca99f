"""``export-genius``: a stage as GENIUS files, read back to the same frontier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.cli import main
from game.engine import compile_loaded, new_game
from game.engine.analytics import analyse
from game.engine.space import IssueSpace, LinearUtility, OutcomeSpace
from game.engine.utility import side_view, weights
from game.genius import read_domain, read_profile
from game.persistence.scenarios import load
from game.scenario.loader import validate_located
from game.scenario.yamlsafe import load_yaml_text

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "scenarios" / "mini.yaml"
PEKING = ROOT / "scenarios" / "peking-1925.yaml"


def _stage_utilities(c: Any, stage: str) -> tuple[LinearUtility, LinearUtility]:
    ids = c.stages[stage].open
    space = OutcomeSpace(tuple(IssueSpace(i, c.grid[i]) for i in ids))
    out = []
    for p in c.sc.parties:
        w = weights(None, c, p.id)
        tables = tuple(c.tables[p.id].get(i, tuple(0.0 for _ in c.grid[i])) for i in ids)
        out.append(LinearUtility(space, tuple(w.get(i, 0.0) for i in ids), tables, 0.0))
    return out[0], out[1]


@pytest.mark.parametrize(("scenario", "stage"), [(MINI, None), (PEKING, "final_round")])
def test_round_trip_gives_the_same_frontier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scenario: Path, stage: str | None
) -> None:
    args = ["export-genius", str(scenario), "--out", str(tmp_path / "g")]
    if stage:
        args += ["--stage", stage]
    assert main(args) == 0
    hint = capsys.readouterr().err.splitlines()[-1]
    files = hint.split("import-genius ")[1].split()
    out = tmp_path / "s.yaml"
    assert main(["import-genius", *files, "--out", str(out)]) == 0
    back = compile_loaded(validate_located(load_yaml_text(out.read_text(), str(out)), str(out)))
    state = new_game(back, 1)
    a, b = (p.id for p in back.sc.parties)
    again = analyse(side_view(state, a).utility, side_view(state, b).utility)
    c = load(scenario)
    used = stage or max(c.stages, key=lambda s: len(c.stages[s].open))
    first = analyse(*_stage_utilities(c, used), reservations=again.reservation)
    assert again.size == first.size
    assert np.allclose(np.array(again.frontier), np.array(first.frontier), rtol=0, atol=1e-12)
    assert again.nash == pytest.approx(first.nash, abs=1e-12)
    assert again.kalai == pytest.approx(first.kalai, abs=1e-12)


def test_exported_files_are_genius_files(tmp_path: Path) -> None:
    assert main(["export-genius", str(MINI), "--out", str(tmp_path)]) == 0
    domain_file = next(tmp_path.glob("*-domain.xml"))
    domain = read_domain(domain_file)
    for profile_file in sorted(set(tmp_path.glob("*.xml")) - {domain_file}):
        profile = read_profile(profile_file, domain)
        assert set(profile.weights) == {i.index for i in domain.issues}
    # no overwrite without --force; an unknown stage is named
    assert main(["export-genius", str(MINI), "--out", str(tmp_path)]) == 2
    assert main(["export-genius", str(MINI), "--stage", "nowhere", "--out", str(tmp_path)]) == 2
