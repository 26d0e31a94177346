// Package release builds iamsim's release archives: one static binary per
// target, packed with the licence and the README into a tar.gz (a zip for
// Windows) whose bytes depend only on its inputs, and a SHA256SUMS file
// that sha256sum -c verifies. make dist runs it through ./internal/release/dist;
// docs/install.md describes the result.
package release
