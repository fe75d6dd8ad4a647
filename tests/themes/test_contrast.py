"""WCAG 2.1 contrast maths, checked against values from the WCAG definition."""

import pytest

from themes.contrast import (
    BODY_TEXT_MINIMUM,
    LARGE_TEXT_MINIMUM,
    ColourPair,
    contrast_ratio,
    failing_pairs,
    hex_to_rgb,
    ratio_label,
    relative_luminance,
)


def test_luminance_of_black_and_white():
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)


def test_black_on_white_is_21_to_1_in_either_order():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000") == pytest.approx(21.0)


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#777777", "#ffffff", 4.48),
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.00),
        ("#ffff00", "#ffffff", 1.07),
    ],
)
def test_known_ratios(foreground, background, expected):
    assert contrast_ratio(foreground, background) == pytest.approx(expected, abs=0.01)


def test_short_hex_expands():
    assert hex_to_rgb("#fa0") == (255, 170, 0)


@pytest.mark.parametrize("value", ["", "red", "#12345", "#gggggg", "1d4f91", None])
def test_not_a_colour_is_refused(value):
    with pytest.raises(ValueError):
        hex_to_rgb(value)


def test_ratio_label_rounds_down_so_a_failure_never_reads_as_the_minimum():
    assert ratio_label(4.4999) == "4.49:1"
    assert ratio_label(4.5) == "4.50:1"


def test_failing_pairs_use_each_pairs_own_minimum():
    grey_text = ColourPair(
        name="body",
        foreground="#777777",
        background="#ffffff",
        minimum=BODY_TEXT_MINIMUM,
    )
    grey_large = ColourPair(
        name="large",
        foreground="#777777",
        background="#ffffff",
        minimum=LARGE_TEXT_MINIMUM,
    )

    assert failing_pairs([grey_text, grey_large]) == [grey_text]
