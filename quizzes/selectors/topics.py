from django.db.models import QuerySet

from ..models import Topic


def topic_list(*, ids=None) -> QuerySet[Topic]:
    """Topics by name; only those whose id is in `ids` (a list or a subquery) when given."""
    topics = Topic.objects.order_by("name")
    return topics if ids is None else topics.filter(pk__in=ids)
