"""The scenes of the window, by name.

A scene opens another by its name (``self.app.push("table", session)``); the
window finds the class here and imports its module only then, so no scene
module imports another and the window starts without the game's modules.
Each scene class's ``name`` is its key.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.scene import Scene

SCENES: dict[str, str] = {
    "title": "game.ui.scenes.title:TitleScene",
    "scenarios": "game.ui.scenes.choose:ScenarioScene",
    "role": "game.ui.scenes.choose:RoleScene",
    "briefing": "game.ui.scenes.briefing:BriefingScene",
    "handover": "game.ui.scenes.briefing:HandOverScene",
    "table": "game.ui.scenes.table:TableScene",
    "news": "game.ui.scenes.dialogs:NewsDigest",
    "end": "game.ui.scenes.dialogs:EndCard",
    "confirm": "game.ui.scenes.dialogs:ConfirmDialog",
    "instruct": "game.ui.scenes.dialogs:InstructDialog",
    "argue": "game.ui.scenes.dialogs:ArgueDialog",
    "adjourn": "game.ui.scenes.dialogs:AdjournDialog",
    "accept": "game.ui.scenes.clauses:AcceptDialog",
    "reopen": "game.ui.scenes.clauses:ReopenDialog",
    "debrief": "game.ui.scenes.debrief:DebriefScene",
    "replay": "game.ui.scenes.replay:ReplayScene",
    "save": "game.ui.scenes.saves:SaveDialog",
    "load": "game.ui.scenes.saves:LoadScene",
    "settings": "game.ui.scenes.settings_scene:SettingsScene",
}
"""Scene name -> ``module:class``."""


def scene_class(name: str) -> type[Scene]:
    """The scene class registered as ``name`` (its module imported on first use)."""
    try:
        module, _, cls = SCENES[name].partition(":")
    except KeyError:
        raise KeyError(f"no scene named {name!r}; scenes: {', '.join(SCENES)}") from None
    found: type[Scene] = getattr(importlib.import_module(module), cls)
    return found
