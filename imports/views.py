"""The pipeline's pages, shared by every importer: the list of one's imports,
a run's page (its preview, then its progress, then its result), the JSON
status the progress bar polls, and the POST actions (another encoding,
confirm, retry, discard). Each app mounts them under its own URL namespace
with imports.urls.pipeline_urls(kind); the importer decides who may use them.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from .models import ImportRun
from .registry import importer_get
from .selectors import import_run_for, import_run_progress, import_runs_for
from .services import (
    ENCODINGS,
    import_run_confirm,
    import_run_discard,
    import_run_repreview,
    import_run_retry,
    is_text_file,
)

RUNS_PER_PAGE = 25


def _importer(request, kind):
    importer = importer_get(kind)
    if not importer.may_use(request.user):
        raise PermissionDenied
    return importer


def _run(request, kind, pk) -> ImportRun:
    run = import_run_for(request.user, kind, pk)
    if run is None:
        raise Http404
    return run


@require_GET
@login_required
def run_list(request, kind):
    importer = _importer(request, kind)
    page = Paginator(import_runs_for(request.user, kind), RUNS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "imports/run_list.html",
        {"importer": importer, "page": page, "base_template": importer.base_template},
    )


@require_GET
@login_required
def run_detail(request, kind, pk):
    importer = _importer(request, kind)
    run = _run(request, kind, pk)
    problems = [
        {**item, "column": importer.column_label(item["column"]) if item.get("column") else ""}
        for item in run.problems
    ]
    return TemplateResponse(
        request,
        "imports/run_detail.html",
        {
            "importer": importer,
            "run": run,
            "problems": problems,
            "progress": import_run_progress(run),
            "encodings": ENCODINGS if is_text_file(importer, run.file_name) else (),
            "result_lines": importer.result_lines(run=run)
            if run.status == ImportRun.Status.DONE
            else [],
            "result_links": importer.result_links(run=run, user=request.user)
            if run.status == ImportRun.Status.DONE
            else [],
            "base_template": importer.base_template,
            **importer.preview_context(run=run),
        },
    )


@require_GET
@login_required
def run_status(request, kind, pk):
    _importer(request, kind)
    return JsonResponse(import_run_progress(_run(request, kind, pk)))


@require_POST
@login_required
def run_encoding(request, kind, pk):
    importer = _importer(request, kind)
    run = _run(request, kind, pk)
    encoding = request.POST.get("encoding", "")
    if encoding not in {"", *(code for code, _name in ENCODINGS)}:
        raise Http404
    import_run_repreview(run=run, encoding=encoding)
    return redirect(f"{importer.namespace}:detail", pk=run.pk)


@require_POST
@login_required
def run_confirm(request, kind, pk):
    importer = _importer(request, kind)
    run = import_run_confirm(run=_run(request, kind, pk))
    return redirect(f"{importer.namespace}:detail", pk=run.pk)


@require_POST
@login_required
def run_retry(request, kind, pk):
    importer = _importer(request, kind)
    run = import_run_retry(run=_run(request, kind, pk))
    return redirect(f"{importer.namespace}:detail", pk=run.pk)


@require_POST
@login_required
def run_discard(request, kind, pk):
    importer = _importer(request, kind)
    import_run_discard(run=_run(request, kind, pk))
    return redirect(f"{importer.namespace}:upload")
