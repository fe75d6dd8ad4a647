"""Two-step sign-in for staff (django-otp: TOTP in an authenticator app, with
recovery codes): always for the operator's staff, and for a tenant's staff as the
tenant's `mfa_policy` says (by default those who see personal data)."""
