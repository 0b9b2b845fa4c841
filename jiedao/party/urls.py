from django.urls import path

from jiedao.party import views

urlpatterns = [
    path("", views.branch_list, name="party_branch_list"),
    path("branches/new/", views.branch_create, name="party_branch_create"),
    path("branches/<int:pk>/", views.branch_detail, name="party_branch_detail"),
    path("branches/<int:pk>/edit/", views.branch_edit, name="party_branch_edit"),
    path("branches/<int:pk>/titles/new/", views.branch_title_create, name="party_branch_title_create"),
    path("members/", views.member_list, name="party_member_list"),
    path("members/new/", views.member_create, name="party_member_create"),
    path("members/<int:pk>/edit/", views.member_edit, name="party_member_edit"),
    path("duties/", views.duty_list, name="party_duty_list"),
    path("duties/new/", views.duty_create, name="party_duty_create"),
    path("duties/<int:pk>/edit/", views.duty_edit, name="party_duty_edit"),
    path("integrity/archives/", views.archive_list, name="party_archive_list"),
    path("integrity/archives/new/", views.archive_create, name="party_archive_create"),
    path("integrity/archives/<int:pk>/edit/", views.archive_edit, name="party_archive_edit"),
    path("integrity/discipline/", views.discipline_list, name="party_discipline_list"),
    path("integrity/discipline/new/", views.discipline_create, name="party_discipline_create"),
    path("integrity/discipline/<int:pk>/", views.discipline_detail, name="party_discipline_detail"),
    path("integrity/discipline/<int:pk>/edit/", views.discipline_edit, name="party_discipline_edit"),
    path("honours/", views.honour_list, name="party_honour_list"),
    path("honours/new/", views.honour_create, name="party_honour_create"),
    path("honours/<int:pk>/edit/", views.honour_edit, name="party_honour_edit"),
]
