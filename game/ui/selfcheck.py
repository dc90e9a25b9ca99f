"""``python -m game.ui.selfcheck SCENARIO [LANG]``: walk every scene in a real window and
print, as JSON, each scene's visible texts (used by the Xvfb test and for screenshots).

With ``--shots DIR`` it also saves a PNG of each scene.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("scenario")
    parser.add_argument("lang", nargs="?", default="en")
    parser.add_argument("--shots", help="folder for a PNG of each scene")
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="treaty-selfcheck-")
    os.environ.setdefault("TREATY_TABLE_SAVES", os.path.join(tmp, "saves"))
    os.environ.setdefault("TREATY_TABLE_CONFIG", os.path.join(tmp, "config"))
    import pygame

    from game.ui.app import App, open_display_or_explain
    from game.ui.inspect import visible_texts
    from game.ui.settings import Settings
    from game.ui.tour import tour

    problem = open_display_or_explain()
    if problem:
        print(json.dumps({"error": problem}))
        return 1
    w, h = (int(v) for v in args.size.split("x"))
    app = App(Settings(lang=args.lang, window=(w, h)))
    out: dict[str, list[str]] = {}
    for name, _scene in tour(app, args.scenario):
        app.dirty = True
        app.step()
        out[name] = visible_texts(app.manager)
        if args.shots:
            os.makedirs(args.shots, exist_ok=True)
            pygame.image.save(app.screen, os.path.join(args.shots, f"{args.lang}-{name}.png"))
    out["_driver"] = [pygame.display.get_driver()]
    out["_missing_keys"] = sorted(app.tr.missing)
    json.dump(out, sys.stdout, ensure_ascii=False)
    pygame.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
