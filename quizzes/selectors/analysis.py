"""Item analysis for trainers: how hard a question is, whether it tells strong
people from weak ones, which answers people give, and its versions.

The statistics are Moodle's (classical test theory), over closed attempts
(finished, or closed at the deadline with the answers saved):

facility index   the mean score (0 to 1) of the answered items.
discrimination   the Pearson correlation between an item's score and the rest
                 of its attempt (the mean score of the attempt's other items):
                 the corrected item-total correlation, -1 to 1. Unanswered
                 items count 0, as they do in the attempt's grade. The mean
                 rather than the sum of the rest gives the same correlation
                 within one drill and keeps attempts of different lengths
                 (random and due-first drills) comparable.
                 With fewer than MIN_CORRELATION_ATTEMPTS attempts, Kelley's
                 upper and lower 27% groups (ranked by the rest score) stand
                 in: the upper group's mean item score minus the lower's.

Territory questions (owned by a person or a team) are one person's record,
not a bank item, so the overviews leave them out.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection, models
from django.db.models import Count, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Attempt, AttemptItem, AttemptStatus, Drill, Question, QuestionVersion
from ..normalise import fold, parse_number
from ..presentation import item_seed, to_payload_indices
from ..question_types import QuestionType

CLOSED = (AttemptStatus.FINISHED, AttemptStatus.EXPIRED)
MIN_CORRELATION_ATTEMPTS = 5
FLAG_MIN_ANSWERS = 5  # a negative index on fewer answers is noise
GROUP_SHARE = 0.27
TOP_ANSWERS = 10
RIGHT = 0.999  # a score this high is a right answer (grading.Grade.correct)
FLAG_WINDOW_DAYS = 90

ITEM_FIELDS = (
    "attempt_id",
    "position",
    "question_id",
    "version_id",
    "response",
    "score",
    "answered_at",
    "attempt__seed",
    "attempt__drill__shuffle_choices",
)


class DiscriminationMethod(models.TextChoices):
    CORRELATION = "correlation", _("correlation with the rest of the attempt")
    # xgettext:no-python-format
    GROUPS = "groups", _("upper and lower 27% groups")


@dataclass(frozen=True)
class OptionCount:
    label: str  # a choice's text (Markdown), an answer as people typed it, or true/false
    count: int
    share: float | None  # of the answers; a multiple choice's shares add up to more than 1
    credit: float | None  # the choice's weight, or the mean score that answer got


@dataclass(frozen=True)
class OptionTable:
    version: int | None  # None: typed answers of every version together
    answers: int
    rows: list[OptionCount]
    markdown: bool = False  # labels are authors' Markdown (choices), not typed text


@dataclass(frozen=True)
class VersionHistory:
    number: int
    created_at: datetime
    created_by: object  # the user, or None
    answers: int
    stem: str


@dataclass(frozen=True)
class QuestionAnalysis:
    question: Question
    answers: int
    attempts: int  # closed attempts with other items, used for discrimination
    facility: float | None
    discrimination: float | None
    discrimination_method: str | None  # DiscriminationMethod, None without an index
    negative_discrimination: bool
    nobody_right: bool
    options: list[OptionTable] = field(default_factory=list)
    history: list[VersionHistory] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return self.negative_discrimination or self.nobody_right


# --- statistics ------------------------------------------------------------------


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


# --- per-item data to statistics ------------------------------------------------


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


def _canonical(question: Question, payload: dict, item: dict) -> dict:
    """The response in the payload's own indices (responses are kept as displayed)."""
    shuffle = item["attempt__drill__shuffle_choices"]
    return to_payload_indices(
        qtype=question.qtype,
        payload=payload,
        seed=item_seed(item["attempt__seed"], item["position"]),
        shuffle=True if shuffle is None else shuffle,
        response=item["response"],
    )


def _share(count: int, answers: int) -> float | None:
    return count / answers if answers else None


def _picked(qtype: str, canonical) -> list:
    if not isinstance(canonical, dict):
        return []
    if qtype == QuestionType.SINGLE:
        return [canonical.get("choice")]
    picked = canonical.get("choices")
    return picked if isinstance(picked, list) else []


def _choice_table(question, version, items) -> OptionTable:
    choices = version.payload.get("choices", [])
    counts = [0] * len(choices)
    for item in items:
        canonical = _canonical(question, version.payload, item)
        for index in _picked(question.qtype, canonical):
            if isinstance(index, int) and 0 <= index < len(choices):
                counts[index] += 1
    rows = [
        OptionCount(
            choice.get("text", ""), count, _share(count, len(items)), choice.get("fraction", 0)
        )
        for choice, count in zip(choices, counts, strict=True)
    ]
    return OptionTable(version.number, len(items), rows, markdown=True)


