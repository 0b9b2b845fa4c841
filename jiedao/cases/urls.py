from django.urls import path

from jiedao.cases import views, views_bulk

urlpatterns = [
    path("", views.case_queue, name="case_queue"),
    path("all/", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("all/export/", views_bulk.case_export, name="case_export"),
    path("assignees/", views_bulk.case_assignees, name="case_assignees"),
    path("bulk/<str:action>/", views_bulk.case_bulk, name="case_bulk"),
    path("kpis/", views_bulk.kpis, name="kpis"),
    path("kpis/export/", views_bulk.kpis_export, name="kpis_export"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/act/<str:action>/", views.case_act, name="case_act"),
    path("<int:pk>/attachments/", views.case_attachment_upload, name="case_attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.case_attachment, name="case_attachment"),
]
