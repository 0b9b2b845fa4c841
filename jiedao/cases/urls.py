from django.urls import path

from jiedao.cases import views

urlpatterns = [
    path("", views.case_queue, name="case_queue"),
    path("all/", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/act/<str:action>/", views.case_act, name="case_act"),
]
