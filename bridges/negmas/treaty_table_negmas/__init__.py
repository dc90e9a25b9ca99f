"""Treaty Table and NegMAS: NegMAS negotiators at the game's table, the game's AI in NegMAS.

This package imports NegMAS (AGPL-3.0); the game (``game/``) never imports it.
Install it with the project's ``negmas`` extra: ``pip install -e '.[negmas]'``
(see ``bridges/negmas/LICENSE-NOTE.md``).

* :class:`TreatyTableNegotiator`: Treaty Table's AI as a NegMAS SAO negotiator
  (``preset="hard"``, ``"historical"`` or ``"easy"``, or a ``config``);
* :func:`make_policy`: the ``negmas`` policy of ``treaty-table simulate`` and
  ``play`` (``--policy japan=negmas:negmas.sao:AspirationNegotiator``).
"""

from treaty_table_negmas.convert import from_negmas, to_negmas
from treaty_table_negmas.negotiator import TreatyTableNegotiator
from treaty_table_negmas.policy import NegmasPolicy, make_policy

__all__ = ["NegmasPolicy", "TreatyTableNegotiator", "from_negmas", "make_policy", "to_negmas"]
