"""What the page tree answers on every request, kept between requests.

Serving a page asked the database the same questions each time: which site,
which page an address leads to (a query per level of the path), which view
restrictions sit above the page and whose groups they admit. Their answers
change only when a page, a site or a restriction does, so they are kept
under a generation that any such change replaces (`page_tree_changed`, run
by the receivers below, and once more after the transaction commits, so that
a reader in between cannot keep what it read before the commit):

- the route from an address to a page, with the page, in the shared cache
  (`route_cached`): no query instead of one per level of the path;
- what else only the tree decides, such as a course's pages (`tree_cached`);
- of both, each process keeps its own copies of what it read
  (generation_copies): an entry never changes once written under its
  generation, so the next request of the process needs no round trip;
- the site of each host name, in each process's memory for the generation
  (`site_for_request`), for the links between pages (`page_href`);
- the view restrictions of the whole tree, in each process's memory but only
  for the generation it was read in (`restrictions_now`): a page's
  restrictions are looked up by its ancestors' paths, so the check costs the
  same with 10 restricted pages as with 5,000, and admits groups without
  asking for the reader's groups again (they come with the reader,
  people.viewer_cache).

The catalogue's cache for visitors who are not signed in (catalogue_cache)
uses the same generation.
"""

import threading
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from people.selectors import user_group_ids
from replicas import primary_reads
from requestmemo import request_memo, request_memo_forget
from requestmemo.prefetch import request_cache_forget, request_cache_get

from .generation_copies import copies

GENERATION_KEY = "courses:catalogue:generation"
ROUTE_SECONDS = 24 * 60 * 60
STEP = Page.steplen


def page_tree_generation() -> str:
    """The current generation, read once per request (requestmemo)."""
    return request_memo(GENERATION_KEY, _generation_read)


def generation_cache_keys(user_id: int) -> tuple[str]:
    """Read with the session (requestmemo.prefetch, registered in courses.apps)."""
    return (GENERATION_KEY,)


def _generation_read() -> str:
    generation = request_cache_get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid4().hex[:16], None)
        generation = cache.get(GENERATION_KEY)
    return generation


def page_tree_changed() -> None:
    """Start a new generation: cached routes, restrictions and catalogues are
    read again on next use."""

    def bump():
        cache.set(GENERATION_KEY, uuid4().hex[:16], None)
        request_memo_forget(GENERATION_KEY)
        request_cache_forget(GENERATION_KEY)

    bump()
    transaction.on_commit(bump)


# Routes ----------------------------------------------------------------------


def _route_key(generation: str, request, path: str) -> str:
    return f"courses:page:{generation}:{request.get_host()}:{path}"


def route_cached(request, path: str):
    """The live page at `path` for a signed-in reader, as it was when first
    routed in this generation (any save of a page starts a new one), or None
    when the cache does not know it: the caller routes as Wagtail does, then
    `route_remember`."""
    generation = page_tree_generation()
    key = _route_key(generation, request, path)
    return _shared_get_many(generation, [key]).get(key)


def route_remember(request, path: str, page, args, kwargs) -> None:
    """Keep a route that leads to a page itself (not a sub-route of it),
    with the page: the next reader of the address needs no query for it."""
    if args or kwargs or not page.live:
        return
    generation = page_tree_generation()
    _shared_set_many(generation, {_route_key(generation, request, path): page})


def _shared_get_many(generation: str | None, keys: list[str]) -> dict:
    """cache.get_many, answered first from this process's copies
    (generation_copies) when the cache keeps a generation at all (a dummy
    cache keeps none: every key would name the same one)."""
    if generation is None:
        return cache.get_many(keys)
    found = copies.get_many(keys)
    rest = [key for key in keys if key not in found]
    if rest:
        fetched = cache.get_many(rest)
        copies.put_many(fetched)
        found.update(fetched)
    return found


def _shared_set_many(generation: str | None, values: dict) -> None:
    cache.set_many(values, ROUTE_SECONDS)
    if generation is not None:
        copies.put_many(values)


def tree_cached(name: str, key, compute):
    """`compute()`, kept in the shared cache for this generation of the tree:
    for what only pages, sites and restrictions decide (a course's pages).
    A page not saved yet (a preview of a new page, `key` None) is never kept."""
    if key is None:
        return compute()
    return tree_cached_many(name, [key], lambda _key: compute())[key]


