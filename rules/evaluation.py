"""The committee's evaluation of the service centre (业委会测评): the areas it
scores, the scale, and which scores are low."""

import re

#: the areas the committee scores, in the order of the form
AREAS = (
    "housekeeping",
    "engineering",
    "security",
    "cleaning",
    "greening",
    "customer_service",
    "liaison",
)

#: the scale: 1 (very poor) to 5 (very good); 0 is "not scored yet"
SCORE_MIN = 1
SCORE_MAX = 5

#: a half year ("2026-H1") or a year ("2026")
PERIOD_RE = re.compile(r"^\d{4}(-H[12])?$")


def is_period(label):
    """Whether ``label`` names a half year or a year."""
    return bool(label and PERIOD_RE.match(label))


def unscored(scores):
    """The areas of ``scores`` (``{area: score}``) not given a score on the
    scale yet."""
    return [
        area for area, score in scores.items() if not SCORE_MIN <= score <= SCORE_MAX
    ]


def low_areas(scores, threshold):
    """The areas of ``scores`` (``{area: score}``) scored at or below
    ``threshold``, in the order of :data:`AREAS`: each becomes an action
    item for the service-centre head."""
    return [
        area
        for area in AREAS
        if area in scores and SCORE_MIN <= scores[area] <= threshold
    ]


def average(scores):
    """The mean of the given scores, ``0.0`` when none is given."""
    given = [score for score in scores if SCORE_MIN <= score <= SCORE_MAX]
    return round(sum(given) / len(given), 2) if given else 0.0
