"""One game in progress for every front end: :class:`GameSession`.

It applies and records moves, plays the AI's turns, takes a seat's move
back, reads the scenario file again, saves and autosaves (and lists the saves:
:func:`list_saves`, :func:`latest_game`), makes the debrief,
and decides what each seat may see (:class:`SeatView`). The window
(:mod:`game.ui`) and the terminal (:mod:`game.text`) only draw it and turn
input into moves.
"""

from game.session.saves import (
    SaveInfo,
    ScenarioChanged,
    latest_game,
    list_saves,
    save_info,
    save_stem,
    scenario_for,
)
from game.session.session import MAX_AI_MOVES, AITurn, GameSession, Reloaded
from game.session.view import CONFIDENTIAL, SeatView, Seen, Withheld, for_seat

__all__ = [
    "CONFIDENTIAL",
    "MAX_AI_MOVES",
    "AITurn",
    "GameSession",
    "Reloaded",
    "SaveInfo",
    "ScenarioChanged",
    "SeatView",
    "Seen",
    "Withheld",
    "for_seat",
    "latest_game",
    "list_saves",
    "save_info",
    "save_stem",
    "scenario_for",
]
