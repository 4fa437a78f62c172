"""Who may read risk case reviews, and the Wagtail view restrictions that enforce it.

Every risk review page (and every risk review course) carries a group view
restriction matching its confidentiality level; Wagtail's own serving,
sitemap (`.public()`) and admin honour it. Lianbing's own reads go through
`pages_visible_to`, and RiskCaseReviewPage.serve checks again, answering 404.
Which roles read which level is courses.levels, below the page models.
"""

import hashlib
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.db.models.signals import post_save
from wagtail.models import Page, PageViewRestriction

from people.roles import GROUP_NAMES

from .levels import COURSE_LEVEL, roles_for_level
from .models.risk import RiskCaseReviewPage, RiskReviewCoursePage
from .page_tree_cache import restrictions_now


def view_restriction_sync(*, page: Page, level: str) -> PageViewRestriction:
    """Keep exactly one group restriction on `page`, for the groups of `level`."""
    groups = Group.objects.filter(name__in=[GROUP_NAMES[role] for role in roles_for_level(level)])
    restriction = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.set(groups)
    PageViewRestriction.objects.filter(page=page).exclude(pk=restriction.pk).delete()
    return restriction


def hidden_subtree_paths(user) -> list[str]:
    """Tree paths under which the user may read nothing (empty for a superuser);
    the topmost of them only. From the tree's restrictions kept per generation
    (courses.page_tree_cache): no query once this process holds them."""
    if user.is_authenticated and user.is_superuser:
        return []
    tree = restrictions_now()
    blocked = tree.blocked_paths(user)
    # Sorted once per set in this generation: 2,500 restricted reviews cost
    # 0.1 ms a sort, asked several times a page.
    return list(tree.held("hidden-sorted", blocked, lambda: tuple(sorted(blocked))))


def hidden_subtrees_key(user) -> frozenset[str]:
    """The set of hidden_subtree_paths, the same object for every reader with
    the same groups in this generation: a cheap key for what depends on it."""
    if user.is_authenticated and user.is_superuser:
        return frozenset()
    return restrictions_now().blocked_paths(user)


def hidden_subtrees_digest(user) -> str:
    """A short name for the set of hidden_subtree_paths, for cache keys: worked
    out once per set in this generation (2,500 hidden reviews made hashing
    them on every catalogue request cost more than the page's cached body)."""
    key = hidden_subtrees_key(user)
    return restrictions_now().held(
        "hidden-digest",
        key,
        lambda: hashlib.sha256("|".join(sorted(key)).encode()).hexdigest()[:16],
    )


def page_hidden_from(user, page) -> bool:
    """Whether `page` sits under a view restriction the user does not pass: a
    look-up per level of the page's path, however many restrictions exist."""
    if user.is_authenticated and user.is_superuser:
        return False
    return restrictions_now().hides(page, user)


def readers_among(page, people) -> set[int]:
    """The ids of `people` who may read `page`: signed in (a login of their own)
    and, under a group restriction, in one of its groups. Three queries."""
    people = [p for p in people if p.user_id]
    tree = restrictions_now()
    restrictions = (
        tree.above(page)
        if tree.restriction_ids_above(page) is not None
        else list(page.get_view_restrictions().prefetch_related("groups"))
    )
    if not restrictions or not people:
        return {p.pk for p in people}
    user_model = get_user_model()
    memberships: dict[int, set[int]] = {}
    for user_id, group_id in user_model.groups.through.objects.filter(
        user_id__in=[p.user_id for p in people]
    ).values_list("user_id", "group_id"):
        memberships.setdefault(user_id, set()).add(group_id)
    superusers = set(
        user_model.objects.filter(
            pk__in=[p.user_id for p in people], is_superuser=True
        ).values_list("pk", flat=True)
    )

    def passes(person) -> bool:
        if person.user_id in superusers:
            return True
        for restriction in restrictions:
            if restriction.restriction_type == PageViewRestriction.LOGIN:
                continue
            allowed = {g.pk for g in restriction.groups.all()}
            if restriction.restriction_type != PageViewRestriction.GROUPS or not (
                memberships.get(person.user_id, set()) & allowed
            ):
                return False
        return True

    return {p.pk for p in people if passes(p)}


def readable_by_person(pages, people) -> dict[int, set[int]]:
    """{person id: ids of `pages` that person may read}, for many people at once
    (a manager's team on a course): four queries whatever the numbers. A person
    without a login reads only what has no restriction at all."""
    pages, people = list(pages), list(people)
    restrictions = restrictions_now().all()
    if not restrictions:
        return {p.pk: {page.pk for page in pages} for p in people}
    user_model = get_user_model()
    user_ids = [p.user_id for p in people if p.user_id]
    memberships: dict[int, set[int]] = {}
    for user_id, group_id in user_model.groups.through.objects.filter(
        user_id__in=user_ids
    ).values_list("user_id", "group_id"):
        memberships.setdefault(user_id, set()).add(group_id)
    superusers = set(
        user_model.objects.filter(pk__in=user_ids, is_superuser=True).values_list("pk", flat=True)
    )
    result = {}
    for person in people:
        if person.user_id in superusers:
            result[person.pk] = {page.pk for page in pages}
            continue
        groups = memberships.get(person.user_id, set())
        blocked = [
            r.page.path
            for r in restrictions
            if not person.user_id
            or not (
                r.restriction_type == PageViewRestriction.LOGIN
                or (
                    r.restriction_type == PageViewRestriction.GROUPS
                    and groups & {g.pk for g in r.groups.all()}
                )
            )
        ]
        result[person.pk] = {
            page.pk for page in pages if not any(page.path.startswith(b) for b in blocked)
        }
    return result


def pages_visible_to(user, pages=None):
    """`pages` (default: all live pages) without those under a view restriction
    the user does not pass. Use it for every listing, search and export."""
    pages = Page.objects.live() if pages is None else pages
    if user.is_authenticated and user.is_superuser:
        return pages
    blocked = hidden_subtree_paths(user)
    if not blocked:
        return pages
    return pages.exclude(reduce(or_, (Q(path__startswith=path) for path in blocked)))


def connect_receivers() -> None:
    """Called by the app's ready(), once the page models exist."""
    for model in (RiskCaseReviewPage, RiskReviewCoursePage):
        post_save.connect(
            sync_restriction_on_save,
            sender=model,
            dispatch_uid=f"courses.confidentiality.sync.{model.__name__}",
        )


def sync_restriction_on_save(sender, instance, update_fields=None, **kwargs):
    """A risk review's level, or a risk review course, kept as its view restriction."""
    if update_fields is not None and "confidentiality" not in update_fields:
        # A draft saved for approval (save_revision) touches only bookkeeping
        # fields while the object holds the draft's level: the live level stays.
        return

    if isinstance(instance, RiskCaseReviewPage) and instance.pk:
        view_restriction_sync(page=instance, level=instance.confidentiality)
    elif isinstance(instance, RiskReviewCoursePage) and instance.pk:
        view_restriction_sync(page=instance, level=COURSE_LEVEL)
