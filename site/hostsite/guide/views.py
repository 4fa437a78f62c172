from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from markup.rendering import render_markdown

from . import guide_page_get, guide_pages


@require_GET
@login_required
def index(request):
    return render(request, "guide/index.html", {"pages": guide_pages()})


@require_GET
@login_required
def page(request, slug):
    found = guide_page_get(slug)
    if found is None:
        raise Http404
    return render(
        request,
        "guide/page.html",
        {"page": found, "body": render_markdown(found.text), "pages": guide_pages()},
    )
