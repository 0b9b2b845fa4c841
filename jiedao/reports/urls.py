from django.urls import include, path

from jiedao.reports import views

urlpatterns: list = [
    path("seed/", include("jiedao.reports.urls_seed")),
    path("brief/", include("jiedao.reports.urls_brief")),
    path("annual/", views.annual_report_index, name="annual_report"),
    path("annual/<int:year>/", views.annual_report_preview, name="annual_report_preview"),
    path("annual/<int:year>/edit/", views.annual_report_edit, name="annual_report_edit"),
    path(
        "annual/<int:year>/download/<str:fmt>/", views.annual_report_download, name="annual_report_download"
    ),
]
