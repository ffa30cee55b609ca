from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "standards.notifications"
    label = "notifications"
    verbose_name = "Notifications"
