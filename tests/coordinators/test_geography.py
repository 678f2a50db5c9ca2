import pytest

from coalition.programmes.geography import distance_km, locate, normalise_pc4


def test_it_places_tilburg_centre_in_the_binnenstad():
    centre = locate("5038")
    assert (centre.lat, centre.lon) == (51.5570, 5.0796)
    assert centre.wijk_name == "Binnenstad"
    assert not centre.approximate


def test_distances_match_the_published_checks():
    assert distance_km("5038", "5056") == pytest.approx(5.25, abs=0.01)
    assert distance_km("5038", "1012") == pytest.approx(91.7, abs=0.1)


def test_an_unknown_pc4_falls_back_to_the_nearest_known_one():
    po_box = locate("5000")
    assert po_box.approximate
    assert po_box.place == "Tilburg"


@pytest.mark.parametrize(
    ("raw", "pc4"), [("5038 AB", "5038"), ("5038ab", "5038"), ("0123", None), ("abc", None)]
)
def test_postcodes_are_normalised(raw, pc4):
    assert normalise_pc4(raw) == pc4
