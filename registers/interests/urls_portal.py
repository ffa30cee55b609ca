"""The declarant's own pages for business interests (mounted at /my/interests/)."""

app_name = "my_interests"

urlpatterns: list = []