def _true_false_table(version, items) -> OptionTable:
    given = Counter((item["response"] or {}).get("answer") for item in items)
    right = version.payload.get("answer")
    rows = [
        OptionCount(label, given[value], _share(given[value], len(items)), float(value == right))
        for label, value in ((_("True"), True), (_("False"), False))
    ]
    return OptionTable(version.number, len(items), rows)


def _typed_key(qtype: str, response) -> tuple[str, str] | None:
    """(grouping key, label) of a typed answer: folded text, or the number."""
    response = response or {}
    if qtype == QuestionType.NUMERIC:
        value = parse_number(response.get("value"))
        return None if value is None else (repr(value), f"{value:g}")
    text = response.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    return fold(text), text.strip()


def _typed_table(question, items) -> OptionTable:
    """The most frequent answers, equal after folding (case, width, script) or
    as numbers; each shown as most people spelt it."""
    counts: Counter = Counter()
    spellings: dict[str, Counter] = defaultdict(Counter)
    scores: dict[str, float] = defaultdict(float)
    for item in items:
        keyed = _typed_key(question.qtype, item["response"])
        if keyed is None:
            continue
        key, label = keyed
        counts[key] += 1
        spellings[key][label] += 1
        scores[key] += item["score"] or 0.0
    top = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))[:TOP_ANSWERS]
    rows = [
        OptionCount(
            spellings[key].most_common(1)[0][0],
            count,
            _share(count, len(items)),
            scores[key] / count,
        )
        for key, count in top
    ]
    return OptionTable(None, len(items), rows)


def _option_tables(question, versions, answered_by_version) -> list[OptionTable]:
    qtype = question.qtype
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return [_choice_table(question, v, answered_by_version.get(v.pk, [])) for v in versions]
    if qtype == QuestionType.TRUE_FALSE:
        return [_true_false_table(v, answered_by_version.get(v.pk, [])) for v in versions]
    if qtype in (QuestionType.SHORT, QuestionType.NUMERIC):
        everything = [item for items in answered_by_version.values() for item in items]
        return [_typed_table(question, everything)]
    return []


def _analyse(question, versions, items, totals) -> QuestionAnalysis:
    """Everything about one question from its items (values() dicts), its
    versions (newest first) and the totals of the attempts holding it."""
    answered = [item for item in items if item["answered_at"] is not None]
    scores = [item["score"] or 0.0 for item in answered]
    pairs = _rest_pairs(items, totals)
    discrimination, method = discrimination_index(pairs)
    negative, nobody_right = _flags(len(answered), discrimination, max(scores, default=None))
    by_version: dict[int, list] = defaultdict(list)
    for item in answered:
        by_version[item["version_id"]].append(item)
    return QuestionAnalysis(
        question=question,
        answers=len(answered),
        attempts=len(pairs),
        facility=sum(scores) / len(scores) if scores else None,
        discrimination=discrimination,
        discrimination_method=method,
        negative_discrimination=negative,
        nobody_right=nobody_right,
        options=_option_tables(question, versions, by_version),
        history=[
            VersionHistory(v.number, v.created_at, v.created_by, len(by_version[v.pk]), v.stem)
            for v in versions
        ],
    )


# --- selectors ----------------------------------------------------------------------


def _closed_items():
    return AttemptItem.objects.filter(attempt__status__in=CLOSED).order_by()


def question_analysis(question: Question, *, drill: Drill | None = None) -> QuestionAnalysis:
    """One question over every closed attempt holding it (or the drill's
    only). Three queries."""
    scope = _closed_items()
    if drill is not None:
        scope = scope.filter(attempt__drill=drill)
    items = list(scope.filter(question=question).values(*ITEM_FIELDS))
    attempts = scope.filter(question=question).values("attempt_id")
    totals = {
        row["attempt_id"]: (row["total"] or 0.0, row["count"])
        for row in AttemptItem.objects.filter(attempt_id__in=Subquery(attempts))
        .order_by()
        .values("attempt_id")
        .annotate(total=Sum("score"), count=Count("id"))
    }
    versions = list(question.versions.select_related("created_by").order_by("-number"))
    return _analyse(question, versions, items, totals)


