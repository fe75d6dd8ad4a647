"""Matches: engine runs, review and publishing, a match's life, reminders."""
