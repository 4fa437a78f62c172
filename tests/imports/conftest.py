import pytest

from imports.registry import _importers, register
from tests.imports.importers import LinesImporter, SlowLinesImporter


@pytest.fixture
def lines_importers():
    """The test importers, registered for one test."""
    saved = dict(_importers)
    register(LinesImporter())
    register(SlowLinesImporter())
    yield
    _importers.clear()
    _importers.update(saved)
