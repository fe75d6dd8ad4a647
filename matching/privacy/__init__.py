"""Personal data of participants as a whole: export (GDPR art. 15, 20) and
erasure (art. 17), over every subject that stores it."""
