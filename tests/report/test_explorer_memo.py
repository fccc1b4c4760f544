"""`Explorer.memo`: the memo for the panel's current inputs, from the panel's own assessment."""

from __future__ import annotations

import pytest

from cpo_model import Company, InvalidInputError
from cpo_model.present import DECISION_LABELS


def test_explorer_writes_the_memo_of_its_current_inputs(tmp_path, monkeypatch):
    import cpo_model.analysis
    import cpo_model.widgets.explorer as explorer_module
    from cpo_model.widgets.explorer import Explorer

    ex = Explorer(Company(headcount=120, complexity=2, name="Panel <Co>"), debounce=0)
    ex.headcount.value = 2600  # hand-checked: 2,600 people at level 2 is "create the role now"
    calls = []
    real = explorer_module.assess
    monkeypatch.setattr(explorer_module, "assess", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(cpo_model.analysis, "assess", lambda *a, **k: calls.append(1))
    out = ex.memo(tmp_path / "panel.html", prepared_by="The CEO")
    html = out.read_text(encoding="utf-8")
    assert calls == []  # the panel's assessment is the memo's
    assert DECISION_LABELS[ex.assessment.create_cpo] == "Create the role now"
    assert "Create the role now" in html[html.index("<section class='page-one") :][:600]
    assert "2,600 people" in html and "Panel &lt;Co&gt;" in html and "Prepared by" in html


def test_the_button_writes_the_memo_and_says_where(tmp_path, monkeypatch):
    from cpo_model.widgets.explorer import Explorer

    monkeypatch.chdir(tmp_path)
    ex = Explorer(Company(headcount=120, complexity=3, name="Acme"), debounce=0)
    ex.memo_button.click()
    assert (tmp_path / "reports" / "acme.html").is_file()
    assert "reports/acme.html" in ex.memo_status.value


def test_invalid_inputs_write_no_memo(tmp_path):
    from cpo_model.widgets.explorer import Explorer

    ex = Explorer(Company(headcount=120, complexity=3, name="Acme"), debounce=0)
    ex.fields["engineers"].value = "500"  # more engineers than people
    with pytest.raises(InvalidInputError, match="engineers"):
        ex.memo(tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
