from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SiteConfig(AppConfig):
    """The site: the home page, navigation, error pages, the admin site and the demo force. It
    ties every part of ``standards`` together, so it sits above them all (see pyproject.toml's
    import contracts); nothing in ``standards`` imports it."""

    default = True
    name = "standards.site"
    label = "site"
    verbose_name = "Site"


class StandardsAdminConfig(admin_apps.AdminConfig):
    default = False
    """Django's admin, restricted to administrators who signed in with their second factor."""

    default_site = "standards.site.admin_site.StandardsAdminSite"
