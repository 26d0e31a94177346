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

// EmbeddedCatalog names the embedded service catalog: package, version
// and date, for a front end's output (diff's SARIF driver).
func EmbeddedCatalog() (CatalogInfo, error) {
	cat, err := catalog.Load()
	if err != nil {
		return CatalogInfo{}, err
	}
	return cat.Info(), nil
}
