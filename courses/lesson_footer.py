"""The footer under a lesson, case or risk review (its course's progress,
the button that marks the page done, the beacon that remembers where the
reader is), made once per process for what it shows.

Rendering it was about a sixth of a lesson's CPU (2.2 -> 1.9 ms in process
with it left out). It is a function of the language and URL prefix, the
page, the link back to the course, the reader's progress on the course
(pages done of how many, completed), whether they have done this page,
whether a case still waits for decisions, and whether the beacon is
wanted: all of them are its key, so nothing kept needs forgetting. The
form token differs per reader: it is a hole in what is kept, filled in on
each request, as in the site's header (hostsite.templatetags.site_frame).
The least recently used go first once FOOTERS_KEPT are kept."""

import functools
import secrets

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .page_tree_cache import page_href_for

FOOTERS_KEPT = 4096
CSRF_HOLE = f"lianbing-footer-csrf-{secrets.token_hex(12)}"


def lesson_footer(context) -> SafeString:
    """The footer for the page of this template context (lesson_context_for's,
    with a case's decisions when the page is a case)."""
    request, page, course, progress = (
        context[name] for name in ("request", "page", "course", "progress")
    )
    enrollment = progress["enrollment"]
    html = _footer(
        get_language(),
        get_script_prefix(),
        page.pk,
        page_href_for(request, course),
        len(progress["done"]),
        progress["total"],
        progress["percent"],
        progress["completed"],
        bool(context.get("done")),
        bool(context.get("decisions")) and not context.get("all_decided"),
        bool(
            enrollment
            and enrollment.last_page_id != page.pk
            and not getattr(request, "is_preview", False)
        ),
    )
    if CSRF_HOLE in html:  # a form is shown: the token is asked for, as {% csrf_token %} does
        html = html.replace(CSRF_HOLE, get_token(request))
    return mark_safe(html)  # noqa: S308 - made from our template; the token is Django's


@functools.lru_cache(maxsize=FOOTERS_KEPT)
def _footer(
    language,
    prefix,
    page_id,
    course_href,
    done_count,
    total,
    percent,
    completed,
    done,
    decisions_pending,
    beacon,
) -> str:
    # `language` and `prefix` are only keys: the template reads the active ones.
    return render_to_string(
        "courses/_lesson_footer.html",
        {
            "page_id": page_id,
            "course_href": course_href,
            "progress": {
                "done_count": done_count,
                "total": total,
                "percent": percent,
                "completed": completed,
            },
            "done": done,
            "decisions_pending": decisions_pending,
            "beacon": beacon,
            "csrf_token": CSRF_HOLE,
        },
    )
