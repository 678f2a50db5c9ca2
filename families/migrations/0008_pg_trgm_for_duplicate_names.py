# pg_trgm compares the names of possible duplicate families (families.duplicates).
# The operation does nothing on other databases (SQLite runs the same measure in Python).

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0007_family_duplicates_and_merges"),
    ]

    operations = [TrigramExtension()]
