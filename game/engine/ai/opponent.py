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

    def observe(self, indices: Sequence[int] | IntArray) -> None:
        """Learn from one offer by the other side (value index per issue)."""
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
        n = len(self.sizes)
        self._starts = np.zeros(n, dtype=np.intp)
        self._starts[1:] = np.cumsum(self.sizes)[:-1]
        self._issue_of = np.repeat(np.arange(n, dtype=np.intp), self.sizes)
        self._counts = np.ones(sum(self.sizes), dtype=np.float64)
        self._peak = np.ones(n, dtype=np.float64)
        self._raw = np.ones(n, dtype=np.float64)
        size = np.asarray(self.sizes, dtype=np.float64)
        span = np.maximum(size - 1.0, 1.0)
        self.ordinal = ordinal
        self._step_scale = 1.0 / span
        chance = 1.0 - (size + 1.0) / (3.0 * span) if ordinal else 1.0 / size
        chance = np.where(size > 1, chance, 0.0)
        self._chance = chance
        self._gain = self.learning_rate / (1.0 - chance)
        self._last: IntArray | None = None
        self._rating: FloatArray | None = None
        self.observed = 0

    def observe(self, indices: Sequence[int] | IntArray) -> None:
        """Learn from one offer by the other side."""
        cols = self._starts + np.asarray(indices, dtype=np.intp)
        counts = self._counts
        counts[cols] += 1.0
        np.maximum(self._peak, counts[cols], out=self._peak)
        if self._last is not None:
            if self.ordinal:
                similarity = 1.0 - np.abs(cols - self._last) * self._step_scale
            else:
                similarity = (cols == self._last).astype(np.float64)
            self._raw += np.maximum(similarity - self._chance, 0.0) * self._gain
        self._last = cols
        self._rating = None
        self.observed += 1

    def weights(self) -> tuple[float, ...]:
        """Estimated issue weights, summing to 1."""
        w = self._raw / self._raw.sum()
        return tuple(float(x) for x in w)

    def values(self) -> tuple[tuple[float, ...], ...]:
        """Estimated value function of each issue, best value = 1."""
        scaled = (self._counts / self._peak[self._issue_of]) ** self.value_exponent
        return tuple(
            tuple(float(x) for x in scaled[s : s + n])
            for s, n in zip(self._starts.tolist(), self.sizes, strict=True)
        )

    def rating(self) -> FloatArray:
        """Estimated weighted value of every value, concatenated by issue."""
        if self._rating is None:
            if self.value_exponent == 1.0:
                scale = self._raw / (np.add.reduce(self._raw) * self._peak)
                self._rating = self._counts * scale[self._issue_of]
            else:
                scaled = (self._counts / self._peak[self._issue_of]) ** self.value_exponent
                self._rating = scaled * (self._raw / self._raw.sum())[self._issue_of]
        return self._rating
