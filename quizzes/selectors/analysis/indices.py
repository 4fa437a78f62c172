"""The indices of classical test theory (facility, discrimination) from items' scores,
and when a question is flagged."""

import math
from collections import defaultdict
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_CORRELATION_ATTEMPTS = 5
FLAG_MIN_ANSWERS = 5  # a negative index on fewer answers is noise
GROUP_SHARE = 0.27
RIGHT = 0.999  # a score this high is a right answer (grading.Grade.correct)


class DiscriminationMethod(models.TextChoices):
    CORRELATION = "correlation", _("correlation with the rest of the attempt")
    # xgettext:no-python-format
    GROUPS = "groups", _("upper and lower 27% groups")


def _pearson(pairs: list[tuple[float, float]]) -> float | None:
    """None when either side does not vary: a correlation is then undefined."""
    xs, ys = zip(*pairs, strict=True)
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def _groups_difference(pairs: list[tuple[float, float]]) -> float | None:
    """Upper minus lower group's mean item score; None when ties in the rest
    score leave no clear line between the groups."""
    size = max(1, round(len(pairs) * GROUP_SHARE))
    ranked = sorted(pairs, key=lambda pair: pair[1])
    lower, upper = ranked[:size], ranked[-size:]
    if upper[0][1] <= lower[-1][1]:
        return None
    return sum(x for x, rest in upper) / size - sum(x for x, rest in lower) / size


def discrimination_index(pairs: list[tuple[float, float]]) -> tuple[float | None, str | None]:
    """(index, method) from (item score, rest of attempt score) pairs."""
    if len(pairs) >= MIN_CORRELATION_ATTEMPTS:
        index = _pearson(pairs)
        return (index, DiscriminationMethod.CORRELATION) if index is not None else (None, None)
    if len(pairs) >= 2:
        index = _groups_difference(pairs)
        return (index, DiscriminationMethod.GROUPS) if index is not None else (None, None)
    return None, None


def _pearson_from_sums(n, sx, sy, sxx, syy, sxy) -> float | None:
    var_x = n * sxx - sx * sx
    var_y = n * syy - sy * sy
    if var_x <= 1e-9 or var_y <= 1e-9:
        return None
    return (n * sxy - sx * sy) / math.sqrt(var_x * var_y)


def _flags(answers: int, discrimination: float | None, best: float | None) -> tuple[bool, bool]:
    negative = discrimination is not None and discrimination < -1e-9
    negative = negative and answers >= FLAG_MIN_ANSWERS
    nobody_right = answers >= 1 and (best is None or best < RIGHT)
    return negative, nobody_right


def _attempt_totals(items: Iterable[dict]) -> dict[int, tuple[float, int]]:
    """attempt id -> (sum of item scores, number of items)."""
    totals: dict[int, list] = defaultdict(lambda: [0.0, 0])
    for item in items:
        total = totals[item["attempt_id"]]
        total[0] += item["score"] or 0.0
        total[1] += 1
    return {attempt_id: (total, count) for attempt_id, (total, count) in totals.items()}


def _rest_pairs(items: list[dict], totals: dict[int, tuple[float, int]]) -> list:
    pairs = []
    for item in items:
        total, count = totals.get(item["attempt_id"], (0.0, 0))
        if count < 2:
            continue  # an attempt of this question alone has no rest to compare with
        score = item["score"] or 0.0
        pairs.append((score, (total - score) / (count - 1)))
    return pairs
