from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LogoutView as AdminLogoutView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.serve import serve as document_serve
from wagtail.urls import serve_pattern as wagtail_serve_pattern

from courses import admin_reports as courses_admin_reports
from courses import files as courses_files
from courses.catalogue_cache import cached_page_serve
from courses.search_views import search as course_search
from hostsite import accounts
from hostsite.api import api
from hostsite.api_urls import api_view
from hostsite.home import views as home_views
from quizzes.views.answer_token import answer_with_token_view, finish_with_token_view


def favicon(request):
    """Browsers ask for /favicon.ico on their own; send them to the site's icon."""
    return HttpResponseRedirect(static("hostsite/favicon.svg"))


urlpatterns = [
    # First: the morning drill's answers are the most frequent requests, and
    # each pattern tried before theirs costs every one of them (54 -> 15 µs).
    # An answer or a hand-in with its answer token, ahead of the API that
    # takes the rest (quizzes.answer_tokens): no session read, no django-ninja.
    path(
        "api/quizzes/attempts/<int:attempt_id>/answers",
        answer_with_token_view(api_view),
        name="answer_with_token",
    ),
    path(
        "api/quizzes/attempts/<int:attempt_id>/finish",
        finish_with_token_view(api_view),
        name="finish_with_token",
    ),
    path("api/", api.urls),
    path("", home_views.home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    # Ahead of Wagtail's admin: its reports, without the pages a user may not read.
    path("admin/", include((courses_admin_reports.urlpatterns, "courses_reports"))),
    # Wagtail's admin sign-out answers a GET with 405 but deletes the session cookie
    # all the same, so any page could sign a person out with an image; POST only.
    path("admin/logout/", require_POST(AdminLogoutView.as_view()), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    # Documents and images go only to those who may open the pages that use
    # them (courses.files, and its before_serve_document hook), never straight
    # from disk; shared caches keep none of them.
    re_path(
        r"^documents/(\d+)/(.*)$",
        cache_control(private=True, max_age=courses_files.BROWSER_CACHE_SECONDS)(document_serve),
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    re_path(courses_files.media_url_pattern(), courses_files.media_serve, name="media"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/login/", accounts.SignInView.as_view(), name="login"),
    path("accounts/logout/", accounts.SignOutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("guide/", include("hostsite.guide.urls")),
    path("people/", include("people.urls")),
    path("dashboard/", include("hostsite.dashboard.urls")),
    path("drills/facts/", include("quizzes.urls.facts")),
    path("drills/", include("quizzes.urls")),
    path("learning/", include("courses.urls")),
    path("notices/", include("notifications.urls")),
    path("mentoring/", include("mentorship.urls")),
    path("verify/", include("courses.urls.verification")),
    path("search/", course_search, name="search"),
    path("sitemap.xml", sitemap),
]

# Wagtail's page serving comes last: it catches every other path. The home
# page above is a view of its own, because it differs for every role.
# Anonymous visits to the course catalogue are answered from its cache first.
urlpatterns += [
    re_path(wagtail_serve_pattern, cached_page_serve),
    path("", include(wagtail_urls)),
]
