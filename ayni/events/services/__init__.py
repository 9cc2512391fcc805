"""The events' writes, by topic: registering (the supporter's action and its places),
emails (what each registration is due, through the outbox), calendar (.ics), reminders,
backoffice (the organisers' actions), signals (what other apps may listen to)."""
