// Package adoption holds the tests of iamsim's one-step adoption files at the
// repository root: the GitHub Action (action.yml), the pre-commit hooks
// (.pre-commit-hooks.yaml) and the CI examples of docs/ci.md. The tests run
// every command those files give against the repository's test data, with
// stand-ins for GitHub's runner, pre-commit and GitLab's runner.
package adoption
