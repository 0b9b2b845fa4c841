from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from jiedao.core.permissions import USE_ADMIN, deny


class JiedaoAdminSite(admin.AdminSite):
    site_header = "街道数字化平台 · 系统管理"
    site_title = "系统管理"
    index_title = "系统管理"
    site_url = "/"

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm(USE_ADMIN)

    def admin_view(self, view, cacheable=False):
        # A signed-in user without the right gets an audited 403 rather than the admin's own login form.
        wrapped = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                deny(request, USE_ADMIN)
            return wrapped(request, *args, **kwargs)

        return inner

    def login(self, request, extra_context=None):
        # One login page for the whole platform; a signed-in user without the right gets an audited 403.
        if request.user.is_authenticated:
            if not self.has_permission(request):
                deny(request, USE_ADMIN)
            return redirect(reverse("admin:index", current_app=self.name))
        return redirect_to_login(request.GET.get("next", reverse("admin:index", current_app=self.name)))
