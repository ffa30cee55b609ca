"""The declarant's own pages for notifiable associations (mounted at /my/associations/)."""

app_name = "my_associations"

urlpatterns: list = []
