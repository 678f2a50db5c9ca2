"""Support moments of a match: the dagdelen, overnight stays and visits that are
planned, confirmed (happened / cancelled, by whom) and counted for funders, and the
volunteer's private calendar feed of them. See docs/support-moments.md."""
