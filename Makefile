# One task runner; CI runs these targets verbatim.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages PySide6 needs at run time (xcb platform + offscreen), and poppler for PDF previews in tests.
DEBS := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 \
        libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 \
        libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6 fonts-dejavu-core \
        poppler-utils xvfb xauth libzbar0

.PHONY: run test test-long lint bench package i18n system-deps setup clean

run: setup
	$(VENV)/bin/rentan-desktop $(ARGS)

# Two passes: everything but the wall-clock-bound tests on $(JOBS) workers, then those alone.
# Exit status 5 ("no tests collected", when ARGS picks only one kind) counts as success.
JOBS ?= 2
test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(JOBS) -m "not slow and not serial" $(ARGS); \
	s=$$?; [ $$s -eq 0 ] || [ $$s -eq 5 ] || exit $$s; \
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:xdist -m "serial and not slow" $(ARGS); \
	s=$$?; [ $$s -eq 0 ] || [ $$s -eq 5 ]

test-long: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m slow $(ARGS)

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

bench: setup
	$(PY) bench/run.py $(ARGS)

package: setup
	$(MAKE) -C packaging bundle

i18n: setup
	sh packaging/update_translations.sh

setup: system-deps $(STAMP)

system-deps:
	@sh packaging/system-deps.sh $(DEBS)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist
