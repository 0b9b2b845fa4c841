from django.urls import path

from jiedao.activities import views

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_create, name="activity_create"),
    path("measure-fields/", views.activity_measure_fields, name="activity_measure_fields"),
    path("totals/", views.activity_totals, name="activity_totals"),
    path("totals/export.xlsx", views.activity_totals_export, name="activity_totals_export"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/attachments/", views.activity_attachment_add, name="activity_attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.activity_attachment, name="activity_attachment"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.activity_attachment_remove,
        name="activity_attachment_remove",
    ),
    path("types/", views.activitytype_list, name="activitytype_list"),
    path("types/new/", views.activitytype_create, name="activitytype_create"),
    path("types/<int:pk>/edit/", views.activitytype_edit, name="activitytype_edit"),
    path("types/measures/new/", views.measure_create, name="measure_create"),
    path("info/", views.infoitem_list, name="infoitem_list"),
    path("info/new/", views.infoitem_create, name="infoitem_create"),
    path("info/<int:pk>/", views.infoitem_detail, name="infoitem_detail"),
    path("info/<int:pk>/edit/", views.infoitem_edit, name="infoitem_edit"),
    path("info/<int:pk>/adoptions/", views.adoption_add, name="adoption_add"),
    path("info/<int:pk>/adoptions/<int:adoption_pk>/remove/", views.adoption_remove, name="adoption_remove"),
]
