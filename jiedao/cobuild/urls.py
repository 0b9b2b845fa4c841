from django.urls import path

from jiedao.cobuild import views

urlpatterns = [
    path("", views.item_list, name="cobuild_item_list"),
    path("items/new/", views.item_create, name="cobuild_item_create"),
    path("items/<int:pk>/edit/", views.item_edit, name="cobuild_item_edit"),
    path("rectifications/", views.rectification_list, name="rectification_list"),
    path("rectifications/new/", views.rectification_create, name="rectification_create"),
    path("rectifications/<int:pk>/edit/", views.rectification_edit, name="rectification_edit"),
    path("waste/", views.waste_list, name="waste_list"),
    path("waste/<int:pk>/edit/", views.waste_edit, name="waste_edit"),
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("committees/<int:pk>/edit/", views.committee_edit, name="committee_edit"),
]
