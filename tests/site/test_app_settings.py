"""Every app's settings object answers values, not methods: a setting whose
@property went missing would hand callers a bound method (a merge once lost one,
and the follow-up's dates failed with a TypeError far from the cause)."""

import importlib
import inspect

import pytest

CONF_MODULES = ["people", "quizzes", "courses", "mentorship", "tabular"]


def _settings_objects():
    for app in CONF_MODULES:
        module = importlib.import_module(f"{app}.conf")
        for name, value in vars(module).items():
            if name.endswith("_settings") and not inspect.isclass(value):
                yield f"{app}.conf.{name}", value


@pytest.mark.parametrize("label, settings_object", list(_settings_objects()))
def test_every_setting_is_a_value(label, settings_object):
    names = [name for name in dir(type(settings_object)) if name.isupper()]
    assert names, f"{label} declares no settings"
    methods = [name for name in names if inspect.ismethod(getattr(settings_object, name))]
    assert not methods, f"{label}: missing @property on {', '.join(methods)}"


def test_the_settings_objects_are_found():
    assert "courses.conf.courses_settings" in {label for label, _o in _settings_objects()}
