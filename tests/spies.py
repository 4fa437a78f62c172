"""Spies for tests that count how often a function really runs."""


def calls_of(monkeypatch, owner, name: str) -> list:
    """Wrap `owner.<name>` (for the test) so that it still runs and records
    each call as (args, kwargs); the list of them is returned and grows."""
    calls = []
    real = getattr(owner, name)

    def recording(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls


def first_arguments(monkeypatch, owner, name: str) -> list:
    """Wrap `owner.<name>` (for the test) so that it still runs and records the
    first argument of each call; the list of them is returned and grows."""
    calls = []
    real = getattr(owner, name)

    def recording(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls
