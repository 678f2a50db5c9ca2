"""The matching engine: hard rules (eligibility), soft criteria (scoring), the
shortlist for one request (ranking) and the waiting list at once (batch).

The core works on plain snapshots (`facts`, `pool`) and needs no database; the
loaders build those snapshots with a fixed number of queries.
"""

from matching.engine.batch import propose_batch
from matching.engine.ranking import Candidate, Ranking, rank_candidates
from matching.engine.scoring import Contribution

__all__ = ["Candidate", "Contribution", "Ranking", "propose_batch", "rank_candidates"]
