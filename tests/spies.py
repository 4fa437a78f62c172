"""Spies for tests that count how often a function really runs."""


def _recorded(monkeypatch, owner, name: str, record) -> list:
    """Wrap `owner.<name>` (for the test) so that it still runs and appends
    record(args, kwargs) of each call to the list returned."""
    calls = []
    real = getattr(owner, name)

    def recording(*args, **kwargs):
        calls.append(record(args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls


def calls_of(monkeypatch, owner, name: str) -> list:
    """Each call of `owner.<name>` as (args, kwargs); the list grows."""
    return _recorded(monkeypatch, owner, name, lambda args, kwargs: (args, kwargs))


def first_arguments(monkeypatch, owner, name: str) -> list:
    """The first argument of each call of `owner.<name>`; the list grows."""
    return _recorded(monkeypatch, owner, name, lambda args, kwargs: args[0])
