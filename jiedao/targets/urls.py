from django.urls import path

from jiedao.targets import views

urlpatterns = [
    path("", views.target_list, name="target_list"),
    path("new/", views.target_create, name="target_create"),
    path("<int:pk>/", views.target_detail, name="target_detail"),
    path("<int:pk>/edit/", views.target_edit, name="target_edit"),
]
