from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "standards.core"
    label = "core"
    verbose_name = "Service core"


class StandardsAdminConfig(admin_apps.AdminConfig):
    default = False
    """Django's admin, restricted to administrators who signed in with their second factor."""

    default_site = "standards.core.admin_site.StandardsAdminSite"
