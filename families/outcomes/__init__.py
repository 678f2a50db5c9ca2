"""A family's own outcomes: their goals and ratings, and their network map.

`access` holds the one rule of who sees what; `selectors` reads a request's
goals for a page; `summary` aggregates them for the funders' reports.
"""
