"""``python -m game``: the Treaty Table command line."""

from game.cli import main

raise SystemExit(main())
