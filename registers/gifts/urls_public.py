"""The public register of chief officers' gifts and hospitality (mounted at /public/gifts/)."""

app_name = "public_gifts"

urlpatterns: list = []
