"""The declarant's own pages for gifts and hospitality (mounted at /my/gifts/)."""

app_name = "my_gifts"

urlpatterns: list = []
