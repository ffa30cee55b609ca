from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    label = "registers"
    verbose_name = "Integrity registers"