def tree_cached_many(name: str, keys, compute_one=None, *, compute_missing=None) -> dict:
    """tree_cached for several keys in one round trip: {key: answer}, with
    `compute_one(key)` for each key not kept yet, or `compute_missing(keys)`
    answering all of them at once ({key: answer}; a key it leaves out is left
    out of the result too)."""
    generation = page_tree_generation()
    cache_keys = {key: f"courses:tree:{generation}:{name}:{key}" for key in keys}
    found = _shared_get_many(generation, list(cache_keys.values())) if cache_keys else {}
    answers = {key: found[ck] for key, ck in cache_keys.items() if ck in found}
    missing = [key for key in cache_keys if key not in answers]
    if missing:
        fresh = (
            compute_missing(missing)
            if compute_missing is not None
            else {key: compute_one(key) for key in missing}
        )
        answers.update(fresh)
        _shared_set_many(generation, {cache_keys[key]: fresh[key] for key in fresh})
    return answers


def pages_by_id(model, ids) -> dict:
    """{id: page} of `model` (a page type, e.g. a course) for these ids, as
    they are in this generation of the tree: one round trip to the cache
    instead of a join with the page tables."""
    wanted = sorted({pk for pk in ids if pk is not None})
    return tree_cached_many(
        f"page-{model._meta.label_lower}",
        wanted,
        compute_missing=lambda missing: model.objects.in_bulk(missing),
    )


# Restrictions ----------------------------------------------------------------


class RestrictionsOfTree:
    """Every view restriction of the tree, by the path of its page, with the
    ids of the groups each admits; read in three queries per generation."""

    def __init__(self, generation: str):
        self.generation = generation
        self.by_path: dict[str, list[PageViewRestriction]] = {}
        self.group_ids: dict[int, frozenset[int]] = {}
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
            "groups"
        ):
            self.by_path.setdefault(restriction.page.path, []).append(restriction)
            self.group_ids[restriction.pk] = frozenset(g.pk for g in restriction.groups.all())
        # Wagtail gives an alias its source page's restrictions; with aliases in
        # the tree, pages ask Wagtail itself.
        self.has_aliases = Page.objects.filter(alias_of__isnull=False).exists()
        self._blocked: dict[tuple, frozenset[str]] = {}
        self._held: dict[tuple, object] = {}
        self._held_counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def held(self, name: str, key, compute, *, limit: int | None = None):
        """`compute()`, worked out once per `key` in this generation: for plain
        answers (strings, numbers, tuples of them) that depend only on the
        tree and on `key`, never model instances another thread could change.
        With a `limit`, at most that many keys of `name` are held; the answers
        for others are worked out each time."""
        found = self._held.get((name, key))
        if found is None:
            found = compute()
            with self._lock:
                count = self._held_counts.get(name, 0)
                if limit is None or count < limit:
                    self._held[(name, key)] = found
                    self._held_counts[name] = count + 1
        return found

    def held_many(self, name: str, keys, compute_missing, *, limit: int | None = None) -> dict:
        """held for several keys: {key: answer}, with `compute_missing(keys)`
        answering those not held yet at once ({key: answer}; a key it leaves
        out is left out of the result too)."""
        found = {key: self._held.get((name, key)) for key in keys}
        missing = [key for key, answer in found.items() if answer is None]
        if missing:
            fresh = compute_missing(missing)
            found.update(fresh)
            with self._lock:
                count = self._held_counts.get(name, 0)
                for key, answer in fresh.items():
                    if limit is not None and count >= limit:
                        break
                    if (name, key) not in self._held:
                        self._held[(name, key)] = answer
                        count += 1
                self._held_counts[name] = count
        return {key: answer for key, answer in found.items() if answer is not None}

    def all(self) -> list[PageViewRestriction]:
        """Every restriction, with its page and groups loaded."""
        return [r for restrictions in self.by_path.values() for r in restrictions]

    def above(self, page) -> list[PageViewRestriction]:
        """The restrictions on `page` and its ancestors: one look-up per level."""
        path = page.path
        return [
            restriction
            for end in range(STEP, len(path) + 1, STEP)
            for restriction in self.by_path.get(path[:end], ())
        ]

    def admits(self, restriction, user) -> bool:
        """Whether a signed-in `user` passes a login or group restriction."""
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            return user.is_authenticated
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            if not user.is_authenticated:
                return False
            return user.is_superuser or bool(
                self.group_ids.get(restriction.pk, frozenset()) & user_group_ids(user)
            )
        return False  # a password is asked for by Wagtail's own check

    def blocked_paths(self, user) -> frozenset[str]:
        """Paths of the restricted pages whose subtrees `user` may not read,
        worked out once per set of groups in this generation."""
        signed_in = user.is_authenticated
        key = (signed_in, frozenset(user_group_ids(user)) if signed_in else frozenset())
        blocked = self._blocked.get(key)
        if blocked is None:
            refused = {
                path
                for path, restrictions in self.by_path.items()
                if any(not self.admits(r, user) for r in restrictions)
            }
            # Only the topmost of them: what lies under a refused page is refused with it.
            blocked = frozenset(
                path
                for path in refused
                if not any(path[:end] in refused for end in range(STEP, len(path), STEP))
            )
            with self._lock:
                self._blocked[key] = blocked
        return blocked

    def hides(self, page, user) -> bool:
        blocked = self.blocked_paths(user)
        path = page.path
        return bool(blocked) and any(
            path[:end] in blocked for end in range(STEP, len(path) + 1, STEP)
        )

    def restriction_ids_above(self, page) -> list[int] | None:
        """Ids of the restrictions on `page` and its ancestors; None when the
        tree has aliases (Wagtail resolves those itself)."""
        if self.has_aliases:
            return None
        return [restriction.pk for restriction in self.above(page)]


