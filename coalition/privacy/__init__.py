"""Privacy (AVG/GDPR): subject access export, erasure, retention, safe logging.

The export and the erasure find a person's data by walking the model relations
(`_meta.related_objects`), so a model added later is covered without anyone
having to remember it here; `tests/trust/test_relation_walk.py` keeps it so.
What the walk cannot know (which rows go altogether, what is due when, what a
user may not read in an export) each app registers from its own `privacy.py`
(see `registry.py`); this room imports none of them.
"""
