"""Criteria as arrays: each person's answers encoded once, pairs scored in bulk.

Every criterion scores a pair from 0 to 1. `block(rows, cols)` scores every pair of
a block of rows (side A) and columns (side B) at once; `pairs(i, j)` scores given
pairs element-wise; `reason(i, j)` puts one chosen pair's score into Swedish words
for coordinators. Indices are positions in the engine's id-sorted sides.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from matching.engine.problem import (
    ANSWER_AGES_INVALID,
    ANSWER_LIST_INVALID,
    ANSWER_NUMBER_INVALID,
    ANSWER_SINGLE_INVALID,
    ANSWER_TEXT_INVALID,
    Criterion,
    Person,
    ProblemError,
)

MAX_CHILD_AGE = 25
# Values of a stated preference that mean "no preference".
NO_PREFERENCE = frozenset({"", "any", "no_preference", "ingen"})

# Swedish words for explanations, by question key; params["label"] overrides.
SHARED_WORDS = {
    "interests": "gemensamma intressen",
    "languages": "gemensamma språk",
    "availability": "kan träffas",
    "themes": "gemensamma teman",
}
SAME_WORDS = {
    "field": "samma område",
    "household": "samma hushållstyp",
    "profession": "samma yrke",
    "education": "samma utbildning",
    "municipality": "samma kommun",
}
NUMBER_WORDS = {"age": "nära i ålder"}
ATTRIBUTE_WORDS = {"gender": "kön", "age": "ålder", "municipality": "kommun"}
CHILDREN_SAME = "barn i {noun} {ages} på båda sidor"
CHILDREN_BOTH = "barn i åldrarna {a} respektive {b}"
PREFERENCE_MET = "önskemål om {noun} uppfyllt"
THEME_BOTH = "båda har valt temat {theme}"
THEME_ONE = "temat {theme} valt av {who}"
WAITED = "har väntat {days}"
NOTHING_IN_COMMON = "inget gemensamt utöver programmets krav"


T = TypeVar("T")


class InvalidAnswer(ValueError):
    """Raised by answer converters; Side.read adds where the answer is."""


@dataclass
class Side:
    """One side's people in id order, with the input path of each for errors."""

    name: str
    people: list[Person]
    paths: list[str]

    @classmethod
    def build(cls, name: str, people: Sequence[Person]) -> Side:
        order = sorted(range(len(people)), key=lambda index: people[index].id)
        return cls(
            name,
            [people[index] for index in order],
            [f"{name}[{index}]" for index in order],
        )

    def __len__(self) -> int:
        return len(self.people)

    def read(self, key: str, convert: Callable[[Any], T]) -> list[T]:
        """Each person's answer to `key` (None when missing) through `convert`;
        an answer it rejects becomes a ProblemError naming the person's field."""
        out = []
        for index, person in enumerate(self.people):
            try:
                out.append(convert(person.attributes.get(key)))
            except InvalidAnswer as error:
                where = f"{self.paths[index]}.attributes.{key}"
                raise ProblemError(where, str(error)) from None
        return out


