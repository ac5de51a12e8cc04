// Package themes holds the default theme, embedded in the razem binary: a
// site with no themes/ folder (only content/, perhaps not even a
// config.toml) builds with it, and a site's own themes/default and
// layouts/ are laid over it file by file.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// Default is the default theme's folder (layouts/, i18n/, static/).
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // the folder is embedded above: it is always there
	}
	return sub
}
