"""Output for people: a stretch's card as HTML, printable handouts, charts of the week."""
