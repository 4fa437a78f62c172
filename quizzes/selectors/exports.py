"""Reads for exporting the question bank."""

from ..importers.parsed import ParsedQuestion
from ..models import Category, Question


def category_export_list(*, category: Category) -> list[ParsedQuestion]:
    """The shared questions of `category` and its sub-categories, in the shape
    export_gift writes, each with its category path below `category` ("" for
    the category itself). Two queries, however many questions and
    categories: paths come from the categories read once, not from each
    question's ancestors. Territory questions (owned by a person or a unit)
    are left out."""
    categories = {
        node.path: node
        for node in Category.objects.filter(path__startswith=category.path).only(
            "pk", "path", "depth", "name"
        )
    }
    steplen = Category.steplen
    paths = {}
    for path, node in categories.items():
        names = [
            categories[path[:end]].name
            for end in range(len(category.path) + steplen, len(path) + 1, steplen)
            if path[:end] in categories
        ]
        paths[node.pk] = "/".join(names)
    questions = (
        Question.objects.filter(
            category_id__in=list(paths), owner_person__isnull=True, owner_unit__isnull=True
        )
        .select_related("current_version")
        .only(
            "pk",
            "qtype",
            "name",
            "category_id",
            "current_version",
            "current_version__stem",
            "current_version__payload",
            "current_version__general_feedback",
        )
        .order_by("category__path", "name")
    )
    return [
        ParsedQuestion(
            line=0,
            qtype=question.qtype,
            name=question.name,
            stem=question.current_version.stem,
            payload=question.current_version.payload,
            general_feedback=question.current_version.general_feedback,
            category=paths[question.category_id],
        )
        for question in questions
        if question.current_version
    ]
