"""Reads of the risk factor taxonomy: how many risk case reviews use each
factor, counting only those the reader may read."""

from functools import reduce
from operator import or_

from django.db.models import Count, Q

from ..confidentiality import (
    hidden_subtree_paths,
)
from ..models import (
    RiskCaseReviewPage,
    RiskFactor,
)


def risk_factor_review_count(factor: RiskFactor, *, user) -> tuple[int, int]:
    """How many risk case reviews use `factor`, as (those the user may read, the
    others): as saved (published, or never published yet) or in a draft awaiting
    publication. Publishing a draft that names a deleted factor would drop it
    without a word, so drafts count."""

    using = dict(RiskCaseReviewPage.objects.filter(risk_factors=factor).values_list("pk", "path"))
    drafts = (
        RiskCaseReviewPage.objects.filter(
            has_unpublished_changes=True, latest_revision__isnull=False
        )
        .exclude(pk__in=using)
        .values_list("pk", "path", "latest_revision__content")
    )
    for pk, path, content in drafts:
        if factor.pk in ((content or {}).get("risk_factors") or []):
            using[pk] = path
    hidden = hidden_subtree_paths(user)
    unreadable = sum(1 for path in using.values() if any(path.startswith(h) for h in hidden))
    return len(using) - unreadable, unreadable


def risk_factors_with_counts(factors, *, user):
    """`factors` annotated with `review_count`: the reviews using each that the user may read."""

    hidden = hidden_subtree_paths(user)
    readable = (
        ~reduce(or_, (Q(riskcasereviewpage__path__startswith=path) for path in hidden))
        if hidden
        else Q()
    )
    return factors.annotate(review_count=Count("riskcasereviewpage", filter=readable))
