import pytest

# The admin screens register their URLs and menu item through Wagtail hooks;
# importing the module here makes sure they are registered before the URLconf
# loads, whether or not quizzes.wagtail_hooks imports it yet.
import quizzes.wagtail_admin.analysis  # noqa: F401
from people.roles import Role
from tests.factories import PersonFactory


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
