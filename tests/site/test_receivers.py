"""Every receiver of a model signal in Lianbing's own code names its sender.

A receiver connected without a sender runs for every model in the project,
Wagtail's and Django's included: each save of anything pays for it, and a
receiver that filters with isinstance() silently misses what its author meant
(or catches what they did not). Django's model signals, Wagtail's page and
workflow signals and the apps' own signals are checked, as connected once the
apps are ready.
"""

import weakref

from django.db.models import signals as model_signals
from django.dispatch import Signal
from wagtail import signals as wagtail_signals

from courses import signals as courses_signals
from quizzes import signals as quizzes_signals

OUR_PACKAGES = (
    "people",
    "quizzes",
    "courses",
    "markup",
    "background",
    "tabular",
    "frame",
    "cjksearch",
    "hanzi",
    "treeforms",
    "mentorship",
    "notifications",
    "charts",
    "imports",
    "scopedadmin",
    "hostsite",
)


def _signals():
    for module in (model_signals, wagtail_signals, quizzes_signals, courses_signals):
        for name, value in vars(module).items():
            if isinstance(value, Signal):
                yield f"{module.__name__}.{name}", value


def _receivers(signal: Signal):
    """(function, whether it names a sender) of every live receiver of a signal.

    Django keeps each receiver as ((receiver id, id of its sender), receiver, ...),
    the sender's id being id(None) when none was given (django.dispatch.dispatcher);
    test_the_receivers_are_read_as_django_keeps_them fails if that changes."""
    for entry in signal.receivers:
        (_receiver_key, sender_key), receiver = entry[0], entry[1]
        if isinstance(receiver, weakref.ReferenceType):
            receiver = receiver()
        if receiver is not None:
            yield receiver, sender_key != id(None)


def test_the_receivers_are_read_as_django_keeps_them():
    signal = Signal()

    def without_sender(**kwargs):
        pass

    def with_sender(**kwargs):
        pass

    signal.connect(without_sender, weak=False)
    signal.connect(with_sender, sender=Signal, weak=False)
    found = dict(_receivers(signal))
    assert found == {without_sender: False, with_sender: True}, (
        "django.dispatch keeps its receivers differently now: update _receivers()"
    )


def _ours(function) -> bool:
    module = getattr(function, "__module__", "") or ""
    return module.split(".")[0] in OUR_PACKAGES


def test_the_model_signals_are_found():
    names = {name for name, _signal in _signals()}
    assert "django.db.models.signals.post_save" in names
    assert "wagtail.signals.page_published" in names


def test_every_receiver_of_ours_names_its_sender():
    unnamed = [
        f"{name}: {function.__module__}.{function.__qualname__}"
        for name, signal in _signals()
        for function, named in _receivers(signal)
        if _ours(function) and not named
    ]
    assert not unnamed, "receivers connected without a sender:\n" + "\n".join(unnamed)


def test_our_receivers_are_connected():
    """The check above looks at something: our own post_save receivers are there."""
    ours = [f for f, _named in _receivers(model_signals.post_save) if _ours(f)]
    qualnames = {f"{f.__module__}.{f.__qualname__}" for f in ours}
    assert "courses.confidentiality.sync_restriction_on_save" in qualnames
    assert "courses.page_tree_cache._page_changed" in qualnames


def test_our_own_signals_are_checked():
    ours = [f for f, _named in _receivers(quizzes_signals.attempt_finished) if _ours(f)]
    assert "courses.receivers.complete_courses_on_final_drill" in {
        f"{f.__module__}.{f.__qualname__}" for f in ours
    }
