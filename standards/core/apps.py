from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "standards.core"
    label = "core"
    verbose_name = "Service core"
