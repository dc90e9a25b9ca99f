"""What the table shows of talks between many parties: who sits at the table (who is to
move, who made the offer on the table, who has accepted it, the mediator), the offer's
links, the agreed clauses (provisional or final, the day they were agreed), and every
other party's last words.

Functions from the state to HTML for the table's text boxes (they wrap and scroll, so
no name is ever cut); nothing here changes the game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui import markup
from game.ui.scene import esc
from game.wording import speech, words

if TYPE_CHECKING:
    from game.engine import GameState
    from game.engine.compiled import Compiled
    from game.engine.moves import Offer
    from game.session import GameSession
    from game.wording.catalogue import Translator


def many(c: Compiled) -> bool:
    """Whether the scenario has more than two parties (the table then shows the seats)."""
    return len(c.parties) > 2


def names(c: Compiled, tr: Translator, sides: tuple[str, ...] | list[str]) -> str:
    """Diplomats' names in words: 'Sam', 'Sam and Eli', 'Sam, Eli and Cleo'."""
    said = [words.diplomat(c, tr, s) for s in sides if s in c.parties]
    if len(said) < 2:
        return "".join(said)
    return ", ".join(said[:-1]) + tr("multi.and") + said[-1]


def seat_marks(c: Compiled, tr: Translator, state: GameState, side: str, me: str) -> list[str]:
    """What the seats panel says of ``side``: you, mediator, to move, offered, accepted,
    to answer, away from the table."""
    marks = []
    if side == me:
        marks.append(tr("seats.you"))
    if c.is_mediator(side):
        marks.append(tr("seats.mediator"))
    if side not in state.table:
        marks.append(tr("seats.away"))
        return marks
    if not state.over and state.to_move == side:
        marks.append(tr("seats.to_move"))
    offer = state.offer
    if offer is not None:
        if offer.by == side:
            marks.append(tr("seats.offered"))
        elif side in offer.accepted:
            marks.append(tr("seats.accepted"))
        elif side in offer.to:
            marks.append(tr("seats.waiting"))
    return marks


def seats_html(c: Compiled, tr: Translator, state: GameState, me: str) -> str:
    """Every party, in the order of turns: its diplomat, its country, and its marks."""
    lines = [f'<font color="{markup.GOLD}"><b>{esc(tr("seats.head"))}</b></font>']
    for side in c.parties:
        marks = seat_marks(c, tr, state, side, me)
        who = f"{words.diplomat(c, tr, side)} ({words.party(c, tr, side)})"
        line = f"<b>{esc(who)}</b>" if side == state.to_move and not state.over else esc(who)
        if marks:
            line += f' <font color="{markup.MUTED}">— {esc(" · ".join(marks))}</font>'
        lines.append("• " + line)
    return "<br>".join(lines)


def offer_notes(c: Compiled, tr: Translator, offer: Offer) -> list[str]:
    """The offer's links and, with more than one addressee, who has accepted it."""
    out = []
    for group in offer.links:
        issues = [words.issue_name(c, tr, i) for i in group if i in c.issues]
        if len(issues) > 1:
            out.append(tr("offer.linked", issues=", ".join(issues[:-1]), last=issues[-1]))
    if len(offer.to) > 1 or offer.accepted:
        if offer.accepted:
            out.append(tr("offer.accepted_by", names=names(c, tr, list(offer.accepted))))
        if offer.waiting:
            out.append(tr("offer.awaiting", names=names(c, tr, list(offer.waiting))))
    return out


def offer_html(c: Compiled, tr: Translator, offer: Offer, head: str) -> str:
    """An offer: its heading, its clauses, its links and who has accepted it."""
    notes = offer_notes(c, tr, offer)
    html = f"<b>{esc(head)}</b><br>" + markup.package_html(c, tr, offer.package)
    if notes:
        html += f'<br><font color="{markup.MUTED}">' + "<br>".join(map(esc, notes)) + "</font>"
    return html


def clause_line(c: Compiled, tr: Translator, state: GameState, iid: str) -> str:
    """An agreed clause: its value, provisional or final, the day agreed (and by whom,
    with more than two signatories)."""
    clause = state.clauses.get(iid)
    value = words.value(c, tr, iid, state.agreed[iid])
    name = words.issue_name(c, tr, iid)
    if clause is None:
        return tr("clause.agreed", issue=name, value=value)
    key = "clause.final" if clause.final else "clause.provisional"
    line = tr(key, issue=name, value=value, date=words.date(tr, clause.date))
    if len(c.signatories) > 2 and clause.parties:
        line += " " + tr("clause.by", names=names(c, tr, list(clause.parties)))
    return line


def agreed_html(c: Compiled, tr: Translator, state: GameState) -> str:
    """The agreed clauses and the side agreements, one a line; '' when there are none."""
    parts = []
    if state.agreed:
        lines = [clause_line(c, tr, state, iid) for iid in c.issues if iid in state.agreed]
        parts.append(
            f"<b>{esc(tr('table.agreed'))}</b><br>" + "<br>".join(f"• {esc(x)}" for x in lines)
        )
    if state.side_deals:
        lines = [
            tr(
                "clause.side",
                issue=words.issue_name(c, tr, d.issue),
                value=words.value(c, tr, d.issue, d.value),
                date=words.date(tr, d.date),
                names=names(c, tr, list(d.parties)),
            )
            for d in state.side_deals
            if d.issue in c.issues
        ]
        parts.append(
            f"<b>{esc(tr('clause.side_head'))}</b><br>" + "<br>".join(f"• {esc(x)}" for x in lines)
        )
    return "<br><br>".join(parts)


def replies_html(session: GameSession, tr: Translator, me: str, details: bool) -> str:
    """Every other party's last words (the engine's sides'), each headed by its name and
    its move; a party that has not spoken yet says so."""
    c = session.c
    parts = []
    for side in c.parties:
        if side == me:
            continue
        name = words.diplomat(c, tr, side)
        if side in session.humans:
            continue  # a person's words are their moves, in the record
        turn = session.last_turn(side)
        if turn is None:
            parts.append(f"<i>{esc(tr('table.no_reply', name=name))}</i>")
            continue
        said = [f"<b>{esc(tr('table.reply', name=name, move=tr('move.' + turn.move.kind)))}</b>"]
        if turn.choice.line is not None:
            said.append(f"<i>{esc(turn.choice.line.get(tr.lang))}</i>")
        spoken = speech.speak(c, tr, side, turn.reasons)
        said += [esc(x) for x in spoken]
        if details or not spoken:
            figures = speech.details(c, tr, side, turn.reasons)
            if figures:
                said.append(
                    f'<font color="{markup.MUTED}">'
                    + "<br>".join(f"• {esc(x)}" for x in figures)
                    + "</font>"
                )
        parts.append("<br>".join(said))
    if not parts:
        return esc(tr("table.hotseat_note"))
    return "<br><br>".join(parts)
