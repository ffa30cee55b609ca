from django.apps import AppConfig


class GiftsConfig(AppConfig):
    name = "registers.gifts"
    label = "gifts"
    verbose_name = "Gifts and hospitality"
