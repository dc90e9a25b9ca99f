"""Make the fonts shipped in ``assets/fonts/`` (run once, by hand).

The fonts are Noto Sans (SIL Open Font License 1.1, ``assets/fonts/OFL.txt``;
no reserved font name), as bundled in pygame_gui's ``data`` folder. They are
cut down to the scripts the game writes in (Latin with every extension,
including Azerbaijani ə and Turkish ı/İ; Greek; Cyrillic; punctuation, arrows,
currency and mathematical signs), keeping every OpenType layout feature. The
full fonts also carry Vietnamese stacking forms, phonetic extensions and
hundreds of rarely used signs; each loaded size of a font holds its tables in
memory, and the window loads some thirty sizes, so the cut saves about 6 MB of
the window's 120 MB budget. ``tests/ui/test_assets.py`` checks that every
character of the shipped texts has a glyph.

Usage::

    pip install fonttools
    python tools/subset_fonts.py            # rewrites assets/fonts/NotoSans-*.ttf
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic.ttf",
)
RANGES = (
    (0x0000, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B (Ə)
    (0x0250, 0x02FF),  # IPA (ə) and spacing modifiers
    (0x0300, 0x036F),  # combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and its supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation (– — “ ” … ‹ ›)
    (0x2070, 0x209F),  # super- and subscripts
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x214F),  # letter-like symbols (№)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (− ≤ ≥)
    (0x25A0, 0x25FF),  # geometric shapes (● ▲ ■)
)


def source_dir() -> Path:
    """pygame_gui's bundled fonts."""
    import pygame_gui.data

    return Path(pygame_gui.data.__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=None, help="folder with the full fonts")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "fonts")
    args = parser.parse_args(argv)
    from fontTools import subset

    src = args.source or source_dir()
    unicodes = [cp for lo, hi in RANGES for cp in range(lo, hi + 1)]
    for name in FONTS:
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        font = subset.load_font(str(src / name), options)
        sub = subset.Subsetter(options)
        sub.populate(unicodes=unicodes)
        sub.subset(font)
        target = args.out / name
        subset.save_font(font, str(target), options)
        print(
            f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
            f"{(src / name).stat().st_size:,} -> {target.stat().st_size:,} bytes"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
