package api

import (
	"fmt"

	"github.com/iamsim/iamsim/internal/catalog"
)

// CatalogVersion describes the embedded service catalog, for a front
// end's version: "service catalog: PACKAGE VERSION (data of DATE)".
func CatalogVersion() string {
	cat, err := catalog.Load()
	if err != nil {
		return "service catalog: " + err.Error()
	}
	info := cat.Info()
	return fmt.Sprintf("service catalog: %s %s (data of %s)", info.Package, info.Version, info.Date)
}
