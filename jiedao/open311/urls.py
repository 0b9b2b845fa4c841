from django.urls import path, re_path, register_converter

from jiedao.open311 import views


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "open311_format")

urlpatterns = [
    path("discovery.<open311_format:fmt>", views.discovery, name="open311_discovery"),
    path("services.<open311_format:fmt>", views.service_list, name="open311_services"),
    path("services/<slug:code>.<open311_format:fmt>", views.service_definition, name="open311_service"),
    path("requests.<open311_format:fmt>", views.requests, name="open311_requests"),
    path("requests/<slug:number>.<open311_format:fmt>", views.request_detail, name="open311_request"),
    path("tokens/<slug:token>.<open311_format:fmt>", views.token, name="open311_token"),
    re_path(r"^(?P<path>.*)$", views.not_found, name="open311_not_found"),
]