def words_join(words: Sequence[str]) -> str:
    """'a', 'a och b', 'a, b och c'."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def _lower_first(text: str) -> str:
    # Keep acronyms ("IT och data") as they are.
    if len(text) > 1 and text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


class Labels:
    def __init__(self, labels: Mapping[str, Mapping[str, str]]) -> None:
        self._labels = labels

    def __contains__(self, key: str) -> bool:
        return key in self._labels

    def word(self, key: str, value: Any, *, lower: bool = True) -> str:
        """The words for an answer value, lower-cased to sit inside a sentence
        (names of places keep their capital: lower=False)."""
        words = self._labels.get(key, {})
        text = words.get(str(value)) if isinstance(words, Mapping) else None
        if not text:
            return str(value)
        return _lower_first(str(text)) if lower else str(text)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def list_answer(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    # The common case (a list from JSON or the registration service) first.
    if type(value) is list and all(type(item) is str for item in value):
        return tuple(dict.fromkeys(value))
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidAnswer(ANSWER_LIST_INVALID)
    if not all(isinstance(item, str) for item in value):
        raise InvalidAnswer(ANSWER_LIST_INVALID)
    return tuple(dict.fromkeys(value))


def single_answer(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidAnswer(ANSWER_SINGLE_INVALID)
    return value


def number_answer(value: Any) -> float:
    if value is None:
        return math.nan
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
    ):
        raise InvalidAnswer(ANSWER_NUMBER_INVALID)
    return float(value)


def _bits(
    sets: Sequence[Sequence[str] | None], vocabulary: Mapping[str, int], words: int
) -> np.ndarray:
    """Each set as a row of 64-bit words, bit `code` set for each value."""
    rows = [row for row, values in enumerate(sets) for _ in values or ()]
    codes = np.array(
        [vocabulary[v] for values in sets for v in values or ()], dtype=np.int64
    )
    bits = np.zeros((len(sets), words), dtype=np.uint64)
    if codes.size:
        np.bitwise_or.at(
            bits,
            (np.array(rows, np.int64), codes >> 6),
            np.left_shift(np.uint64(1), (codes & 63).astype(np.uint64)),
        )
    return bits


def _compact(bits: np.ndarray, size: int) -> list[np.ndarray]:
    """The words of `bits` as 1-D arrays of the narrowest unsigned type that holds
    `size` bits: fewer bytes to move per pair scored."""
    if size <= 32:
        dtype = np.uint8 if size <= 8 else np.uint16 if size <= 16 else np.uint32
        return [bits[:, 0].astype(dtype)]
    return [bits[:, word].copy() for word in range(bits.shape[1])]


def _vocabulary(*collections: Sequence[Sequence[Any] | None]) -> dict[Any, int]:
    values = {
        v for collection in collections for items in collection for v in items or ()
    }
    return {value: code for code, value in enumerate(sorted(values, key=str))}


class Feature:
    """One weighted criterion, encoded for both sides."""

    def __init__(self, criterion: Criterion, labels: Labels) -> None:
        self.criterion = criterion
        self.weight = float(criterion.weight)
        self.key = criterion.key
        self.params = criterion.params
        self.labels = labels
        self._reasons: dict[Any, str | None] = {}

    def _score(self, i: np.ndarray, j: np.ndarray, dtype=np.float64) -> np.ndarray:
        raise NotImplementedError

    def block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Scores of rows x cols in float32: blocks only choose candidates; the
        chosen pairs are scored again in float64 by `pairs`."""
        return self._score(rows[:, None], cols[None, :], np.float32)

    def pairs(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return self._score(i, j)

    def reason(self, i: int, j: int, score: float) -> str | None:
        """Words for a chosen pair whose score on this criterion is `score`, or
        None when there is nothing to say."""
        raise NotImplementedError


class SharedAnswers(Feature):
    """min(|A∩B|, s) / min(|A|, |B|, s): 1 when the shorter list is shared in full
    or s answers are shared (params.saturate, default 3; availability: 1)."""

    default_saturate = 3

    def __init__(self, criterion: Criterion, labels: Labels, a: Side, b: Side) -> None:
        super().__init__(criterion, labels)
        # Overlaps are counted in small integers; no list shares 255 answers.
        self.saturate = min(
            int(self.params.get("saturate", self.default_saturate)), 255
        )
        self.sets_a = a.read(self.key, list_answer)
        self.sets_b = b.read(self.key, list_answer)
        vocabulary = _vocabulary(self.sets_a, self.sets_b)
        words = max(1, -(-len(vocabulary) // 64))
        self.words_a = _compact(_bits(self.sets_a, vocabulary, words), len(vocabulary))
        self.words_b = _compact(_bits(self.sets_b, vocabulary, words), len(vocabulary))
        self.count_a = np.array(
            [min(len(s or ()), self.saturate) for s in self.sets_a], dtype=np.uint8
        )
        self.count_b = np.array(
            [min(len(s or ()), self.saturate) for s in self.sets_b], dtype=np.uint8
        )
        self.noun = self.params.get("label") or SHARED_WORDS.get(
            self.key, f"gemensamt ({self.key})"
        )

    def _score(self, i: np.ndarray, j: np.ndarray, dtype=np.float64) -> np.ndarray:
        overlap = None
        for word_a, word_b in zip(self.words_a, self.words_b, strict=True):
            count = np.bitwise_count(word_a[i] & word_b[j])
            if len(self.words_a) > 1:  # several 64-bit words: sums may pass 255
                count = count.astype(np.uint16)
            overlap = count if overlap is None else overlap + count
        shared = np.minimum(overlap, self.saturate).astype(dtype)
        # Counts are already capped at saturate; 0 (no answer) shares nothing.
        limit = np.minimum(self.count_a[i], self.count_b[j])
        return shared / np.maximum(limit, 1).astype(dtype)

    def reason(self, i: int, j: int, score: float) -> str | None:
        # Questionnaires repeat the same answers: build each text once.
        key = (self.sets_a[i], self.sets_b[j])
        if key not in self._reasons:
            other = set(self.sets_b[j] or ())
            common = [value for value in self.sets_a[i] or () if value in other]
            words = [self.labels.word(self.key, value) for value in common]
            self._reasons[key] = f"{self.noun}: {', '.join(words)}" if common else None
        return self._reasons[key]


class Availability(SharedAnswers):
    default_saturate = 1


class SameAnswer(Feature):
    """1 when both gave the same single answer, else 0."""

    def __init__(
        self,
        criterion: Criterion,
        labels: Labels,
        a: Side,
        b: Side,
        key: str | None = None,
    ) -> None:
        super().__init__(criterion, labels)
        self.key = key or self.key
        self.values_a = a.read(self.key, single_answer)
        self.values_b = b.read(self.key, single_answer)
        vocabulary = _vocabulary(
            [[v] if v is not None else None for v in self.values_a],
            [[v] if v is not None else None for v in self.values_b],
        )
        self.codes_a = np.array(
            [vocabulary[v] if v is not None else -1 for v in self.values_a], np.int64
        )
        self.codes_b = np.array(
            [vocabulary[v] if v is not None else -2 for v in self.values_b], np.int64
        )
        self.noun = self.params.get("label") or SAME_WORDS.get(
            self.key, f"samma svar på {self.key}"
        )

    def _score(self, i: np.ndarray, j: np.ndarray, dtype=np.float64) -> np.ndarray:
        return (self.codes_a[i] == self.codes_b[j]).astype(dtype)

    def reason(self, i: int, j: int, score: float) -> str | None:
        if self.codes_a[i] != self.codes_b[j]:
            return None
        code = int(self.codes_a[i])
        if code not in self._reasons:
            self._reasons[code] = self._reason(self.values_a[i])
        return self._reasons[code]

    def _reason(self, value: Any) -> str:
        if self.key == "municipality":
            if self.key not in self.labels:
                return self.noun
            name = self.labels.word(self.key, value, lower=False)
            return f"{self.noun} ({name})"
        return f"{self.noun}: {self.labels.word(self.key, value)}"


class NumberCloseness(Feature):
    """max(0, 1 - |x - y| / params.scale); scale defaults to 10."""

    def __init__(self, criterion: Criterion, labels: Labels, a: Side, b: Side) -> None:
        super().__init__(criterion, labels)
        self.scale = float(self.params.get("scale", 10.0))
        self.x = np.array(a.read(self.key, number_answer))
        self.y = np.array(b.read(self.key, number_answer))
        self.noun = self.params.get("label") or NUMBER_WORDS.get(
            self.key, f"nära i {self.key}"
        )

    def _score(self, i: np.ndarray, j: np.ndarray, dtype=np.float64) -> np.ndarray:
        score = 1.0 - np.abs(self.x[i] - self.y[j]) / self.scale
        return np.nan_to_num(np.clip(score, 0.0, 1.0), nan=0.0).astype(dtype)

    def reason(self, i: int, j: int, score: float) -> str | None:
        if score <= 0:
            return None
        return f"{self.noun} ({_number_text(self.x[i])} och {_number_text(self.y[j])})"


class ChildrenAges(Feature):
    """How close each child's age is to the nearest child's on the other side,
    max(0, 1 - years apart / params.scale_years (default 3)), averaged over all
    children of both; 0 when either side has none. Computed as two matrix
    products of age histograms, so a block costs two BLAS calls."""

    def __init__(self, criterion: Criterion, labels: Labels, a: Side, b: Side) -> None:
        super().__init__(criterion, labels)
        self.scale = float(self.params.get("scale_years", 3.0))
        self.ages_a = a.read(self.key, self._ages)
        self.ages_b = b.read(self.key, self._ages)
        self.hist_a, self.reach_a, self.count_a = self._encode(self.ages_a)
        self.hist_b, self.reach_b, self.count_b = self._encode(self.ages_b)

    @staticmethod
    def _ages(value: Any) -> tuple[int, ...]:
        if value is None:
            return ()
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise InvalidAnswer(ANSWER_AGES_INVALID.format(limit=MAX_CHILD_AGE))
        for age in value:
            if (
                isinstance(age, bool)
                or not isinstance(age, int)
                or not 0 <= age <= MAX_CHILD_AGE
            ):
                raise InvalidAnswer(ANSWER_AGES_INVALID.format(limit=MAX_CHILD_AGE))
        return tuple(sorted(value))

    def _encode(
        self, ages: list[tuple[int, ...]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        bins = np.arange(MAX_CHILD_AGE + 1, dtype=np.float64)
        hist = np.zeros((len(ages), bins.size))
        for row, person_ages in enumerate(ages):
            np.add.at(hist[row], list(person_ages), 1.0)
        # closeness[x, y]: how well a child aged x is matched by one aged y.
        closeness = np.clip(
            1.0 - np.abs(bins[:, None] - bins[None, :]) / self.scale, 0, 1
        )
        present = hist > 0
        # reach[p, x]: the best closeness to any of p's children for a child aged x.
        reach = np.zeros_like(hist)
        for age in range(bins.size):
            has = present[:, age]
            reach[has] = np.maximum(reach[has], closeness[age])
        return hist, reach, hist.sum(axis=1)

    def _combine(
        self,
        forward: np.ndarray,
        backward: np.ndarray,
        total_a: np.ndarray,
        total_b: np.ndarray,
    ) -> np.ndarray:
        total = total_a + total_b
        both = (total_a > 0) & (total_b > 0)
        return np.where(both, (forward + backward) / np.maximum(total, 1), 0.0)

    def block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        forward = self.hist_a[rows] @ self.reach_b[cols].T
        backward = self.reach_a[rows] @ self.hist_b[cols].T
        return self._combine(
            forward, backward, self.count_a[rows][:, None], self.count_b[cols][None, :]
        )

    def pairs(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        forward = np.einsum("nk,nk->n", self.hist_a[i], self.reach_b[j])
        backward = np.einsum("nk,nk->n", self.reach_a[i], self.hist_b[j])
        return self._combine(forward, backward, self.count_a[i], self.count_b[j])

    def reason(self, i: int, j: int, score: float) -> str | None:
        a, b = self.ages_a[i], self.ages_b[j]
        if not a or not b or score <= 0:
            return None
        if a == b:
            noun = "åldern" if len(a) == 1 else "åldrarna"
            return CHILDREN_SAME.format(noun=noun, ages=words_join(map(str, a)))
        return CHILDREN_BOTH.format(
            a=words_join(map(str, a)), b=words_join(map(str, b))
        )


class StatedPreference(Feature):
    """Share of stated preferences met: the answer to `key` names the values of
    the other person's `params.attribute` one would like (a string or a list;
    "any" or no answer means no preference). Averaged over params.sides (default
    both); a side without a preference counts as met."""

    def __init__(self, criterion: Criterion, labels: Labels, a: Side, b: Side) -> None:
        super().__init__(criterion, labels)
        self.attribute = str(self.params["attribute"])
        self.sides = self.params.get("sides", "both")
        prefs_a = a.read(self.key, self._preference)
        prefs_b = b.read(self.key, self._preference)
        attr_a = a.read(self.attribute, single_answer)
        attr_b = b.read(self.attribute, single_answer)
        attr_a = [str(v) if v is not None else None for v in attr_a]
        attr_b = [str(v) if v is not None else None for v in attr_b]
        vocabulary = _vocabulary(
            prefs_a, prefs_b, [[v] for v in attr_a if v], [[v] for v in attr_b if v]
        )
        words = max(1, -(-len(vocabulary) // 64))
        self.stated_a = np.array([bool(p) for p in prefs_a])
        self.stated_b = np.array([bool(p) for p in prefs_b])
        self.bits_a = _bits(prefs_a, vocabulary, words)
        self.bits_b = _bits(prefs_b, vocabulary, words)
        self.code_a = np.array([vocabulary[v] if v else -1 for v in attr_a], np.int64)
        self.code_b = np.array([vocabulary[v] if v else -1 for v in attr_b], np.int64)
        self.noun = self.params.get("label") or ATTRIBUTE_WORDS.get(
            self.attribute, self.attribute
        )

    @staticmethod
    def _preference(value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        values = [value] if isinstance(value, str) else list_answer(value)
        return tuple(v for v in values if v not in NO_PREFERENCE)

    @staticmethod
    def _met(
        stated: np.ndarray, bits: np.ndarray, chooser: np.ndarray, code: np.ndarray
    ) -> np.ndarray:
        # Missing attribute: code -1 -> word 0, bit never set below (masked).
        safe = np.maximum(code, 0)
        word = bits[chooser, safe >> 6]
        bit = (word >> (safe & 63).astype(np.uint64)) & np.uint64(1)
        return ~stated[chooser] | ((bit == 1) & (code >= 0))

    def _parts(self, i: np.ndarray, j: np.ndarray) -> list[np.ndarray]:
        parts = []
        if self.sides in ("a", "both"):
            parts.append(self._met(self.stated_a, self.bits_a, i, self.code_b[j]))
        if self.sides in ("b", "both"):
            parts.append(self._met(self.stated_b, self.bits_b, j, self.code_a[i]))
        return parts

    def _score(self, i: np.ndarray, j: np.ndarray, dtype=np.float64) -> np.ndarray:
        parts = self._parts(i, j)
        return (sum(part.astype(dtype) for part in parts) / len(parts)).astype(dtype)

    def reason(self, i: int, j: int, score: float) -> str | None:
        stated = (self.sides in ("a", "both") and self.stated_a[i]) or (
            self.sides in ("b", "both") and self.stated_b[j]
        )
        if not stated or score < 1:
            return None
        return PREFERENCE_MET.format(noun=self.noun)


class SessionTheme(Feature):
    """Share of params.sides (default both) whose list answer `key` holds the
    session's theme (e.g. a coach experienced in it, a youth who chose it)."""

    def __init__(
        self, criterion: Criterion, labels: Labels, a: Side, b: Side, theme: str
    ) -> None:
        super().__init__(criterion, labels)
        self.theme = theme
        self.sides = self.params.get("sides", "both")
        self.has_a = np.array(
            [theme in (values or ()) for values in a.read(self.key, list_answer)],
            dtype=bool,
        )
        self.has_b = np.array(
            [theme in (values or ()) for values in b.read(self.key, list_answer)],
            dtype=bool,
        )

    def _score(self, i: np.ndarray, j: np.ndarray, dtype=np.float64) -> np.ndarray:
        has_a = self.has_a[i].astype(dtype)
        has_b = self.has_b[j].astype(dtype)
        if self.sides == "a":
            return has_a * np.ones_like(has_b)
        if self.sides == "b":
            return np.ones_like(has_a) * has_b
        return (has_a + has_b) / dtype(2)

    def reason(self, i: int, j: int, score: float) -> str | None:
        theme = self.labels.word(self.key, self.theme)
        has_a = bool(self.has_a[i]) and self.sides != "b"
        has_b = bool(self.has_b[j]) and self.sides != "a"
        if has_a and has_b:
            return THEME_BOTH.format(theme=theme)
        if has_a or has_b:
            return THEME_ONE.format(theme=theme, who="den ena")
        return None


def feature_build(
    criterion: Criterion,
    a: Side,
    b: Side,
    labels: Labels,
    session_theme: str | None,
) -> Feature:
    kind = criterion.kind
    if kind == "shared_answers":
        return SharedAnswers(criterion, labels, a, b)
    if kind == "availability":
        return Availability(criterion, labels, a, b)
    if kind == "same_answer":
        return SameAnswer(criterion, labels, a, b)
    if kind == "same_municipality":
        return SameAnswer(criterion, labels, a, b, key="municipality")
    if kind == "number_closeness":
        return NumberCloseness(criterion, labels, a, b)
    if kind == "children_ages":
        return ChildrenAges(criterion, labels, a, b)
    if kind == "stated_preference":
        return StatedPreference(criterion, labels, a, b)
    if kind == "session_theme":
        assert session_theme is not None  # validate_problem checked it
        return SessionTheme(criterion, labels, a, b, session_theme)
    raise AssertionError(kind)  # validate_problem checked the kinds


def text_answer(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidAnswer(ANSWER_TEXT_INVALID)
    return value
