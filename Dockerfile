# iamsim in a container: a static binary on distroless, run as non-root
# (docs/install.md).
#
#   docker build --build-arg VERSION="$(git describe --tags --always --dirty)" -t iamsim .
#   docker run --rm -v "$PWD:/work" iamsim lint policies/
#
# The go build line below is make dist's (internal/release BuildFlags, a
# test keeps them the same); scripts/dist-check.sh runs it where no
# container runtime is available.

# The Go of go.mod's go line, pinned by version.
FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# Set by BuildKit to the image's platform (docker build --platform);
# empty, go builds for the builder's own.
ARG TARGETOS
ARG TARGETARCH
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -buildvcs=false -ldflags "-s -w -buildid= -X github.com/iamsim/iamsim/internal/cli.Version=$VERSION" -o bin/iamsim ./cmd/iamsim

# Nothing but the binary, CA certificates and time zones; the nonroot
# user (65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/bin/iamsim /usr/local/bin/iamsim
USER nonroot:nonroot
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/iamsim"]
