"""Mounted at /reports/seed/ (jiedao/reports/urls.py)."""

from django.urls import path

from jiedao.reports import views_seed

urlpatterns = [
    path("", views_seed.seed_compare, name="seed_compare"),
    path("export/", views_seed.seed_compare_export, name="seed_compare_export"),
    path("years/", views_seed.indicator_years, name="indicator_years"),
    path("years/export/", views_seed.indicator_years_export, name="indicator_years_export"),
]
