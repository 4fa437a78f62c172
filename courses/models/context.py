"""What a course page shows besides its own fields (progress, the catalogue's
results, a case's decisions) is read by courses' selectors, and the selectors
read these models. So the pages ask for it here, by name, and
`courses.page_context` (above the selectors) registers who answers when the app
is ready: the models import nothing above them."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_providers: dict[str, Callable[..., object]] = {}


def page_context_provide(name: str, provider: Callable[..., object]) -> None:
    """Let `provider` answer the pages' requests for `name`."""
    _providers[name] = provider


def page_context(name: str, *args, **kwargs):
    """The answer of the provider registered for `name`."""
    try:
        provider = _providers[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No provider for the course pages' {name!r}: courses.apps registers them."
        ) from None
    return provider(*args, **kwargs)
