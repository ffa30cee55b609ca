from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccessConfig(AppConfig):
    name = "standards.access"
    label = "access"
    verbose_name = "Access control"

    def ready(self) -> None:
        # The roles are data (migration 0001); re-synced after every migrate and after a test
        # database flush, which empties auth_group along with everything else.
        post_migrate.connect(_sync_roles, sender=self)


def _sync_roles(sender, app_config=None, using="default", apps=None, **kwargs) -> None:
    from django.apps import apps as global_apps

    from standards.access.roles import sync_role_permissions

    sync_role_permissions(apps or global_apps, None)
