"""A tenant's staff sign-in and API access: API tokens and locked sign-ins.

Lives in tenants/ (the base every app may use) and reaches the product's groups
by their names in settings, never by importing matching."""
