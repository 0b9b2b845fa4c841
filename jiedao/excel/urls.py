from django.urls import path

from jiedao.excel import views

urlpatterns = [
    path("", views.excel_center, name="excel_center"),
    path("jobs/<int:pk>/", views.excel_job, name="excel_job"),
    path("jobs/<int:pk>/report.xlsx", views.excel_job_report, name="excel_job_report"),
    path("<slug:code>/template.xlsx", views.excel_template, name="excel_template"),
    path("<slug:code>/import/", views.excel_import, name="excel_import"),
    path("<slug:code>/export.xlsx", views.excel_export, name="excel_export"),
]
