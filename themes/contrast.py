"""WCAG 2.1 contrast maths (pure functions, no Django).

Relative luminance and contrast ratio as defined in WCAG 2.1, success criteria
1.4.3 (text: 4.5:1, large text 3:1) and 1.4.11 (user interface components: 3:1).
"""

import re
from dataclasses import dataclass

BODY_TEXT_MINIMUM = 4.5
LARGE_TEXT_MINIMUM = 3.0

_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def is_hex_colour(value: str) -> bool:
    return bool(_HEX.match(value or ""))


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    """'#1d4f91' or '#fff' -> (r, g, b) in 0..255. Raises ValueError otherwise."""
    match = _HEX.match(value or "")
    if not match:
        raise ValueError(f"Not a colour in #rrggbb form: {value!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    r, g, b = (_channel(v) for v in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1.0 to 21.0; order-free."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def ratio_label(ratio: float) -> str:
    """2.345 -> '2.34:1'; rounded down, so a failing ratio never shows as passing."""
    return f"{int(ratio * 100) / 100:.2f}:1"


@dataclass(frozen=True)
class ColourPair:
    """Two colours the site shows together, and the contrast they need."""

    name: str
    foreground: str
    background: str
    minimum: float

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)

    @property
    def passes(self) -> bool:
        return self.ratio >= self.minimum


def failing_pairs(pairs: list[ColourPair]) -> list[ColourPair]:
    return [pair for pair in pairs if not pair.passes]
