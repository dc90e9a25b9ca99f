"""Opponent modelling: a frequency model of the other side's preferences.

Learned from the other side's offers only (the HardHeaded / "frequency"
family, see Baarslag et al. 2016, *Learning about the opponent in automated
bilateral negotiation*):

* **issue weights**: the more the other side keeps an issue's value from one
  offer to the next, the more that issue's raw weight grows (a side changes
  first what it cares least about); weights are the raw weights normalised to
  sum 1, starting equal. The classic model adds ``learning_rate`` whenever
  the value is unchanged; that favours issues with few values, which stay
  unchanged by chance. Here the stability is *chance-corrected* (as Cohen's
  kappa): with ordered values, closeness ``1 - |step| / (n - 1)`` is compared
  with its expectation for two random values, ``1 - (n + 1) / (3 (n - 1))``;
  with ``ordinal=False``, exact equality with its chance ``1 / n``. The raw
  weight grows by ``learning_rate * max(0, (s - chance) / (1 - chance))``;
* **value preferences**: a value's estimated worth is
  ``((count + 1) / (max count of the issue + 1)) ** value_exponent``, i.e.
  values offered often are the ones the other side likes.

The model's :meth:`~FrequencyModel.rating` is the estimated weighted value of
every value of every issue, concatenated issue after issue: a package's
estimated utility for the other side is the sum of its values' ratings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from game.engine.analytics import FloatArray, IntArray

__all__ = ["FrequencyModel", "OpponentModel"]


class OpponentModel(Protocol):
    """What a negotiator believes about the other side's utility."""

    @property
    def observed(self) -> int:
        """How many offers it has learnt from."""
        ...

    def observe(self, indices: Sequence[int] | IntArray) -> None:
        """Learn from one offer by the other side (value index per issue; ``-1`` for an
        issue a partial offer leaves out)."""
        ...

    def observe_many(self, rows: IntArray) -> None:
        """Learn from several offers, in order (one row of value indices each)."""
        ...

    def weights(self) -> tuple[float, ...]:
        """Estimated issue weights, summing to 1."""
        ...

    def rating(self) -> FloatArray:
        """Estimated weighted value of every value, concatenated by issue."""
        ...


class FrequencyModel:
    """Frequency-based opponent model (see module docstring).

    Args:
        sizes: Number of values of each issue.
        learning_rate: Raw-weight increase for an issue left unchanged.
        value_exponent: Exponent applied to normalised value frequencies.
        ordinal: Treat each issue's values as ordered (closeness counts).
    """

    def __init__(
        self,
        sizes: Sequence[int],
        learning_rate: float = 0.2,
        value_exponent: float = 1.0,
        ordinal: bool = True,
    ) -> None:
        self.sizes = tuple(int(s) for s in sizes)
        self.learning_rate = float(learning_rate)
        self.value_exponent = float(value_exponent)
        self.ordinal = ordinal
        starts = [0] * len(self.sizes)
        for i in range(1, len(self.sizes)):
            starts[i] = starts[i - 1] + self.sizes[i - 1]
        self._starts = starts
        self._issue_of = np.repeat(np.arange(len(self.sizes), dtype=np.intp), self.sizes)
        self._counts = np.ones(sum(self.sizes), dtype=np.float64)
        self._peak = [1.0] * len(self.sizes)
        self._raw = [1.0] * len(self.sizes)
        spans = [max(n - 1, 1) for n in self.sizes]
        self._step_scale = [1.0 / span for span in spans]
        self._chance = [
            (1.0 - (n + 1) / (3.0 * span) if ordinal else 1.0 / n) if n > 1 else 0.0
            for n, span in zip(self.sizes, spans, strict=True)
        ]
        self._gain = [self.learning_rate / (1.0 - c) for c in self._chance]
        self._last: list[int] | None = None
        self._rating: FloatArray | None = None
        self.observed = 0

    def observe(self, indices: Sequence[int] | IntArray) -> None:
        """Learn from one offer by the other side (a value index per issue; ``-1`` for
        an issue the offer leaves out: a partial offer teaches what it names)."""
        row: list[int] = indices.tolist() if isinstance(indices, np.ndarray) else list(indices)
        counts, peak, raw, last = self._counts, self._peak, self._raw, self._last
        for i, start in enumerate(self._starts):
            k = row[i]
            if k < 0:
                continue
            j = start + k
            c = float(counts[j]) + 1.0
            counts[j] = c
            if c > peak[i]:
                peak[i] = c
            if last is not None and last[i] >= 0:
                if self.ordinal:
                    similarity = 1.0 - abs(k - last[i]) * self._step_scale[i]
                else:
                    similarity = 1.0 if k == last[i] else 0.0
                if similarity > self._chance[i]:
                    raw[i] += (similarity - self._chance[i]) * self._gain[i]
        self._last = row
        self._rating = None
        self.observed += 1

    def observe_many(self, rows: IntArray) -> None:
        """Learn from several offers at once, in order: the same as :meth:`observe` on
        each row (shape ``(m, issues)``, ``-1`` for an issue an offer leaves out), to
        the last bit, in a few array operations."""
        m = int(rows.shape[0])
        if m == 0:
            return
        if m == 1:
            self.observe(rows[0])
            return
        rows = np.asarray(rows, dtype=np.intp)
        present = rows >= 0
        starts = np.asarray(self._starts, dtype=np.intp)
        np.add.at(self._counts, (rows + starts)[present], 1.0)
        if self._last is not None:
            rows_before = np.vstack([np.asarray(self._last, dtype=np.intp)[None, :], rows])
        else:
            rows_before = rows
        prev, cur = rows_before[:-1], rows_before[1:]
        both = (prev >= 0) & (cur >= 0)
        chance = np.asarray(self._chance)
        if self.ordinal:
            similarity = 1.0 - np.abs(cur - prev) * np.asarray(self._step_scale)
        else:
            similarity = (cur == prev).astype(np.float64)
        gain = np.where(
            both & (similarity > chance), (similarity - chance) * np.asarray(self._gain), 0.0
        )
        # added one after the other, as observe adds them (accumulate is sequential)
        raw = np.add.accumulate(np.vstack([np.asarray(self._raw)[None, :], gain]), axis=0)[-1]
        self._raw = raw.tolist()
        for i, (s, n) in enumerate(zip(self._starts, self.sizes, strict=True)):
            top = float(self._counts[s : s + n].max())
            if top > self._peak[i]:
                self._peak[i] = top
        self._last = rows[-1].tolist()
        self._rating = None
        self.observed += m

    def weights(self) -> tuple[float, ...]:
        """Estimated issue weights, summing to 1."""
        total = sum(self._raw)
        return tuple(r / total for r in self._raw)

    def values(self) -> tuple[tuple[float, ...], ...]:
        """Estimated value function of each issue, best value = 1."""
        return tuple(
            tuple(
                (float(c) / self._peak[i]) ** self.value_exponent
                for c in self._counts[s : s + n].tolist()
            )
            for i, (s, n) in enumerate(zip(self._starts, self.sizes, strict=True))
        )

    def rating(self) -> FloatArray:
        """Estimated weighted value of every value, concatenated by issue."""
        if self._rating is None:
            total = sum(self._raw)
            counts = self._counts
            if self.value_exponent == 1.0:
                scale = [r / (total * p) for r, p in zip(self._raw, self._peak, strict=True)]
                self._rating = counts * np.array(scale).take(self._issue_of)
            else:
                peak = np.array(self._peak).take(self._issue_of)
                weight = np.array([r / total for r in self._raw]).take(self._issue_of)
                self._rating = (counts / peak) ** self.value_exponent * weight
        return self._rating
