"""The workforce's own declarations (gifts and hospitality, business interests, notifiable
associations) and their review, and the cross-checks between registers."""