_now: RestrictionsOfTree | None = None
_now_lock = threading.Lock()


def restrictions_now() -> RestrictionsOfTree:
    """The tree's restrictions as of the current generation (one cache read
    when this process already holds them)."""
    global _now
    generation = page_tree_generation()
    held = _now
    if held is not None and held.generation == generation:
        return held
    with _now_lock:
        if _now is None or _now.generation != generation:
            with primary_reads():  # kept for the generation: never from a replica behind it
                _now = RestrictionsOfTree(generation)
        return _now


# Sites -----------------------------------------------------------------------

SITES_HELD = 32  # host names held per generation; more (a wildcard ALLOWED_HOSTS) are looked up
HREFS_HELD = 20_000  # links held per generation; beyond, each is worked out


def site_for_request(request) -> Site | None:
    """Wagtail's Site for the request (Site.find_for_request), looked up once
    per host and port in a generation instead of a query per request."""
    key = (request.get_host(), request.get_port())

    def fields():
        site = Site.find_for_request(request)
        return None if site is None else tuple(_site_fields(site).items())

    found = restrictions_now().held("site", key, fields, limit=SITES_HELD)
    # A fresh instance per call: nothing a request sets on it reaches another.
    return None if found is None else Site(**dict(found))


def page_href_for(request, page) -> str:
    """Wagtail's link to `page` from this request's site (what {% pageurl %}
    gives), worked out once per site and page in a generation: a page's
    address changes only when a page or site is saved."""
    if page.pk is None:  # a preview of a page not saved yet
        return page.get_url(request=request) or ""
    key = (*host_and_port(request), page.pk)
    return restrictions_now().held(
        "href",
        key,
        lambda: page.relative_url(site_for_request(request), request=request) or "",
        limit=HREFS_HELD,
    )


def host_and_port(request) -> tuple[str, str]:
    """The request's host and port, worked out once per request: get_host
    checks the host against ALLOWED_HOSTS each time it is asked, and a course
    page asks for a dozen links."""
    found = getattr(request, "_courses_host_and_port", None)
    if found is None:
        found = request._courses_host_and_port = (request.get_host(), request.get_port())
    return found


def _site_fields(site: Site) -> dict:
    return {field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields}


# Receivers -------------------------------------------------------------------


def _page_changed(sender, **kwargs):
    # Publishing, unpublishing, moving and adding a page all save it; a site's
    # host name or root page decides which page an address leads to.
    page_tree_changed()


def connect_receivers() -> None:
    """Called by the app's ready(): every page model (of any installed app),
    Site and the restrictions, each named as the sender, since a signal names
    the saved object's class."""
    for model in [*get_page_models(), Site, PageViewRestriction]:
        for signal, action in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                _page_changed,
                sender=model,
                dispatch_uid=f"courses.page_tree_cache.{action}.{model._meta.label_lower}",
            )
    m2m_changed.connect(
        _page_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="courses.page_tree_cache.restriction_groups",
    )


def page_tree_changed_by(model) -> None:
    """Start a new generation whenever a `model` row is saved or deleted too:
    for rows of another table that pages show from what is kept per
    generation (a risk review's risk factors). Called by the app's ready()."""
    for signal, action in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            _page_changed,
            sender=model,
            dispatch_uid=f"courses.page_tree_cache.{action}.{model._meta.label_lower}",
        )
