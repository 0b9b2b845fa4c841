from django.urls import path

from jiedao.volunteers import views

urlpatterns = [
    path("", views.team_list, name="volunteer_team_list"),
    path("new/", views.team_create, name="volunteer_team_create"),
    path("<int:pk>/", views.team_detail, name="volunteer_team_detail"),
    path("<int:pk>/edit/", views.team_edit, name="volunteer_team_edit"),
    path("<int:pk>/members/new/", views.member_add, name="volunteer_member_add"),
    path("<int:pk>/honours/new/", views.honour_add, name="team_honour_add"),
    path("<int:pk>/services/new/", views.service_create, name="service_record_create"),
    path("members/<int:pk>/leave/", views.member_leave, name="volunteer_member_leave"),
    path("services/", views.service_list, name="service_record_list"),
    path("services/<int:pk>/edit/", views.service_edit, name="service_record_edit"),
]
