from django.urls import path

from jiedao.projects import views

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("plan/", views.project_plan, name="project_plan"),
    path("plan/export.xlsx", views.project_plan_export, name="project_plan_export"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/complete/", views.milestone_complete, name="milestone_complete"),
]
