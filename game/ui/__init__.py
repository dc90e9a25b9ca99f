"""The window front end (pygame-ce + pygame_gui).

It only draws engine state and turns input into engine moves: a stack of
scenes (:mod:`game.ui.scene`), input mapped once to intents
(:mod:`game.ui.intents`), the game's progress held in
:class:`game.session.GameSession`. Entry point: :func:`game.ui.app.run_window`.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
