from django.contrib import admin
from django.urls import include, path

from jiedao.api.api import api_urls
from jiedao.core import views

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", views.logout, name="logout"),
    path("areas/", views.area_list, name="area_list"),
    path("areas/<int:pk>/", views.area_detail, name="area_detail"),
    path("audit/", views.audit_list, name="audit_list"),
    path("calendar/", include("jiedao.workcalendar.urls")),
    path("excel/", include("jiedao.excel.urls")),
    path("registry/", include("jiedao.registry.urls")),
    path("enterprises/", include("jiedao.enterprises.urls")),
    path("cases/", include("jiedao.cases.urls")),
    path("activities/", include("jiedao.activities.urls")),
    path("party/", include("jiedao.party.urls")),
    path("projects/", include("jiedao.projects.urls")),
    path("cobuild/", include("jiedao.cobuild.urls")),
    path("volunteers/", include("jiedao.volunteers.urls")),
    path("targets/", include("jiedao.targets.urls")),
    path("reports/", include("jiedao.reports.urls")),
    path("dashboard/", include("jiedao.reports.urls_dashboard")),
    path("open311/v2/", include("jiedao.open311.urls")),
    path("api/v1/", api_urls()),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