def drill_analysis(drill: Drill) -> list[QuestionAnalysis]:
    """Every bank question answered in the drill's closed attempts, in the
    drill's order. Four queries, whatever the number of questions or attempts."""
    items = list(
        _closed_items().filter(attempt__drill=drill).values(*ITEM_FIELDS).order_by("attempt_id")
    )
    totals = _attempt_totals(items)
    by_question: dict[int, list] = defaultdict(list)
    for item in items:
        by_question[item["question_id"]].append(item)
    questions = Question.objects.filter(
        pk__in=list(by_question), owner_person__isnull=True, owner_unit__isnull=True
    ).in_bulk()
    versions: dict[int, list] = defaultdict(list)
    for version in (
        QuestionVersion.objects.filter(question_id__in=list(questions))
        .select_related("created_by")
        .order_by("question_id", "-number")
    ):
        versions[version.question_id].append(version)
    positions = dict(drill.drill_questions.values_list("question_id", "position"))
    ordered = sorted(
        questions.values(), key=lambda q: (positions.get(q.pk, math.inf), q.name, q.pk)
    )
    return [_analyse(q, versions[q.pk], by_question[q.pk], totals) for q in ordered]


# One pass in the database: per question, the answers, best and mean score, and
# the sums a Pearson correlation needs between the item's score (x, 0 when
# unanswered) and the rest of its attempt (y, NULL for an attempt of one item).
# Plain SQL because the ORM can neither aggregate over a window nor join a
# grouped subquery: it would repeat a correlated subquery for every sum.
_FLAG_SQL = """
WITH closed AS (
    SELECT i.attempt_id, SUM(COALESCE(i.score, 0.0)) AS total, COUNT(*) AS size
    FROM {item} i JOIN {attempt} a ON a.id = i.attempt_id
    WHERE a.status IN (%s, %s) AND a.finished_at >= %s
    GROUP BY i.attempt_id
), scored AS (
    SELECT i.question_id, i.score, i.answered_at, COALESCE(i.score, 0.0) AS x,
           CASE WHEN c.size > 1 THEN (c.total - COALESCE(i.score, 0.0)) / (c.size - 1) END AS y
    FROM {item} i
    JOIN closed c ON c.attempt_id = i.attempt_id
    JOIN {question} q ON q.id = i.question_id
    WHERE q.is_active AND q.owner_person_id IS NULL AND q.owner_unit_id IS NULL
)
SELECT question_id, COUNT(answered_at), MAX(score), AVG(score), COUNT(y),
       SUM(CASE WHEN y IS NOT NULL THEN x END), SUM(y),
       SUM(CASE WHEN y IS NOT NULL THEN x * x END), SUM(y * y), SUM(x * y)
FROM scored
GROUP BY question_id
"""
_FLAG_COLUMNS = ("question_id", "answers", "best", "mean", "pairs", "sx", "sy", "sxx", "syy", "sxy")


def _flag_sums(since: datetime) -> list[dict]:
    sql = _FLAG_SQL.format(
        item=AttemptItem._meta.db_table,
        attempt=Attempt._meta.db_table,
        question=Question._meta.db_table,
    )
    with connection.cursor() as cursor:
        statuses = [str(status.value) for status in CLOSED]
        cursor.execute(sql, [*statuses, connection.ops.adapt_datetimefield_value(since)])
        return [dict(zip(_FLAG_COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def flagged_questions(
    limit: int = 50, *, days: int = FLAG_WINDOW_DAYS, now: datetime | None = None
) -> list[QuestionAnalysis]:
    """Bank questions with a flag, from the attempts closed in the last `days` days,
    most answered first. Two queries. The statistics come from sums in the
    database, so there is no groups fallback: with fewer attempts than a
    correlation needs, no index and no negative flag. Option frequencies and
    history are left out: open the question for those."""
    since = (now or timezone.now()) - timedelta(days=days)
    found = {}
    for row in _flag_sums(since):
        index = None
        if row["pairs"] >= MIN_CORRELATION_ATTEMPTS:
            index = _pearson_from_sums(
                row["pairs"], row["sx"], row["sy"], row["sxx"], row["syy"], row["sxy"]
            )
        negative, nobody_right = _flags(row["answers"], index, row["best"])
        if negative or nobody_right:
            found[row["question_id"]] = (row, index, negative, nobody_right)
    chosen = sorted(found, key=lambda pk: (-found[pk][0]["answers"], pk))[:limit]
    questions = Question.objects.select_related("category", "topic").in_bulk(chosen)
    return [_summary(questions[pk], *found[pk]) for pk in chosen if pk in questions]


def _summary(question, row, index, negative, nobody_right) -> QuestionAnalysis:
    return QuestionAnalysis(
        question=question,
        answers=row["answers"],
        attempts=row["pairs"],
        facility=row["mean"],
        discrimination=index,
        discrimination_method=DiscriminationMethod.CORRELATION if index is not None else None,
        negative_discrimination=negative,
        nobody_right=nobody_right,
    )
