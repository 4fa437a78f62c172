"""The drills page's cards, each made once per process for what it shows.

A trainee of a bank sees forty drills or more (one per topic), and the
template loop over their cards (a link, four translated strings, the title
in the reader's script, the description's Markdown) was two thirds of the
page's CPU. A card is a function of the drill's shown fields, whether the
reader has an attempt open, and what decides rendered text (the language,
which also decides the script; markup.rendering.rendering_inputs) and the
URL prefix: all of them are its key, so an edited drill or another reader's
language makes another card and nothing kept needs forgetting. The least
recently used go first once CARDS_KEPT are kept."""

import functools
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe

from markup.rendering import rendering_inputs

CARDS_KEPT = 4096


def drill_cards(drills) -> SafeString:
    """The cards of `drills` (from drills_listed_for: each with `is_open_attempt`)."""
    inputs = (rendering_inputs(), get_script_prefix())
    return mark_safe(  # noqa: S308 - each card made from our template, its values escaped
        "".join(
            _card(
                inputs,
                drill.pk,
                drill.title,
                drill.description,
                drill.time_limit,
                drill.pass_mark,
                bool(drill.is_open_attempt),
            )
            for drill in drills
        )
    )


@functools.lru_cache(maxsize=CARDS_KEPT)
def _card(inputs, pk, title, description, time_limit, pass_mark, is_open_attempt) -> str:
    # `inputs` is only a key: the template reads the same language and prefix.
    drill = SimpleNamespace(
        pk=pk,
        title=title,
        description=description,
        time_limit=time_limit,
        pass_mark=pass_mark,
        is_open_attempt=is_open_attempt,
    )
    return render_to_string("quizzes/_drill_card.html", {"drill": drill})
