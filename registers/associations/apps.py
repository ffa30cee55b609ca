from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "registers.associations"
    label = "associations"
    verbose_name = "Notifiable associations"
