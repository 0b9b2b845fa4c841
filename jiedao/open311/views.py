"""Open311 GeoReport v2 endpoints. No session login: reads are public, a submission carries an api_key.
Every error is answered in the spec's format, in the format the URL asked for — a wrong method or an unknown
path under /open311/v2/ included."""

from functools import wraps

from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from jiedao.open311 import services
from jiedao.open311.services import Open311Error


def open311_view(*methods: str):
    allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)

    def decorator(view):
        @csrf_exempt  # authenticated by api_key, not by a session
        @wraps(view)
        def wrapper(request, *args, fmt, **kwargs):
            try:
                if request.method not in allowed:
                    raise Open311Error(405, services.MSG_METHOD.format(method=request.method))
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                response = services.render(services.error_payload(exc), fmt, root="errors", status=exc.status)
                if exc.status == 405:
                    response["Allow"] = ", ".join(sorted(allowed))
                return response

        return wrapper

    return decorator


@open311_view("GET")
def discovery(request, fmt):
    base_path = reverse("open311_discovery", kwargs={"fmt": fmt}).removesuffix(f"discovery.{fmt}")
    return services.render(services.discovery(request.build_absolute_uri(base_path)), fmt, root="discovery")


@open311_view("GET")
def service_list(request, fmt):
    return services.render(services.service_list(), fmt, root="services")


@open311_view("GET")
def service_definition(request, code, fmt):
    return services.render(services.service_definition(code), fmt, root="service_definition")


@open311_view("GET", "POST")
def requests(request, fmt):
    if request.method == "POST":
        case = services.request_create(data=request.POST)
        return services.render(services.request_created(case), fmt, root="service_requests", status=201)
    return services.render(services.request_search(request.GET), fmt, root="service_requests")


@open311_view("GET")
def request_detail(request, number, fmt):
    return services.render(services.request_detail(number), fmt, root="service_requests")


@open311_view("GET")
def token(request, token, fmt):
    return services.render(services.token_lookup(token), fmt, root="service_requests")


@csrf_exempt
def not_found(request, path):
    """Anything else under /open311/v2/: the spec's 404, in XML when the path asks for it, else JSON."""
    fmt = "xml" if path.endswith(".xml") else "json"
    error = Open311Error(404, services.MSG_NOT_FOUND.format(path=request.path))
    return services.render(services.error_payload(error), fmt, root="errors", status=404)
