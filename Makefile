# The two commands a newcomer needs: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

# Debian packages the build, the tests and the tools need.
DEB_PACKAGES := pkg-config python3 libpoppler-glib-dev libxml2-dev poppler-utils unzip libxml2-utils graphviz \
  libhunspell-dev hunspell-vi libreoffice-writer-nogui tesseract-ocr tesseract-ocr-vie imagemagick img2pdf
DEMO_FILE ?= Corpus/000.pdf

.PHONY: deps build demo test score bench clean serve legacy-check

deps:
	@command -v swift >/dev/null || { echo "make: no Swift toolchain on PATH (expected Swift 6 at /opt/swift)"; exit 1; }
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# The Swift runtime linked in statically: the binary starts in about half the time.
build: deps
	swift build -c release --product vanban --static-swift-stdlib

demo: build
	.build/release/vanban parse $(DEMO_FILE) --format outline

test: deps
	swift test --disable-swift-testing

# Scores every corpus file against its gold with the shared scorer.
score: build
	@for g in Corpus/*.gold.json Corpus/pairs/*.gold.json; do n=$${g%.gold.json}; \
	  for f in $$n.txt $$n.pdf $$n.docx; do [ -f $$f ] || continue; \
	    .build/release/vanban parse $$f --format json --output /tmp/vanban-score.json && \
	    echo "$$f: $$(python3 ../shared/tools/score.py $$g /tmp/vanban-score.json | tail -1)"; done; done

# The web app on a store of the corpus (and of ../shared's pairs when present): http://127.0.0.1:8080/
# A debug build: a first release build of Hummingbird and its dependencies takes long on a small machine.
SERVE_DB ?= serve.sqlite
SERVE_PORT ?= 8080
SERVE_FILES := $(wildcard Corpus/*.docx) $(wildcard ../shared/corpus/pairs/*.docx)
serve: deps
	swift build --product vanban
	.build/debug/vanban serve --db $(SERVE_DB) --port $(SERVE_PORT) $(foreach f,$(SERVE_FILES),--import $(f))

# Every goal of issue 15 as a ratio against its peer, measured in the same run (vanban-bench all).
bench: deps
	swift build -c release --product vanban
	swift run -c release vanban-bench all

clean:
	rm -rf .build

# The whole-folder runs of issue 14, too slow for CI: every .doc/.rtf and scan of ../shared/corpus/wild
# (time per file, and per file in a batch of 100), and degraded scans of the corpus PDFs scored against their gold.
legacy-check: deps
	swift build --product vanban
	scripts/legacy-check.sh .build/debug/vanban
