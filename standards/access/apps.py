from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "standards.access"
    label = "access"
    verbose_name = "Access control"
