# cpo-model: `make test` sets everything up (venv, packages, Chromium) and runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp

.PHONY: install test lint format browser lab app report bench clean notebooks changed-answers

install: $(STAMP)

# uv (from PyPI, into the venv) installs the packages, byte-compiled as pip does (no process
# then compiles them again), in about half the time.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --upgrade pip -e '.[notebooks,scale,test]'
	touch $(STAMP)

# Debian chromium for the browser tests and PDF memos (never a browser download); poppler-utils
# (pdftotext, pdfinfo) for the memo's PDF tests.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install -y chromium'"; fi; }
	@command -v pdftotext >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq poppler-utils >/dev/null || echo "poppler-utils missing (the memo's PDF tests): run 'sudo apt-get install -y poppler-utils'"; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# One worker per core (`-n auto`); a file's tests stay on one worker, so its
# module-scoped servers and notebooks start once. A worker that dies is not replaced
# (`--max-worker-restart 0`): the run reports it and ends instead of waiting.
# Python may cache compiled modules (__pycache__, git-ignored) even where the environment says
# not to (PYTHONDONTWRITEBYTECODE): the suite's servers, kernels and workers then compile the
# package and the tests once, not each.
test: install browser lint
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n auto --dist loadfile --max-worker-restart 0

# One company's memo, as a board reads it offline: the bundled example Atlas Freight
# (data/examples/companies.csv) with the owners of the nine responsibilities stated.
EXAMPLE_OWNERS := product_strategy=ceo product_vision=ceo product_design=product_lead user_research=nobody \
	product_development=product_lead growth_marketing=ceo analysis_metrics=nobody build_organization=ceo hire_oversee=product_lead
report: install
	@$(BIN)/cpo-model report --name "Atlas Freight" --headcount 120 --complexity 3 --product-managers 4 --engineers 40 \
	  --annual-growth 0.4 $(addprefix --owner ,$(EXAMPLE_OWNERS)) --out reports/example.html

# JupyterLab on the notebooks of this checkout, on 127.0.0.1 (pip users: `cpo-model lab DIR`).
lab: install
	$(BIN)/cpo-model lab notebooks

# The CHANGELOG's "Changed answers": `make changed-answers FROM=f033c54` runs the policy of
# commit FROM and this working tree's policy on the bundled example companies (`cpo-model policy
# diff --csv ... --format markdown`) and prints the list, each change with its cause.
changed-answers: install
	@test -n "$(FROM)" || { echo "usage: make changed-answers FROM=<commit>"; exit 2; }
	@old=$$(mktemp --suffix=.yaml) && git show $(FROM):data/policy.yaml > $$old && \
	  $(BIN)/cpo-model policy diff $$old data/policy.yaml --csv data/examples/companies.csv \
	  --format markdown; status=$$?; rm -f $$old; exit $$status

# Re-execute every notebook in place, so the outputs nbval checks are today's; then nbval's
# markers become cell tags and each panel's repr one line saying to run the cell.
notebooks: install
	cd notebooks && for nb in *.ipynb; do ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; done
	$(BIN)/python -m cpo_model.widgets.reopen notebooks/*.ipynb

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts build *.egg-info

app: install
	$(BIN)/cpo-model app

# Benchmarks: `make bench` (full, several minutes) or `make bench QUICK=1` (smoke run).
bench: install
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick --out -)
