// Command dist builds iamsim's release archives into a directory: make
// dist runs it with the version git describe gives and the commit's date.
//
//	go run ./internal/release/dist -version v1.2.0 -mtime 1767225600 -o dist
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/iamsim/iamsim/internal/release"
)

func main() {
	version := flag.String("version", "dev", "the version stamped into the binaries and named in the archives")
	mtime := flag.Int64("mtime", 0, "the date of the archives' entries, in seconds since 1970 (make dist: the commit's)")
	out := flag.String("o", "dist", "the directory to write the archives and "+release.ChecksumsFile+" to")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "dist: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	names, err := release.Dist(release.Options{Root: ".", Out: *out, Version: *version, Mtime: time.Unix(*mtime, 0)})
	if err != nil {
		fmt.Fprintf(os.Stderr, "dist: %v\n", err)
		os.Exit(1)
	}
	for _, name := range names {
		fmt.Println(*out + "/" + name)
	}
	fmt.Println(*out + "/" + release.ChecksumsFile)
}
