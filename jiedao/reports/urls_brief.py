"""Mounted at /reports/brief/ (jiedao/reports/urls.py)."""

from django.urls import path

from jiedao.reports import views_brief

urlpatterns = [
    path("", views_brief.brief_report_index, name="brief_report"),
    path(
        "<int:year>/<slug:kind>/<int:number>/", views_brief.brief_report_preview, name="brief_report_preview"
    ),
    path(
        "<int:year>/<slug:kind>/<int:number>/download/<str:fmt>/",
        views_brief.brief_report_download,
        name="brief_report_download",
    ),
]
