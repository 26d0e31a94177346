#!/usr/bin/env bash
# make dist-check: make dist from fresh clones of the committed tree
# (what a release builds from), then check that
#   - every target's archive is there and SHA256SUMS verifies them;
#   - two clones at different paths give the same bytes (reproducible);
#   - the host's binary is static (CGO_ENABLED=0) and its --version
#     prints the stamped version (git describe's, the default) and the
#     embedded catalog's date;
#   - the Dockerfile builds and its image prints the same version, with a
#     container runtime; without one, the Dockerfile's go build line runs
#     here and its binary does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "dist-check: $*" >&2; exit 1; }

git clone --quiet "$root" "$tmp/a"
git clone --quiet "$root" "$tmp/clone-b"
(cd "$tmp/a" && make --no-print-directory dist >/dev/null)
(cd "$tmp/clone-b" && make --no-print-directory dist >/dev/null)
a=$tmp/a
version=$(git -C "$a" describe --tags --always --dirty)

# Every target, and the checksums.
want="darwin_amd64.tar.gz darwin_arm64.tar.gz linux_amd64.tar.gz linux_arm64.tar.gz windows_amd64.zip windows_arm64.zip"
got=$(cd "$a/dist" && ls iamsim_* | sed "s/^iamsim_${version}_//" | sort | tr '\n' ' ')
[ "$got" = "$want " ] || fail "dist/ holds $got, want $want"
if command -v sha256sum >/dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
(cd "$a/dist" && "${sum[@]}" -c --quiet SHA256SUMS) || fail "SHA256SUMS does not verify"
[ "$(wc -l < "$a/dist/SHA256SUMS")" -eq 6 ] || fail "SHA256SUMS lists $(wc -l < "$a/dist/SHA256SUMS") archives, want 6"
cmp -s "$a/dist/SHA256SUMS" "$tmp/clone-b/dist/SHA256SUMS" ||
	fail "two clones of one commit gave different archives:$(diff "$a/dist/SHA256SUMS" "$tmp/clone-b/dist/SHA256SUMS")"

# What --version must print: the stamp, and the catalog line of this tree.
catalog=$(cd "$a" && go run ./cmd/iamsim --version | sed -n 2p)
[[ $catalog =~ \(data\ of\ [0-9]{4}-[0-9]{2}-[0-9]{2}\)$ ]] || fail "the catalog line $catalog has no date"
check_version() { # binary, what it is
	out=$("$1" --version) || fail "$2: --version failed"
	[ "$out" = "iamsim $version"$'\n'"$catalog" ] || fail "$2: --version printed:"$'\n'"$out"$'\n'"want:"$'\n'"iamsim $version"$'\n'"$catalog"
}

host=$(go env GOHOSTOS)_$(go env GOHOSTARCH)
if [ "$(go env GOHOSTOS)" != windows ]; then
	mkdir "$tmp/x"
	tar -xzf "$a/dist/iamsim_${version}_${host}.tar.gz" -C "$tmp/x"
	bin=$tmp/x/iamsim_${version}_${host}/iamsim
	check_version "$bin" "the $host archive"
	go version -m "$bin" | grep -q 'CGO_ENABLED=0' || fail "the $host binary was not built with CGO_ENABLED=0"
fi

# The Dockerfile.
if docker info >/dev/null 2>&1; then
	tag=iamsim-dist-check:$$
	docker build --quiet --build-arg VERSION="$version" -t "$tag" "$a" >/dev/null
	trap 'docker rmi -f "$tag" >/dev/null; rm -rf "$tmp"' EXIT
	out=$(docker run --rm "$tag" --version)
	[ "$out" = "iamsim $version"$'\n'"$catalog" ] || fail "the image's --version printed:"$'\n'"$out"
	[ "$(docker image inspect -f '{{.Config.User}}' "$tag")" = nonroot:nonroot ] || fail "the image does not run as nonroot"
	echo "dist-check: the Dockerfile built and its image ran"
else
	line=$(sed -n 's/^RUN \(CGO_ENABLED=0 .* go build .*\)$/\1/p' "$a/Dockerfile")
	[ -n "$line" ] || fail "the Dockerfile has no RUN CGO_ENABLED=0 ... go build line"
	(cd "$a" && VERSION=$version TARGETOS=$(go env GOHOSTOS) TARGETARCH=$(go env GOHOSTARCH) sh -c "$line")
	check_version "$a/bin/iamsim" "the Dockerfile's go build"
	echo "dist-check: no container runtime (docker info failed): ran the Dockerfile's go build line instead"
fi
echo "dist-check: $(ls "$a/dist" | wc -l | tr -d ' ') files in dist/ for $version verify and reproduce"
