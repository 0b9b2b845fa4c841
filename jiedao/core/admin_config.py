from django.contrib.admin.apps import AdminConfig


class JiedaoAdminConfig(AdminConfig):
    default_site = "jiedao.core.admin_site.JiedaoAdminSite"
