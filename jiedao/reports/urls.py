from django.urls import include, path

from jiedao.reports import views, views_records

urlpatterns: list = [
    path("seed/", include("jiedao.reports.urls_seed")),
    path("brief/", include("jiedao.reports.urls_brief")),
    path("indicators/<str:code>/", views_records.indicator_records, name="indicator_records"),
    path(
        "indicators/<str:code>/export/",
        views_records.indicator_records_export,
        name="indicator_records_export",
    ),
    path("annual/", views.annual_report_index, name="annual_report"),
    path("annual/<int:year>/", views.annual_report_preview, name="annual_report_preview"),
    path("annual/<int:year>/edit/", views.annual_report_edit, name="annual_report_edit"),
    path(
        "annual/<int:year>/download/<str:fmt>/", views.annual_report_download, name="annual_report_download"
    ),
]
