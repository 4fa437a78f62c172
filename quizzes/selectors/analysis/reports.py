"""The analysis of one question, of one drill's questions, and the bank's flagged
questions: the selectors the admin's item analysis reads."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Count, Subquery, Sum
from django.utils import timezone

from ...models import Attempt, AttemptItem, AttemptStatus, Drill, Question, QuestionVersion
from .answers import OptionTable, _option_tables
from .indices import (
    MIN_CORRELATION_ATTEMPTS,
    DiscriminationMethod,
    _attempt_totals,
    _flags,
    _pearson_from_sums,
    _rest_pairs,
    discrimination_index,
)

CLOSED = (AttemptStatus.FINISHED, AttemptStatus.EXPIRED)
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
