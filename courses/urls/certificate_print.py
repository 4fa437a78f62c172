"""URLs of a certificate to print (see courses/urls/__init__.py)."""

from django.urls import path

from ..views import certificate_print as views

urlpatterns = [
    path("certificates/<str:code>/print/", views.certificate_print, name="certificate_print"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf_download, name="certificate_pdf"),
    path(
        "certificates/<str:code>/font.css", views.certificate_font_css, name="certificate_font_css"
    ),
    path("certificates/<str:code>/font.ttf", views.certificate_font, name="certificate_font"),
]
