"""Open311 GeoReport v2 endpoints. No session login: reads are public, a submission carries an api_key.
Every error is answered in the spec's format, in the format the URL asked for."""

from functools import wraps

from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from jiedao.open311 import services
from jiedao.open311.services import Open311Error


def open311_view(view):
    @wraps(view)
    def wrapper(request, *args, fmt, **kwargs):
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return services.render(services.error_payload(exc), fmt, root="errors", status=exc.status)

    return wrapper


@require_GET
@open311_view
def discovery(request, fmt):
    base_path = reverse("open311_discovery", kwargs={"fmt": fmt}).removesuffix(f"discovery.{fmt}")
    return services.render(services.discovery(request.build_absolute_uri(base_path)), fmt, root="discovery")


@require_GET
@open311_view
def service_list(request, fmt):
    return services.render(services.service_list(), fmt, root="services")


@require_GET
@open311_view
def service_definition(request, code, fmt):
    return services.render(services.service_definition(code), fmt, root="service_definition")


@csrf_exempt  # authenticated by api_key, not by a session
@require_http_methods(["GET", "POST"])
@open311_view
def requests(request, fmt):
    if request.method == "POST":
        case = services.request_create(data=request.POST)
        return services.render(services.request_created(case), fmt, root="service_requests", status=201)
    return services.render(services.request_search(request.GET), fmt, root="service_requests")


@require_GET
@open311_view
def request_detail(request, number, fmt):
    return services.render(services.request_detail(number), fmt, root="service_requests")


@require_GET
@open311_view
def token(request, token, fmt):
    return services.render(services.token_lookup(token), fmt, root="service_requests")
