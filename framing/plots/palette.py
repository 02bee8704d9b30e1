"""One colour per outlet, colour-blind safe, the same in every figure."""

from __future__ import annotations

from collections.abc import Iterable

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common forms of
# colour-vision deficiency. Black is left out (reserved for intervals and text).
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#999999",  # grey
)
# Categories that are not outlets (affiliations, removal reasons) get these, in order.
CATEGORY_COLORS = OKABE_ITO


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """Map each distinct outlet name to a colour, by sorted name (deterministic).

    More outlets than colours cycle through the palette again.
    """
    names = sorted({str(o) for o in outlets})
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}


def category_colors(categories: Iterable[str]) -> dict[str, str]:
    """Colours for non-outlet categories, in the order given (first seen first)."""
    seen = list(dict.fromkeys(str(c) for c in categories))
    return {name: CATEGORY_COLORS[i % len(CATEGORY_COLORS)] for i, name in enumerate(seen)}
