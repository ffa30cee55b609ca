from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "registers.interests"
    label = "interests"
    verbose_name = "Business interests"
