"""Screenshots of the window, made in a real X window (Xvfb), so that they stay current.

    python tools/screenshots.py                      # the README's pictures (docs/images/)
    python tools/screenshots.py --all DIR            # every scene, three sizes, both languages

Each picture is taken by ``python -m game.ui.selfcheck`` (a walk through every
scene, the human side played by the engine's policy) running under
``xvfb-run``; the script needs Xvfb (``apt install xvfb``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
SIZES = ("1024x640", "1280x800", "1920x1080")
README_SHOTS = {"table_mid": "table.png", "debrief": "debrief.png"}
"""Scene of the walk -> file name in docs/images (English, 1280×800)."""


def shoot(scenario: str, lang: str, size: str, folder: Path) -> None:
    """A PNG of each scene of the walk in ``folder`` (``LANG-SCENE.png``)."""
    if shutil.which("xvfb-run") is None:
        raise SystemExit("screenshots: xvfb-run is not installed (apt install xvfb)")
    env = dict(os.environ)
    env.pop("SDL_VIDEODRIVER", None)
    env["SDL_AUDIODRIVER"] = "dummy"
    tmp = tempfile.mkdtemp(prefix="treaty-shots-")
    env["TREATY_TABLE_SAVES"] = os.path.join(tmp, "saves")
    env["TREATY_TABLE_CONFIG"] = os.path.join(tmp, "config")
    cmd = [
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 1920x1080x24",
        sys.executable,
        "-m",
        "game.ui.selfcheck",
        scenario,
        lang,
        "--size",
        size,
        "--shots",
        str(folder),
    ]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    shutil.rmtree(tmp, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(f"screenshots: {' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scenario", default="peking-1925")
    parser.add_argument(
        "--all", metavar="DIR", help="every scene, at three sizes, in both languages"
    )
    args = parser.parse_args(argv)
    if args.all:
        out = Path(args.all)
        for size in SIZES:
            for lang in ("en", "az"):
                shoot(args.scenario, lang, size, out / size)
                print(f"{out / size}: {lang}")
        return 0
    with tempfile.TemporaryDirectory(prefix="treaty-readme-") as tmp:
        shoot(args.scenario, "en", "1280x800", Path(tmp))
        IMAGES.mkdir(parents=True, exist_ok=True)
        for scene, name in README_SHOTS.items():
            shutil.copyfile(Path(tmp) / f"en-{scene}.png", IMAGES / name)
            print(IMAGES / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
