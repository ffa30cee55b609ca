"""The CCU's queue of intelligence checks asked for by PSD (mounted at /ccu/checks/)."""

app_name = "ccu_checks"

urlpatterns: list = []
