"""`charts.live`: maps built in one process share their background, never their company."""

from __future__ import annotations

import threading

import matplotlib
import pytest

matplotlib.use("Agg")  # this test process only

from cpo_model import Company, assess, load_policy
from cpo_model.analysis import decision_grid, map_key
from cpo_model.charts import live
from cpo_model.charts.live import SHARED, LiveMap, SharedBackgrounds


def _dot(fig) -> tuple[float, float]:
    (dot,) = [line for line in fig.axes[0].lines if line.get_gid() == "company"]
    return float(dot.get_xdata()[0]), float(dot.get_ydata()[0])


def _render(company: Company, policy=None) -> tuple[LiveMap, bytes]:
    a = assess(company, policy)
    m = LiveMap()
    return m, m.render(a, map_key(a), lambda: decision_grid(a, policy))


@pytest.fixture
def empty_cache():
    SHARED.clear()
    yield SHARED
    SHARED.clear()


def test_two_pages_share_the_background_and_each_draws_its_own_company(empty_cache):
    from cpo_model.app import app_page

    drawn = empty_cache.drawn
    first = app_page(Company(headcount=150, complexity=3))
    second = app_page(Company(headcount=900, complexity=5))
    one, two = first.explorer, second.explorer
    assert empty_cache.drawn == drawn + 1, "the second page must not draw the background again"
    assert (one.live.drawn, two.live.drawn) == (1, 0)
    assert one.live._background is two.live._background
    assert one.live.figure is not two.live.figure, "each visitor keeps a figure of its own"
    assert _dot(one.figures["map"]) == (150, 3) and _dot(two.figures["map"]) == (900, 5)
    assert bytes(one.images["map"].value) != bytes(two.images["map"].value)
    # moving one visitor's company leaves the other's picture and figure alone
    before = bytes(two.images["map"].value)
    one.headcount.value = "40"
    assert _dot(one.figures["map"]) == (40, 3) and _dot(two.figures["map"]) == (900, 5)
    assert bytes(two.images["map"].value) == before


def test_a_map_from_the_shared_background_is_the_picture_drawn_in_full(empty_cache):
    """Pixel for pixel: drawn alone, and drawn over another company's kept background."""
    company = Company(headcount=2_000, complexity=2, product_managers=3, engineers=30, name="Acme")
    drawn_alone = _render(company)[1]
    empty_cache.clear()
    _render(company.with_changes(headcount=60, complexity=4))  # another company, same map
    kept, png = _render(company)
    assert kept.drawn == 0 and png == drawn_alone
    assert live.figure_png(kept.figure) == live.figure_png(_render(company)[0].figure)


def test_different_maps_do_not_share(empty_cache, policy_file):
    """Another name (title, legend), size bands or policy is another background."""
    base = Company(headcount=150, complexity=3)
    _render(base)
    for other, policy in [
        (base.with_changes(name="Acme"), None),
        (
            base,
            load_policy(policy_file(lambda d: d["size_standards"]["eu"].update(large_from=400))),
        ),
    ]:
        m, _ = _render(other, policy)
        assert m.drawn == 1
    a = assess(base, standard="gartner")
    m = LiveMap()
    m.render(a, map_key(a), lambda: decision_grid(a))
    assert m.drawn == 1 and len(empty_cache) == 4


def test_the_cache_is_bounded_and_draws_once_for_visitors_arriving_together():
    cache = SharedBackgrounds(size=2)
    calls = []
    gate = threading.Event()

    def draw():
        calls.append(1)
        gate.wait(1)
        return "pixels"

    threads = [threading.Thread(target=cache.get_or_draw, args=("same", draw)) for _ in range(8)]
    for t in threads:
        t.start()
    gate.set()
    for t in threads:
        t.join(5)
    assert len(calls) == 1 and (cache.drawn, cache.reused) == (1, 7)
    for key in ("a", "b", "c"):
        cache.get_or_draw(key, lambda k=key: k)
    assert len(cache) == 2
    assert cache.get_or_draw("same", lambda: "drawn again") == "drawn again"
