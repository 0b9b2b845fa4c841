from django.urls import path

from jiedao.reports import views_dashboard

urlpatterns = [
    path("", views_dashboard.dashboard_page, name="dashboard"),
    path("cases/", views_dashboard.dashboard_cases, name="dashboard_cases"),
]
