"""Programs: their rules, templates, eligibility and admin."""
