"""The public pages of events, one module per audience: `listing` (the list and its calendar
feed), `page` (an event's page, its register form, its share card, speakers) and `links` (the
registrant's own pages reached through their emailed links).

The meeting's address is on none of them: only `links.registration_join` reads it, at the moment
a confirmed registrant follows their link, and answers with a redirect to it.
"""
