"""Why a suggestion: kept as plain data on Suggestion.reasons, told in words
only when shown (in the reader's language, with topic names read then).

reasons = {
    "topics": [[topic id, mentee mastery or None, mentor mastery or None,
                claim below strong (bool)], ...],   # the needs the mentor covers, best first
    "distance": "same_unit" | "same_sub_branch" | "same_branch" | "far",
    "load_before": int, "load_after": int, "capacity": int,
    "coverage": float, "proximity": float, "load_penalty": float,
}
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .proximity import FAR, SAME_BRANCH, SAME_SUB_BRANCH, SAME_UNIT

MOST_TOPICS = 3


def covered_topics(
    topics: list[int],
    need_row,
    strength_row,
    mentee_mastery: dict[int, float],
    mentor_mastery: dict[int, float],
    strong: float,
) -> list[list]:
    """The mentee's needs the mentor covers, those that add most first."""
    gains = need_row * strength_row
    order = [n for n in gains.argsort()[::-1][:MOST_TOPICS] if gains[n] > 0]
    rows = []
    for n in order:
        topic = topics[n]
        mentor_value = mentor_mastery.get(topic)
        rows.append(
            [
                topic,
                _rounded(mentee_mastery.get(topic)),
                _rounded(mentor_value),
                mentor_value is None or mentor_value < strong,
            ]
        )
    return rows


def reasons_make(
    *, topics, distance, load_before, capacity, coverage, proximity, load_penalty
) -> dict:
    return {
        "topics": topics,
        "distance": distance,
        "load_before": load_before,
        "load_after": load_before + 1,
        "capacity": capacity,
        "coverage": round(float(coverage), 3),
        "proximity": round(float(proximity), 3),
        "load_penalty": round(float(load_penalty), 3),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _percent(value: float | None) -> str:
    return _("not yet measured") if value is None else f"{round(value * 100)}%"


def distance_words(code: str) -> str:
    return {
        SAME_UNIT: _("Same team."),
        SAME_SUB_BRANCH: _("Same sub-branch."),
        SAME_BRANCH: _("Same branch."),
        FAR: _("Different branches."),
    }.get(code, "")


def reasons_in_words(reasons: dict, topic_names: dict[int, str]) -> list[str]:
    """The reasons as sentences in the active language."""
    lines = []
    for topic, mentee_value, mentor_value, below in reasons.get("topics", []):
        line = _("%(topic)s: mentee %(mentee)s, mentor %(mentor)s.") % {
            "topic": topic_names.get(topic, "?"),
            "mentee": _percent(mentee_value),
            "mentor": _percent(mentor_value)
            if mentor_value is not None
            else _("claimed, not yet measured"),
        }
        if below:
            line += " " + _("The mentor's claim is not a measured strength, so it counts for less.")
        lines.append(line)
    if not reasons.get("topics"):
        lines.append(_("The mentor claims none of the mentee's weak topics."))
    lines.append(distance_words(reasons.get("distance", "")))
    if "capacity" in reasons:
        lines.append(
            ngettext(
                "The mentor would have %(after)s of %(capacity)s place taken.",
                "The mentor would have %(after)s of %(capacity)s places taken.",
                reasons["capacity"],
            )
            % {"after": reasons["load_after"], "capacity": reasons["capacity"]}
        )
    return [line for line in lines if line]
