// Command iamsim simulates and lints AWS IAM policies offline.
package main

import (
	"os"

	"github.com/iamsim/iamsim/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
