"""`check --deploy` warns of a cache that other processes or machines cannot see."""

import pytest

from hostsite.checks import check_cache_is_shared


@pytest.mark.parametrize(
    "backend,found",
    [
        ("django.core.cache.backends.locmem.LocMemCache", ["hostsite.W001"]),
        ("django.core.cache.backends.dummy.DummyCache", ["hostsite.W001"]),
        ("django.core.cache.backends.filebased.FileBasedCache", []),
        ("django.core.cache.backends.redis.RedisCache", []),
    ],
)
def test_only_a_shared_cache_passes(settings, backend, found):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "/tmp/x"}}
    assert [message.id for message in check_cache_is_shared(None)] == found


def test_it_runs_only_with_deploy():
    from django.core.checks.registry import registry

    assert check_cache_is_shared in registry.get_checks(include_deployment_checks=True)
    assert check_cache_is_shared not in registry.get_checks(include_deployment_checks=False)
